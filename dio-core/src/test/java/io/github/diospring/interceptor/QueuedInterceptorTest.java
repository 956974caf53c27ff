package io.github.diospring.interceptor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.Response;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** dio's QueuedInterceptor (reference §2.3) and the 2.x lock API. */
class QueuedInterceptorTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private final List<String> trace = new CopyOnWriteArrayList<>();

	@Test
	void eachPhaseRunsOneCallbackAtATimeInArrivalOrder() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}")));
		Dio dio = server.dio();
		dio.interceptors().add(QueuedInterceptorsWrapper.builder().onRequest((o, h) -> {
			this.trace.add("start " + o.path());
			h.observe(Mono.delay(Duration.ofMillis(30)).doOnNext(t -> {
				this.trace.add("end " + o.path());
				h.next(o);
			}));
		}).build());

		Flux.range(1, 5).flatMap(i -> dio.get("/r" + i)).collectList().block(Duration.ofSeconds(20));

		assertThat(this.trace).containsExactly("start /r1", "end /r1", "start /r2", "end /r2", "start /r3", "end /r3",
				"start /r4", "end /r4", "start /r5", "end /r5");
	}

	@Test
	void theThreeQueuesAreIndependent() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}")));
		Dio dio = server.dio();
		Sinks.Empty<Void> releaseFirstResponse = Sinks.empty();
		dio.interceptors().add(QueuedInterceptorsWrapper.builder().onRequest((o, h) -> {
			this.trace.add("request " + o.path());
			h.next(o);
		}).onResponse((r, h) -> {
			this.trace.add("response " + r.requestOptions().path());
			if (r.requestOptions().path().equals("/first")) {
				h.observe(releaseFirstResponse.asMono().doOnTerminate(() -> h.next(r)));
			}
			else {
				h.next(r);
			}
		}).build());

		dio.get("/first").subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.trace.contains("response /first"));
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		dio.get("/second").subscribe(r -> {
		}, errors::add);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.trace.contains("request /second"));
		assertThat(this.trace).doesNotContain("response /second");

		releaseFirstResponse.tryEmitEmpty();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.trace.contains("response /second"));
		assertThat(errors).isEmpty();
	}

	@Test
	void theSlotIsReleasedWhenACallbackThrows() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}")));
		Dio dio = server.dio();
		dio.interceptors().add(QueuedInterceptorsWrapper.builder().onRequest((o, h) -> {
			if (o.path().equals("/throws")) {
				throw new IllegalStateException("boom");
			}
			h.next(o);
		}).build());

		List<Object> outcomes = Flux.concat(dio.get("/throws").map(Object.class::cast).onErrorResume(Mono::just),
				dio.get("/fine").map(Response::statusCode)).collectList().block(Duration.ofSeconds(10));

		assertThat(outcomes.get(0)).isInstanceOf(DioException.class);
		assertThat(outcomes.get(1)).isEqualTo(200);
	}

	@Test
	void theSlotIsReleasedWhenTheQueuedRequestIsCancelled() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}")));
		Dio dio = server.dio();
		dio.interceptors().add(QueuedInterceptorsWrapper.builder().onRequest((o, h) -> {
			this.trace.add("request " + o.path());
			if (!o.path().equals("/stuck")) {
				h.next(o);
			}
		}).build());
		CancelToken token = new CancelToken();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		List<Integer> statuses = new CopyOnWriteArrayList<>();
		dio.get("/stuck", r -> r.cancelToken(token)).subscribe(r -> {
		}, errors::add);
		dio.get("/waiting").subscribe(r -> statuses.add(r.statusCode()), errors::add);
		assertThat(this.trace).containsExactly("request /stuck");

		token.cancel("unstick");

		await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() == 1);
		assertThat(errors).singleElement().satisfies(e -> assertThat(CancelToken.isCancel(e)).isTrue());
		assertThat(this.trace).containsExactly("request /stuck", "request /waiting");
	}

	@Test
	void aLockedRequestPhaseHoldsRequestsUntilUnlocked() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{\"ok\":true}")));
		Dio dio = server.dio();
		dio.interceptors().add(InterceptorsWrapper.builder().onRequest((o, h) -> {
			this.trace.add("entered " + o.path());
			h.next(o);
		}).build());
		List<Object> results = new CopyOnWriteArrayList<>();

		dio.lock();
		dio.get("/held").subscribe(r -> results.add(r.data()), results::add);
		assertThat(dio.interceptors().requestLock().isLocked()).isTrue();
		assertThat(this.trace).isEmpty();
		assertThat(server.wireMock().getAllServeEvents()).isEmpty();
		dio.unlock();

		await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == 1);
		assertThat(results).containsExactly(Map.of("ok", true));
	}

	@Test
	void clearingALockFailsTheWaitingRequests() {
		Dio dio = server.dio();
		dio.interceptors().add(InterceptorsWrapper.builder().build());
		List<Throwable> errors = new CopyOnWriteArrayList<>();

		dio.interceptors().requestLock().lock();
		dio.get("/held").subscribe(r -> {
		}, errors::add);
		dio.interceptors().requestLock().clear("maintenance");

		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);
		assertThat(errors.get(0)).isInstanceOf(DioException.class).hasMessageContaining("maintenance");
		assertThat(server.wireMock().getAllServeEvents()).isEmpty();
	}

	/** The original README's csrfToken example, with the lock API, under five concurrent requests. */
	@Test
	void theCsrfTokenExampleFetchesTheTokenOnce() {
		server.wireMock().stubFor(get("/token").willReturn(okJson("{\"data\":{\"token\":\"csrf-1\"}}").withFixedDelay(100)));
		server.wireMock().stubFor(get("/test").willReturn(okJson("{}")));
		Dio dio = server.dio();
		Dio tokenDio = server.dio();
		AtomicInteger tokenFetches = new AtomicInteger();
		String[] csrfToken = { null };
		dio.interceptors().add(InterceptorsWrapper.builder().onRequest((options, handler) -> {
			if (csrfToken[0] != null) {
				handler.next(options.withHeader("csrfToken", csrfToken[0]));
				return;
			}
			dio.lock();
			tokenFetches.incrementAndGet();
			tokenDio.get("/token").doFinally(s -> dio.unlock()).subscribe(r -> {
				csrfToken[0] = (String) ((Map<?, ?>) ((Map<?, ?>) r.data()).get("data")).get("token");
				handler.next(options.withHeader("csrfToken", csrfToken[0]));
			}, e -> handler.reject(DioException.from(options, e)));
		}).build());

		List<Response<Object>> responses = Flux.range(0, 5).flatMap(i -> dio.get("/test")).collectList()
			.block(Duration.ofSeconds(20));

		assertThat(tokenFetches).hasValue(1);
		assertThat(responses).hasSize(5)
			.allSatisfy(r -> assertThat(r.requestOptions().headers().value("csrfToken")).isEqualTo("csrf-1"));
		assertThat(server.wireMock().getAllServeEvents()).hasSize(6);
	}

}
