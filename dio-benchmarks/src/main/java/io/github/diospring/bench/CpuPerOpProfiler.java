package io.github.diospring.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark JVM per operation, from the process's own accounting
 * ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}: every thread of the
 * process, event loops, JIT and GC included), sampled around each iteration and divided by the
 * iteration's operations, the way JMH's {@code -prof gc} normalises allocation
 * ({@code allOps}, which counts {@code @OperationsPerInvocation}). Use with
 * {@code -prof io.github.diospring.bench.CpuPerOpProfiler}. It also reports the cores that nginx
 * ({@code BENCH_NGINX_PIDS}) and all other processes used during the iteration (/proc/stat).
 */
public class CpuPerOpProfiler implements InternalProfiler {

	private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private long cpuBefore;

	private long wallBefore;

	private Machine.Sample machineBefore;

	@Override
	public String getDescription() {
		return "Process CPU time per operation (getProcessCpuTime around each iteration / ops)";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.machineBefore = Machine.sample();
		this.wallBefore = System.nanoTime();
		this.cpuBefore = this.os.getProcessCpuTime();
	}

	@Override
	public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
			IterationResult result) {
		long cpu = this.os.getProcessCpuTime() - this.cpuBefore;
		long wall = System.nanoTime() - this.wallBefore;
		long ops = result.getMetadata().getAllOps();
		Machine.Sample machine = Machine.sample();
		return List.of(
				// CPU that other processes (not this JVM, not nginx) took during the iteration: a
				// measurement disturbed by a build running next to it shows here.
				new ScalarResult("cpu.other.cores", machine.otherCores(this.machineBefore), "cores",
						AggregationPolicy.AVG),
				new ScalarResult("cpu.nginx.cores", machine.nginxCores(this.machineBefore), "cores",
						AggregationPolicy.AVG),
				new ScalarResult("cpu.time.per.op", (ops > 0) ? cpu / 1000.0 / ops : Double.NaN, "us/op",
						AggregationPolicy.AVG),
				new ScalarResult("cpu.cores.busy", (wall > 0) ? (double) cpu / wall : Double.NaN, "cores",
						AggregationPolicy.AVG));
	}

}
