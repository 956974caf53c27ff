package io.github.diospring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 100 MiB file streamed to disk, one download at a time (one op = 100 MiB, so MiB/s =
 * ops/s × 100). The file goes to {@code BENCH_DOWNLOAD_DIR} (default: java.io.tmpdir) and is
 * overwritten by every op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g", "-XX:+UseG1GC",
		"-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "-Djdk.httpclient.enableAllMethodRetry=true" })
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class DownloadBenchmark {

	/** The default run keeps three rows (the 30-minute budget); add others with {@code -p client=...}. */
	@Param({ Clients.DIO_DOWNLOAD, Clients.WEBCLIENT, Clients.OKHTTP })
	public String client;

	private BenchClient http;

	private Path target;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Machine.awaitQuiet();
		this.http = Clients.create(this.client, Payloads.baseUrl());
		String dir = System.getenv().getOrDefault("BENCH_DOWNLOAD_DIR", System.getProperty("java.io.tmpdir"));
		this.target = Files.createTempFile(Path.of(dir), "dio-bench-" + this.client.replace('+', '-'), ".bin");
		long n = this.http.download(this.target);
		if (n != Payloads.FILE_SIZE || Files.size(this.target) != Payloads.FILE_SIZE) {
			throw new IllegalStateException(this.client + " downloaded " + n + " bytes, expected " + Payloads.FILE_SIZE);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.http.close();
		Files.deleteIfExists(this.target);
	}

	@Benchmark
	public long download() throws Exception {
		return this.http.download(this.target);
	}

}
