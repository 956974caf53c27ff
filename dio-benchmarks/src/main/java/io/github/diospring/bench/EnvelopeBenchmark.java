package io.github.diospring.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.diospring.Response;
import io.github.diospring.bench.Payloads.User;
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
 * Large JSON through the envelope: the ~100 KB list wrapped in {@code {"success":true,"data":[...]}}
 * decoded by a typed call through the envelope interceptor (the typed unwrap), against a plain
 * typed GET of the bare list, both on dio with the Reactor Netty adapter, one request in flight.
 * The figure that matters is the allocation per request ({@code -prof gc}): a body decoded once
 * allocates about as much as the plain GET. {@code -p client=dio-wc} runs it on the WebClient adapter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g", "-XX:+UseG1GC",
		"-Djava.util.concurrent.ForkJoinPool.common.parallelism=2" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class EnvelopeBenchmark {

	/** The dio client; the envelope rows use it with {@code +envelope}. */
	@Param({ Clients.DIO_NETTY })
	public String client;

	private Clients.DioClient plain;

	private Clients.DioClient envelope;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Machine.awaitQuiet();
		this.plain = (Clients.DioClient) Clients.create(this.client, Payloads.baseUrl());
		this.envelope = (Clients.DioClient) Clients.create(this.client + "+envelope", Payloads.baseUrl());
		List<User> bare = largePlain();
		List<User> unwrapped = largeEnvelope();
		if (bare.size() < 400 || !bare.equals(unwrapped)) {
			throw new IllegalStateException("The envelope's data (" + unwrapped.size() + " records) is not the bare list ("
					+ bare.size() + " records)");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.plain.close();
		this.envelope.close();
	}

	/** {@code GET /large-envelope.json} as {@code List<User>}: the interceptor unwraps {@code data}. */
	@Benchmark
	public List<User> largeEnvelope() {
		return this.envelope.dio().get(Payloads.LARGE_ENVELOPE, Payloads.USER_LIST).map(Response::data).block();
	}

	/** {@code GET /large.json} as {@code List<User>}, no interceptor. */
	@Benchmark
	public List<User> largePlain() {
		return this.plain.dio().get(Payloads.LARGE, Payloads.USER_LIST).map(Response::data).block();
	}

}
