package io.github.diospring.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.diospring.bench.Payloads.PostReply;
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

/** One request in flight: one JMH thread, each client's blocking call ({@code .block()} for the reactive ones). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g", "-XX:+UseG1GC",
		"-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "-Djdk.httpclient.enableAllMethodRetry=true" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class InFlight1Benchmark {

	/** {@link Clients#MAIN}; RestClient and the JDK client on demand ({@code -p client=restclient,jdk}). */
	@Param({ Clients.DIO_NETTY, Clients.DIO_NETTY_INTERCEPTORS, Clients.DIO, Clients.DIO_INTERCEPTORS,
			Clients.DIO_CREATE, Clients.DIO_BOOT, Clients.WEBCLIENT, Clients.OKHTTP })
	public String client;

	private BenchClient http;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Machine.awaitQuiet();
		this.http = Clients.create(this.client, Payloads.baseUrl());
		Verify.responses(this.http);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.http.close();
	}

	@Benchmark
	public User getSmall() throws Exception {
		return this.http.getSmall();
	}

	@Benchmark
	public List<User> getLarge() throws Exception {
		return this.http.getLarge();
	}

	@Benchmark
	public PostReply postSmall() throws Exception {
		return this.http.postSmall();
	}

}
