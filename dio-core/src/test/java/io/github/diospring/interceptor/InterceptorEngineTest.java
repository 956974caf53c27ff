package io.github.diospring.interceptor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.diospring.BaseOptions;
import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.adapter.HttpClientAdapter;
import io.github.diospring.adapter.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * How the interceptor chain runs, apart from dio's semantics (InterceptorChainTest): synchronous
 * interceptors finish on the caller's thread without growing the stack, the caller's Reactor
 * context reaches every step, and cancelling frees what a step waits for. The adapter answers from
 * memory, so that nothing but the chain decides the thread a request finishes on.
 */
class InterceptorEngineTest {

	private final List<Dio> clients = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(Dio::close);
	}

	private Dio inMemory(HttpClientAdapter adapter) {
		Dio dio = Dio.builder()
			.options(BaseOptions.builder().baseUrl("http://in-memory.invalid").build())
			.adapter(adapter)
			.build();
		this.clients.add(dio);
		return dio;
	}

	private Dio answering(String text) {
		return inMemory((options, body) -> Mono.just(ResponseBody.fromString(text, 200, Headers.of("Content-Type",
				"text/plain"))));
	}

	private static Interceptor passThrough(AtomicInteger calls) {
		return InterceptorsWrapper.builder().onRequest((o, h) -> {
			calls.incrementAndGet();
			h.next(o);
		}).onResponse((r, h) -> {
			calls.incrementAndGet();
			h.next(r);
		}).build();
	}

	@Test
	void synchronousInterceptorsFinishTheRequestOnTheSubscribingThread() {
		Dio dio = answering("ok");
		AtomicInteger calls = new AtomicInteger();
		for (int i = 0; i < 3; i++) {
			dio.interceptors().add(passThrough(calls));
		}
		AtomicReference<Thread> deliveredOn = new AtomicReference<>();

		dio.get("/x").subscribe(response -> deliveredOn.set(Thread.currentThread()));

		// already there when subscribe returns: no step hopped to another thread
		assertThat(deliveredOn.get()).isSameAs(Thread.currentThread());
		assertThat(calls).hasValue(6);
	}

	@Test
	void aLongChainOfSynchronousInterceptorsDoesNotGrowTheStack() {
		Dio dio = answering("deep");
		AtomicInteger calls = new AtomicInteger();
		// a chain assembled from one Reactor operator per step overflowed the stack well below this
		for (int i = 0; i < 3000; i++) {
			dio.interceptors().add(passThrough(calls));
		}

		Response<Object> response = dio.get("/x").block(Duration.ofSeconds(30));

		assertThat(response.data()).isEqualTo("deep");
		assertThat(calls).hasValue(6000);
	}

	@Test
	void theCallersContextReachesDirectAndQueuedInterceptorsAndTheAdapter() {
		List<String> seen = new CopyOnWriteArrayList<>();
		Dio dio = inMemory((options, body) -> Mono.deferContextual(context -> {
			seen.add("adapter:" + context.getOrDefault("user", "none"));
			return Mono.just(ResponseBody.fromString("ok", 200, Headers.of("Content-Type", "text/plain")));
		}));
		dio.interceptors().add(InterceptorsWrapper.builder().onRequest((o, h) -> {
			seen.add("direct:" + h.contextView().getOrDefault("user", "none"));
			h.next(o);
		}).build());
		dio.interceptors().add(QueuedInterceptorsWrapper.builder().onResponse((r, h) -> {
			seen.add("queued:" + h.contextView().getOrDefault("user", "none"));
			h.next(r);
		}).build());

		dio.get("/x").contextWrite(context -> context.put("user", "ann")).block(Duration.ofSeconds(10));

		assertThat(seen).containsExactly("direct:ann", "adapter:ann", "queued:ann");
	}

	@Test
	void disposingTheRequestCancelsTheWorkAnInterceptorWaitsFor() {
		Dio dio = answering("ok");
		AtomicBoolean workCancelled = new AtomicBoolean();
		AtomicBoolean waiting = new AtomicBoolean();
		dio.interceptors().add(InterceptorsWrapper.builder().onRequest((o, h) -> {
			waiting.set(true);
			h.observe(Mono.never().doOnCancel(() -> workCancelled.set(true)));
		}).build());

		Disposable request = dio.get("/x").subscribe();
		await().atMost(Duration.ofSeconds(10)).untilTrue(waiting);
		request.dispose();

		await().atMost(Duration.ofSeconds(10)).untilTrue(workCancelled);
	}

	@Test
	void disposingARequestWaitingInAQueuedInterceptorLetsTheNextOneThrough() {
		Dio dio = answering("ok");
		AtomicInteger entered = new AtomicInteger();
		dio.interceptors().add(QueuedInterceptorsWrapper.builder().onRequest((o, h) -> {
			if (entered.incrementAndGet() == 1) {
				return; // the first request never completes its handler
			}
			h.next(o);
		}).build());

		Disposable stuck = dio.get("/stuck").subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 1);
		stuck.dispose();

		assertThat(dio.get("/next").block(Duration.ofSeconds(10)).data()).isEqualTo("ok");
	}

	@Test
	void aHandlerCompletedAfterItsRequestWasCancelledIsIgnored() {
		Dio dio = answering("ok");
		AtomicReference<RequestInterceptorHandler> parked = new AtomicReference<>();
		AtomicReference<RequestOptions> parkedOptions = new AtomicReference<>();
		AtomicInteger errorCalls = new AtomicInteger();
		dio.interceptors().add(InterceptorsWrapper.builder().onRequest((o, h) -> {
			parkedOptions.set(o);
			parked.set(h);
		}).onError((e, h) -> {
			errorCalls.incrementAndGet();
			h.next(e);
		}).build());
		CancelToken token = new CancelToken();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		dio.get("/x", r -> r.cancelToken(token)).subscribe(ok -> {
		}, errors::add);
		await().atMost(Duration.ofSeconds(10)).until(() -> parked.get() != null);

		token.cancel("changed my mind");
		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);

		assertThatNoException().isThrownBy(() -> parked.get().next(parkedOptions.get()));
		assertThat(((DioException) errors.get(0)).type()).isEqualTo(DioExceptionType.CANCEL);
		assertThat(errorCalls).hasValue(1);
		assertThat(errors).hasSize(1);
	}

}
