package io.github.diospring.interceptor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** dio 5's interceptor semantics, consequence by consequence (reference §2.2), over real HTTP. */
class InterceptorChainTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private final List<String> trace = new CopyOnWriteArrayList<>();

	/** An interceptor that records each callback as "name.phase" and passes everything on. */
	private Interceptor recorder(String name) {
		return InterceptorsWrapper.builder().onRequest((o, h) -> {
			this.trace.add(name + ".request");
			h.next(o);
		}).onResponse((r, h) -> {
			this.trace.add(name + ".response");
			h.next(r);
		}).onError((e, h) -> {
			this.trace.add(name + ".error");
			h.next(e);
		}).build();
	}

	/** Marks this test's requests, so a straggler from an earlier test cannot be counted. */
	private final String runId = java.util.UUID.randomUUID().toString();

	private Dio dioWith(Interceptor... interceptors) {
		Dio dio = server.dio(io.github.diospring.BaseOptions.builder().baseUrl(server.baseUrl()).header("X-Test-Run", this.runId));
		for (Interceptor interceptor : interceptors) {
			dio.interceptors().add(interceptor);
		}
		return dio;
	}

	private void stubOk() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{\"from\":\"network\"}")));
	}

	private int networkCalls() {
		return (int) server.wireMock().getAllServeEvents().stream()
			.filter(e -> this.runId.equals(e.getRequest().getHeader("X-Test-Run")))
			.count();
	}

	@Test
	void everyPhaseRunsInInsertionOrder() {
		stubOk();
		Dio dio = dioWith(recorder("A"), recorder("B"), recorder("C"));
		dio.get("/x").block();

		server.wireMock().stubFor(get("/fail").willReturn(aResponse().withStatus(500)));
		catchThrowableOfType(DioException.class, () -> dio.get("/fail").block());

		assertThat(this.trace).containsExactly("A.request", "B.request", "C.request", "A.response", "B.response",
				"C.response", "A.request", "B.request", "C.request", "A.error", "B.error", "C.error");
	}

	@Test
	void requestResolveSkipsTheNetworkAndEveryResponseInterceptor() {
		stubOk();
		Dio dio = dioWith(recorder("A"),
				InterceptorsWrapper.builder().onRequest((o, h) -> h.resolve(Response.of(o, "fake data"))).build(),
				recorder("C"));

		Response<Object> response = dio.get("/x").block();

		assertThat(response.data()).isEqualTo("fake data");
		assertThat(this.trace).containsExactly("A.request");
		assertThat(networkCalls()).isZero();
	}

	@Test
	void requestResolveWithFollowingRunsEveryResponseInterceptorFromTheFirst() {
		stubOk();
		Interceptor resolver = InterceptorsWrapper.builder().onRequest((o, h) -> {
			this.trace.add("B.request");
			h.resolve(Response.of(o, "cached"), true);
		}).onResponse((r, h) -> {
			this.trace.add("B.response");
			h.next(r);
		}).build();
		Dio dio = dioWith(recorder("A"), resolver, recorder("C"));

		assertThat(dio.get("/x").block().data()).isEqualTo("cached");
		assertThat(this.trace).containsExactly("A.request", "B.request", "A.response", "B.response", "C.response");
		assertThat(networkCalls()).isZero();
	}

	@Test
	void requestRejectSkipsErrorInterceptorsUnlessAskedToCallThem() {
		stubOk();
		Dio plain = dioWith(recorder("A"), InterceptorsWrapper.builder()
			.onRequest((o, h) -> h.reject(new DioException(DioExceptionType.UNKNOWN, o, null, "no", null))).build());
		DioException e = catchThrowableOfType(DioException.class, () -> plain.get("/x").block());
		assertThat(e.getMessage()).isEqualTo("no");
		assertThat(this.trace).containsExactly("A.request");

		this.trace.clear();
		Dio following = dioWith(recorder("A"), InterceptorsWrapper.builder()
			.onRequest((o, h) -> h.reject(new DioException(DioExceptionType.UNKNOWN, o, null, "no", null), true))
			.build(), recorder("C"));
		catchThrowableOfType(DioException.class, () -> following.get("/x").block());
		assertThat(this.trace).containsExactly("A.request", "A.error", "C.error");
		assertThat(networkCalls()).isZero();
	}

	@Test
	void responseRejectAndResolveStopTheResponsePhase() {
		stubOk();
		Interceptor rejecting = InterceptorsWrapper.builder()
			.onResponse((r, h) -> h.reject(new DioException(DioExceptionType.BAD_RESPONSE, r.requestOptions(), r, "bad", null)))
			.build();
		Dio plain = dioWith(recorder("A"), rejecting, recorder("C"));
		assertThat(catchThrowableOfType(DioException.class, () -> plain.get("/x").block()).getMessage()).isEqualTo("bad");
		assertThat(this.trace).containsExactly("A.request", "C.request", "A.response");

		this.trace.clear();
		Interceptor rejectingFollowing = InterceptorsWrapper.builder()
			.onResponse((r, h) -> h.reject(new DioException(DioExceptionType.BAD_RESPONSE, r.requestOptions(), r, "bad", null), true))
			.build();
		Dio following = dioWith(recorder("A"), rejectingFollowing, recorder("C"));
		catchThrowableOfType(DioException.class, () -> following.get("/x").block());
		assertThat(this.trace).containsExactly("A.request", "C.request", "A.response", "A.error", "C.error");

		this.trace.clear();
		Interceptor resolving = InterceptorsWrapper.builder().onResponse((r, h) -> h.resolve(r.withData("early"))).build();
		Dio resolved = dioWith(recorder("A"), resolving, recorder("C"));
		assertThat(resolved.get("/x").block().data()).isEqualTo("early");
		assertThat(this.trace).containsExactly("A.request", "C.request", "A.response");
	}

	@Test
	void errorHandlersRecoverPassOnOrStop() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));
		Interceptor recovering = InterceptorsWrapper.builder()
			.onError((e, h) -> h.resolve(Response.of(e.requestOptions(), "fallback")))
			.build();
		Dio recoveringDio = dioWith(recorder("A"), recovering, recorder("C"));
		assertThat(recoveringDio.get("/x").block().data()).isEqualTo("fallback");
		assertThat(this.trace).containsExactly("A.request", "C.request", "A.error");

		this.trace.clear();
		Interceptor replacing = InterceptorsWrapper.builder()
			.onError((e, h) -> h.next(e.withTypeAndMessage(DioExceptionType.UNKNOWN, "replaced")))
			.build();
		List<String> seenByLast = new CopyOnWriteArrayList<>();
		Interceptor last = InterceptorsWrapper.builder().onError((e, h) -> {
			seenByLast.add(e.getMessage());
			h.next(e);
		}).build();
		Dio replacingDio = dioWith(replacing, last);
		assertThat(catchThrowableOfType(DioException.class, () -> replacingDio.get("/x").block()).getMessage())
			.isEqualTo("replaced");
		assertThat(seenByLast).containsExactly("replaced");

		this.trace.clear();
		Interceptor stopping = InterceptorsWrapper.builder().onError((e, h) -> h.reject(e)).build();
		Dio stoppingDio = dioWith(recorder("A"), stopping, recorder("C"));
		assertThat(catchThrowableOfType(DioException.class, () -> stoppingDio.get("/x").block()).type())
			.isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(this.trace).containsExactly("A.request", "C.request", "A.error");
	}

	@Test
	void anExceptionInOnRequestRunsTheErrorInterceptorsWhichMayRewriteIt() {
		stubOk();
		Interceptor throwing = InterceptorsWrapper.builder()
			.onRequest((o, h) -> {
				throw new IllegalStateException("boom");
			})
			.onError((e, h) -> h.next(e.withTypeAndMessage(DioExceptionType.UNKNOWN, "rewritten: " + e.getCause().getMessage())))
			.build();
		Dio dio = dioWith(throwing, recorder("B"));

		DioException e = catchThrowableOfType(DioException.class, () -> dio.get("/x").block());

		assertThat(e.getMessage()).isEqualTo("rewritten: boom");
		assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
		assertThat(this.trace).containsExactly("B.error");
		assertThat(networkCalls()).isZero();
	}

	@Test
	void anExceptionInOnErrorPassesTheNewErrorOn() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500)));
		Interceptor throwing = InterceptorsWrapper.builder().onError((e, h) -> {
			throw new IllegalArgumentException("from onError");
		}).build();
		List<Throwable> seen = new CopyOnWriteArrayList<>();
		Dio dio = dioWith(throwing, InterceptorsWrapper.builder().onError((e, h) -> {
			seen.add(e.getCause());
			h.next(e);
		}).build());

		DioException e = catchThrowableOfType(DioException.class, () -> dio.get("/x").block());

		assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
		assertThat(seen).singleElement().isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void anExceptionInOnResponseCountsAsRejectWithFollowing() {
		stubOk();
		Interceptor throwing = InterceptorsWrapper.builder().onResponse((r, h) -> {
			throw new IllegalStateException("bad response handling");
		}).build();
		Dio dio = dioWith(recorder("A"), throwing);

		DioException e = catchThrowableOfType(DioException.class, () -> dio.get("/x").block());

		assertThat(e.getCause()).hasMessage("bad response handling");
		assertThat(this.trace).containsExactly("A.request", "A.response", "A.error");
	}

	@Test
	void handlersMayBeCompletedLaterFromAnotherThread() {
		stubOk();
		Interceptor async = InterceptorsWrapper.builder()
			.onRequest((o, h) -> CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)
				.execute(() -> h.next(o.withHeader("X-Async", "yes"))))
			.onResponse((r, h) -> Schedulers.boundedElastic().schedule(() -> h.next(r.withData("late"))))
			.build();
		Dio dio = dioWith(async);

		assertThat(dio.get("/x").block(Duration.ofSeconds(10)).data()).isEqualTo("late");
	}

	/** dio's "an onError that calls next and keeps awaiting": the awaited work is asynchronous, as in Dart. */
	@Test
	void theChainWaitsForTheHandlerNotForTheCallbacksOtherWork() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500)));
		CompletableFuture<Void> neverDone = new CompletableFuture<>();
		Interceptor busy = InterceptorsWrapper.builder().onError((e, h) -> {
			h.next(e);
			h.observe(Mono.fromFuture(neverDone));
		}).build();
		Dio dio = dioWith(busy);

		DioException e = dio.get("/x").subscribeOn(Schedulers.boundedElastic())
			.map(r -> (DioException) null)
			.onErrorResume(DioException.class, Mono::just)
			.block(Duration.ofSeconds(10));

		assertThat(e.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		neverDone.complete(null);
	}

	@Test
	void aHandlerCompletedTwiceFailsTheRequestWithAClearMessage() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}").withFixedDelay(200)));
		List<Throwable> thrownToInterceptor = new CopyOnWriteArrayList<>();
		Interceptor twice = InterceptorsWrapper.builder().onRequest((o, h) -> {
			h.next(o);
			try {
				h.next(o);
			}
			catch (IllegalStateException ex) {
				thrownToInterceptor.add(ex);
			}
		}).build();
		Dio dio = dioWith(twice);

		DioException e = catchThrowableOfType(DioException.class, () -> dio.get("/x").block(Duration.ofSeconds(10)));

		assertThat(thrownToInterceptor).singleElement().extracting(Throwable::getMessage).asString()
			.contains("already been called");
		assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly once");
	}

	/** A handler completed twice inside its callback fails the request, in every phase, even when all else is instant. */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "request", "response", "error" })
	void aHandlerCompletedTwiceFailsTheRequestInEveryPhaseWhateverTheTiming(String phase) {
		stubOk();
		server.wireMock().stubFor(get("/fail").willReturn(aResponse().withStatus(500)));
		List<Throwable> thrownToInterceptor = new CopyOnWriteArrayList<>();
		Interceptor twice = InterceptorsWrapper.builder().onRequest((o, h) -> {
			if (phase.equals("request")) {
				// resolved without the network: nothing else would keep the request running
				h.resolve(Response.of(o, "first"));
				swallow(thrownToInterceptor, () -> h.next(o));
			}
			else {
				h.next(o);
			}
		}).onResponse((r, h) -> {
			h.resolve(r);
			if (phase.equals("response")) {
				swallow(thrownToInterceptor, () -> h.next(r));
			}
		}).onError((e, h) -> {
			h.next(e);
			if (phase.equals("error")) {
				swallow(thrownToInterceptor, () -> h.resolve(Response.of(e.requestOptions(), "recovered")));
			}
		}).build();
		Dio dio = dioWith(twice);
		String path = phase.equals("error") ? "/fail" : "/x";

		for (int i = 0; i < 10; i++) {
			DioException e = catchThrowableOfType(DioException.class, () -> dio.get(path).block(Duration.ofSeconds(10)));

			assertThat(e).as("attempt %d", i).isNotNull();
			assertThat(e.type()).isEqualTo(DioExceptionType.UNKNOWN);
			assertThat(e.getCause()).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("handler has already been called");
		}
		assertThat(thrownToInterceptor).hasSize(10)
			.allSatisfy(t -> assertThat(t).hasMessageContaining("handler has already been called"));
	}

	private static void swallow(List<Throwable> thrown, Runnable secondCall) {
		try {
			secondCall.run();
		}
		catch (IllegalStateException ex) {
			thrown.add(ex);
		}
	}

	@Test
	void errorInterceptorsSeeTheStackTraceTheCallerGets() {
		server.wireMock().stubFor(get("/fail").willReturn(aResponse().withStatus(500)));
		List<StackTraceElement[]> seen = new CopyOnWriteArrayList<>();
		Dio dio = dioWith(InterceptorsWrapper.builder().onError((e, h) -> {
			seen.add(e.getStackTrace());
			h.next(e);
		}).build());

		DioException e = catchThrowableOfType(DioException.class, () -> dio.get("/fail").block(Duration.ofSeconds(10)));

		assertThat(e.getStackTrace()[0].getClassName()).isEqualTo(InterceptorChainTest.class.getName());
		assertThat(e.getStackTrace()[0].getMethodName()).contains("errorInterceptorsSeeTheStackTraceTheCallerGets");
		assertThat(seen).singleElement().satisfies(trace -> assertThat(trace).containsExactly(e.getStackTrace()));
	}

	@Test
	void asynchronousWorkThatFailsOrForgetsTheHandlerNeverLeavesTheRequestHanging() {
		stubOk();
		Dio failing = dioWith(InterceptorsWrapper.builder()
			.onRequest((o, h) -> h.observe(Mono.delay(Duration.ofMillis(20)).map(t -> {
				throw new IllegalStateException("async boom");
			})))
			.build());
		DioException e = catchThrowableOfType(DioException.class, () -> failing.get("/x").block(Duration.ofSeconds(10)));
		assertThat(e.getCause()).hasMessage("async boom");

		Dio forgetful = dioWith(InterceptorsWrapper.builder()
			.onRequest((o, h) -> h.observe(Mono.delay(Duration.ofMillis(20))))
			.build());
		DioException forgot = catchThrowableOfType(DioException.class, () -> forgetful.get("/x").block(Duration.ofSeconds(10)));
		assertThat(forgot.getCause()).hasMessageContaining("without calling next, resolve or reject");

		Dio fine = dioWith(InterceptorsWrapper.builder()
			.onRequest((o, h) -> h.observe(Mono.delay(Duration.ofMillis(20)).doOnNext(t -> h.next(o.withHeader("X-T", t)))))
			.build());
		assertThat(fine.get("/x").block(Duration.ofSeconds(10)).data()).isEqualTo(Map.of("from", "network"));
		assertThat(networkCalls()).isEqualTo(1);
	}

	@Test
	void cancellationInterruptsARequestWaitingInsideAnInterceptor() {
		stubOk();
		Dio dio = dioWith(InterceptorsWrapper.builder().onResponse((r, h) -> {
			// keeps the response waiting forever
		}).build());
		CancelToken token = new CancelToken();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		dio.get("/x", r -> r.cancelToken(token)).subscribe(ok -> {
		}, errors::add);
		await().atMost(Duration.ofSeconds(10)).until(() -> networkCalls() == 1);

		token.cancel("bored");

		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);
		assertThat(CancelToken.isCancel(errors.get(0))).isTrue();
	}

	@Test
	void cancellationsStillReachErrorInterceptors() {
		Dio dio = dioWith(recorder("A"));
		CancelToken token = new CancelToken();
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}").withFixedDelay(10_000)));
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		dio.get("/x", r -> r.cancelToken(token)).subscribe(ok -> {
		}, errors::add);
		await().atMost(Duration.ofSeconds(10)).until(() -> networkCalls() == 1);

		token.cancel();

		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);
		assertThat(this.trace).containsExactly("A.request", "A.error");
	}

	@Test
	void anInterceptorMayMakeNestedRequestsOnTheSameDio() {
		server.wireMock().stubFor(get("/token").willReturn(okJson("{\"token\":\"t-1\"}")));
		server.wireMock().stubFor(get("/data").willReturn(okJson("{\"data\":1}")));
		Dio dio = server.dio();
		dio.interceptors().add(InterceptorsWrapper.builder().onRequest((o, h) -> {
			if (o.path().equals("/token")) {
				h.next(o);
				return;
			}
			h.observe(dio.get("/token").doOnNext(r -> h.next(o.withHeader("X-Token", ((Map<?, ?>) r.data()).get("token")))));
		}).build());

		Response<Object> response = dio.get("/data").block(Duration.ofSeconds(10));

		assertThat(response.data()).isEqualTo(Map.of("data", 1));
		assertThat(response.requestOptions().headers().value("x-token")).isEqualTo("t-1");
	}

	@Test
	void nextWithNewOptionsChangesTheRestOfTheChainAndTheResponse() {
		stubOk();
		List<String> pathsSeen = new CopyOnWriteArrayList<>();
		Dio dio = dioWith(
				InterceptorsWrapper.builder().onRequest((o, h) -> h.next(o.withPath("/replaced"))).build(),
				InterceptorsWrapper.builder().onRequest((o, h) -> {
					pathsSeen.add(o.path());
					h.next(o);
				}).build());

		Response<Object> response = dio.get("/original").block();

		assertThat(pathsSeen).containsExactly("/replaced");
		assertThat(response.requestOptions().path()).isEqualTo("/replaced");
		assertThat(response.realUri().getPath()).isEqualTo("/replaced");
	}

	@Test
	void requestOptionsSeenByInterceptorsAreTheComposedOnes() {
		stubOk();
		List<RequestOptions> seen = new CopyOnWriteArrayList<>();
		Dio dio = dioWith(InterceptorsWrapper.builder().onRequest((o, h) -> {
			seen.add(o);
			h.next(o);
		}).build());

		dio.get("/x", r -> r.queryParameter("q", 1).header("X-H", "v")).block();

		assertThat(seen.get(0).queryParameters()).containsEntry("q", 1);
		assertThat(seen.get(0).headers().value("x-h")).isEqualTo("v");
		assertThat(seen.get(0).baseUrl()).isEqualTo(server.baseUrl());
	}

}
