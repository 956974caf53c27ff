package io.github.diospring.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

/**
 * 64 requests in flight, non-blocking: one JMH thread per invocation sends {@link #BATCH} requests
 * through {@code flatMap(..., 64)} and waits for all of them; JMH counts {@link #BATCH} operations
 * per invocation. New requests start on the event loop as earlier ones complete, as in a reactive
 * application; only the last 63 of each batch run with fewer than 64 in flight.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g", "-XX:+UseG1GC",
		"-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "-Djdk.httpclient.enableAllMethodRetry=true" })
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
public class FlatMap64Benchmark {

	/** Requests per invocation. */
	public static final int BATCH = 1024;

	/** Requests in flight. */
	public static final int CONCURRENCY = 64;

	@Param({ Clients.DIO_NETTY, Clients.DIO_NETTY_INTERCEPTORS, Clients.DIO, Clients.DIO_INTERCEPTORS,
			Clients.DIO_CREATE, Clients.DIO_BOOT, Clients.WEBCLIENT })
	public String client;

	private ReactiveBenchClient http;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Machine.awaitQuiet();
		this.http = Clients.createReactive(this.client, Payloads.baseUrl());
		Verify.responses(this.http);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.http.close();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public Long getSmall() {
		return Flux.range(0, BATCH).flatMap(i -> this.http.getSmallMono(), CONCURRENCY).count().block();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public Long getLarge() {
		return Flux.range(0, BATCH).flatMap(i -> this.http.getLargeMono(), CONCURRENCY).count().block();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public Long postSmall() {
		return Flux.range(0, BATCH).flatMap(i -> this.http.postSmallMono(), CONCURRENCY).count().block();
	}

}
