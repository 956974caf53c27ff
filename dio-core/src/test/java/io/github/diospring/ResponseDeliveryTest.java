package io.github.diospring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.github.diospring.adapter.ExchangeDecorator;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import io.github.diospring.interceptor.ResponseInterceptorHandler;
import io.github.diospring.retry.RetryBudget;
import io.github.diospring.retry.RetryInterceptor;
import io.github.diospring.retry.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every request's Mono ends with exactly one response or one {@link DioException}: never empty,
 * whichever thread completes the interceptors' handlers and however late the subscriber asks.
 */
class ResponseDeliveryTest {

	private static HttpServer server;

	private static final AtomicInteger unstableHits = new AtomicInteger();

	@BeforeAll
	static void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			// /unstable fails every other time, so about half of the calls need a retry
			if (exchange.getRequestURI().getPath().equals("/unstable") && unstableHits.incrementAndGet() % 2 == 1) {
				exchange.sendResponseHeaders(503, -1);
				exchange.close();
				return;
			}
			byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	private static Dio.Builder dio() {
		return Dio.builder()
			.options(BaseOptions.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).build());
	}

	/** Continues from another thread, as an interceptor that asks a load balancer or a token store does. */
	static final class ContinuesElsewhere implements Interceptor {

		@Override
		public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
			handler.observe(Mono.fromRunnable(() -> handler.next(options)).subscribeOn(Schedulers.parallel()));
		}

		@Override
		public void onResponse(Response<Object> response, ResponseInterceptorHandler handler) {
			handler.observe(Mono.fromRunnable(() -> handler.next(response)).subscribeOn(Schedulers.parallel()));
		}

	}

	@Test
	void aSubscriberThatAsksForTheResponseAfterItArrivedStillGetsIt() {
		AtomicBoolean delivered = new AtomicBoolean();
		Dio dio = dio().interceptor(deliveredLater(delivered)).build();
		LateSubscriber late = new LateSubscriber();
		try {
			dio.get("/ok").subscribe(late);
			await().atMost(Duration.ofSeconds(30)).untilTrue(delivered);

			assertThat(late.completed).as("completed before it asked for anything").isFalse();
			late.request(1);
			await().atMost(Duration.ofSeconds(30)).untilTrue(late.completed);
			assertThat(late.value.get()).as("the response").isNotNull();
			assertThat(late.value.get().statusCode()).isEqualTo(200);
		}
		finally {
			late.dispose();
			dio.close(true);
		}
	}

	@Test
	void concatMapGetsItsFirstResponseEvenWhenItArrivesBeforeConcatMapAsksForIt() {
		// concatMap subscribes to its first request before it asks for its value; a response that
		// arrives in between (a busy machine pausing the subscribing thread) must wait for the demand
		AtomicBoolean delivered = new AtomicBoolean();
		Dio dio = dio().interceptor(deliveredLater(delivered)).build();
		AtomicBoolean started = new AtomicBoolean();
		// like Flux.range, emits within the request; concatMap asks its first request for the value after that
		Flux<Integer> source = Flux.from(subscriber -> subscriber.onSubscribe(new Subscription() {
			@Override
			public void request(long n) {
				if (started.compareAndSet(false, true)) {
					subscriber.onNext(0);
					// concatMap has subscribed to the first request and has not asked for its value yet
					await().atMost(Duration.ofSeconds(30)).untilTrue(delivered);
					subscriber.onComplete();
				}
			}

			@Override
			public void cancel() {
			}
		}));
		try {
			List<Integer> statuses = source.concatMap(i -> dio.get("/ok"))
				.map(Response::statusCode)
				.collectList()
				.block(Duration.ofSeconds(60));

			assertThat(statuses).containsExactly(200);
		}
		finally {
			dio.close(true);
		}
	}

	@Test
	void everyRetriedRequestThroughAnAsynchronousInterceptorEndsWithAResponseOrAnError() {
		Dio dio = dio()
			.interceptor(new RetryInterceptor(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1))
				.maxBackoff(Duration.ofMillis(1)).build(), RetryBudget.unlimited()))
			.interceptor(new ContinuesElsewhere())
			.build();
		try {
			List<String> outcomes = Flux.range(0, 400)
				.concatMap(i -> dio.get("/unstable")
					.map(r -> "response " + r.statusCode())
					.onErrorResume(DioException.class, e -> Mono.just("error " + e.type()))
					.defaultIfEmpty("completed empty"))
				.collectList()
				.block(Duration.ofMinutes(3));

			assertThat(outcomes).hasSize(400).containsOnly("response 200");
		}
		finally {
			dio.close(true);
		}
	}

	@Test
	void anExchangeDecoratorThatCompletesEmptyFailsTheRequestInsteadOfLosingIt() {
		ExchangeDecorator silent = (options, exchange) -> exchange.apply(options).flatMap(body -> {
			body.close();
			return Mono.<ResponseBody>empty();
		});
		Dio dio = dio().interceptor(new Interceptor() {
			@Override
			public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
				handler.next(options.copyWith(b -> b.extra(ExchangeDecorator.EXTRA_KEY, silent)));
			}
		}).build();
		try {
			assertThatThrownBy(() -> dio.get("/ok?token=s3cret").block(Duration.ofSeconds(30)))
				.isInstanceOfSatisfying(DioException.class, e -> {
					assertThat(e.type()).isEqualTo(DioExceptionType.UNKNOWN);
					assertThat(e.getMessage()).contains("GET http://127.0.0.1:")
						.contains("ended without a response or an error")
						.doesNotContain("s3cret");
				});
		}
		finally {
			dio.close(true);
		}
	}

	/**
	 * Hands the response on from a thread of its own once its callback has returned (the delay
	 * only makes that likely; the assertions hold either way), then says so.
	 */
	private static Interceptor deliveredLater(AtomicBoolean delivered) {
		return new Interceptor() {
			@Override
			public void onResponse(Response<Object> response, ResponseInterceptorHandler handler) {
				handler.observe(Mono.delay(Duration.ofMillis(20))
					.then(Mono.fromRunnable(() -> handler.next(response)))
					.doOnSuccess(v -> delivered.set(true)));
			}
		};
	}

	/** Asks for nothing until told to. */
	private static final class LateSubscriber extends BaseSubscriber<Response<Object>> {

		final AtomicReference<Response<Object>> value = new AtomicReference<>();

		final AtomicBoolean completed = new AtomicBoolean();

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
		}

		@Override
		protected void hookOnNext(Response<Object> response) {
			this.value.set(response);
		}

		@Override
		protected void hookOnComplete() {
			this.completed.set(true);
		}

	}

}
