package io.github.diospring.bench;

import java.util.concurrent.TimeUnit;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.Headers;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.interceptor.InterceptorsWrapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * The cost of dio's interceptor chain alone: a request answered by an in-memory adapter (no
 * network, no thread hop), with 0 or 5 interceptors that each pass every phase on synchronously.
 * The difference per operation is what the chain adds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterceptorChainBenchmark {

	@Param({ "0", "5" })
	int interceptors;

	Dio dio;

	@Setup
	public void setUp() {
		Headers json = Headers.of("Content-Type", "application/json");
		this.dio = Dio.builder()
			.options(BaseOptions.builder().baseUrl("http://in-memory.invalid").build())
			.adapter((options, body) -> Mono.just(ResponseBody.fromString("{\"id\":1,\"name\":\"Ann\"}", 200, json)))
			.build();
		for (int i = 0; i < this.interceptors; i++) {
			this.dio.interceptors().add(InterceptorsWrapper.builder()
				.onRequest((o, h) -> h.next(o))
				.onResponse((r, h) -> h.next(r))
				.onError((e, h) -> h.next(e))
				.build());
		}
	}

	@TearDown
	public void tearDown() {
		this.dio.close();
	}

	@Benchmark
	public Object getSmallJsonInMemory() {
		return this.dio.get("/users/1", SmallRecord.class).block().data();
	}

	/** The small JSON document as a record. */
	public record SmallRecord(long id, String name) {
	}

}
