package io.github.diospring.retry;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.diospring.BaseOptions;
import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.form.FormData;
import io.github.diospring.form.MultipartFile;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import io.github.diospring.testing.LocalServer;
import io.github.diospring.testing.ServiceTokenRefreshInterceptor;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The retry interceptor against a real local server: what is retried, how long it waits, and what stops it. */
class RetryInterceptorTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private static final RetryPolicy FAST = RetryPolicy.builder().initialBackoff(Duration.ofMillis(1))
		.maxBackoff(Duration.ofMillis(5)).build();

	private Dio dio(RetryPolicy policy, RetryBudget budget, Interceptor... after) {
		Dio.Builder builder = Dio.builder().options(BaseOptions.builder().baseUrl(server.baseUrl()).build())
			.interceptor(new RetryInterceptor(policy, budget));
		for (Interceptor interceptor : after) {
			builder.interceptor(interceptor);
		}
		return server.track(builder.build());
	}

	private static void failOnceThen(String path, ResponseDefinitionBuilder failure) {
		server.wireMock().stubFor(any(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure).willSetStateTo("failed"));
		server.wireMock().stubFor(any(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("failed")
			.willReturn(okJson("{\"ok\":true}")));
	}

	@Test
	void a503WithRetryAfterOneSecondIsWaitedForThenSucceedsWithOneRetryObserved() {
		failOnceThen("/flaky", aResponse().withStatus(503).withHeader("Retry-After", "1"));
		TestObservationRegistry observations = TestObservationRegistry.create();
		Dio dio = server.track(Dio.builder().options(BaseOptions.builder().baseUrl(server.baseUrl()).build())
			.observationRegistry(observations)
			.interceptor(new RetryInterceptor(RetryPolicy.defaults(), RetryBudget.defaults()))
			.build());

		Response<Object> response = dio.get("/flaky").block(Duration.ofSeconds(30));

		assertThat(response.data()).isEqualTo(Map.of("ok", true));
		List<LoggedRequest> sent = server.wireMock().findAll(getRequestedFor(urlEqualTo("/flaky")));
		assertThat(sent).hasSize(2);
		long waitedMillis = sent.get(1).getLoggedDate().getTime() - sent.get(0).getLoggedDate().getTime();
		assertThat(waitedMillis).as("the retry waited for Retry-After").isGreaterThanOrEqualTo(900);
		assertThat(observations).hasNumberOfObservationsEqualTo(1)
			.hasSingleObservationThat()
			.hasHighCardinalityKeyValue("dio.attempts", "2");
	}

	@Test
	void anHttpDateRetryAfterIsReadAndOneBeyondTheCapIsNotRetried() {
		String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
		assertThat(RetryInterceptor.retryAfter(withRetryAfter(inTwoSeconds))).isBetween(Duration.ZERO, Duration.ofSeconds(3));
		assertThat(RetryInterceptor.retryAfter(withRetryAfter("7"))).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryInterceptor.retryAfter(withRetryAfter("soon"))).isNull();
		assertThat(RetryInterceptor.retryAfter(withRetryAfter("-3"))).isNull();

		server.wireMock().stubFor(get("/later").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));
		Dio dio = dio(RetryPolicy.defaults(), RetryBudget.defaults());

		assertThatThrownBy(() -> dio.get("/later").block(Duration.ofSeconds(30))).isInstanceOf(DioException.class)
			.extracting(e -> ((DioException) e).response().statusCode()).isEqualTo(503);
		server.wireMock().verify(1, getRequestedFor(urlEqualTo("/later")));
	}

	private static Response<Object> withRetryAfter(String value) {
		RequestOptions options = RequestOptions.builder(BaseOptions.builder().baseUrl(server.baseUrl()).build()).build();
		Response<Object> made = Response.of(options, null, 503);
		return new Response<>(null, options, 503, "", Headers.of("Retry-After", value), false, List.of(), made.realUri(),
				Map.of());
	}

	@Test
	void aPostIsNotRetriedUnlessTheRequestOptsIn() {
		server.wireMock().stubFor(post("/orders").willReturn(aResponse().withStatus(503)));
		Dio dio = dio(FAST, RetryBudget.unlimited());

		assertThatThrownBy(() -> dio.post("/orders", Map.of("id", 1)).block(Duration.ofSeconds(30)))
			.isInstanceOf(DioException.class);
		server.wireMock().verify(1, postRequestedFor(urlEqualTo("/orders")));

		server.wireMock().resetRequests();
		assertThatThrownBy(() -> dio.post("/orders", Map.of("id", 1), o -> o.extra(RetryInterceptor.RETRYABLE, true))
			.block(Duration.ofSeconds(30))).isInstanceOf(DioException.class);
		server.wireMock().verify(3, postRequestedFor(urlEqualTo("/orders")));
	}

	@Test
	void aGetCanOptOut() {
		server.wireMock().stubFor(get("/once").willReturn(aResponse().withStatus(503)));
		Dio dio = dio(FAST, RetryBudget.unlimited());

		assertThatThrownBy(() -> dio.get("/once", o -> o.extra(RetryInterceptor.RETRYABLE, false)).block(Duration.ofSeconds(30)))
			.isInstanceOf(DioException.class);
		server.wireMock().verify(1, getRequestedFor(urlEqualTo("/once")));
	}

	@Test
	void aFormDataUploadIsRetriedAndArrivesCompleteBothTimes(@TempDir Path dir) throws Exception {
		byte[] fileBytes = new byte[300_000];
		for (int i = 0; i < fileBytes.length; i++) {
			fileBytes[i] = (byte) (i * 31);
		}
		Path file = Files.write(dir.resolve("photo.bin"), fileBytes);
		failOnceThen("/upload", aResponse().withStatus(502));
		Dio dio = dio(FAST, RetryBudget.unlimited());
		FormData form = new FormData().addField("name", "Ann")
			.addFile("photo", MultipartFile.fromPath(file))
			.addFile("note", MultipartFile.fromBytes("hello".getBytes(StandardCharsets.UTF_8), "note.txt"));

		dio.post("/upload", form, o -> o.extra(RetryInterceptor.RETRYABLE, true)).block(Duration.ofSeconds(30));

		List<LoggedRequest> sent = server.wireMock().findAll(postRequestedFor(urlEqualTo("/upload")));
		assertThat(sent).hasSize(2);
		for (LoggedRequest request : sent) {
			assertThat(request.getParts()).hasSize(3);
			assertThat(request.getPart("photo").getBody().asBytes()).isEqualTo(fileBytes);
			assertThat(request.getPart("note").getBody().asString()).isEqualTo("hello");
			assertThat(request.getPart("name").getBody().asString()).isEqualTo("Ann");
			assertThat(request.getHeader("Content-Length")).isEqualTo(String.valueOf(form.length()));
		}
	}

	@Test
	void aStreamBodyIsNeverRetried() {
		server.wireMock().stubFor(any(urlEqualTo("/stream")).willReturn(aResponse().withStatus(503)));
		Dio dio = dio(FAST, RetryBudget.unlimited());

		assertThatThrownBy(() -> dio.put("/stream", new ByteArrayInputStream(new byte[] { 1, 2, 3 })).block(Duration.ofSeconds(30)))
			.isInstanceOf(DioException.class);
		assertThatThrownBy(() -> dio.put("/stream", Flux.just("a".getBytes(), "b".getBytes())).block(Duration.ofSeconds(30)))
			.isInstanceOf(DioException.class);
		server.wireMock().verify(2, anyRequestedFor(urlEqualTo("/stream")));
	}

	@Test
	void aByteArrayAndJsonBodyAreSentAgainWhole() {
		failOnceThen("/bytes", aResponse().withStatus(500));
		failOnceThen("/json", aResponse().withStatus(500));
		Dio dio = dio(FAST, RetryBudget.unlimited());

		dio.put("/bytes", "raw".getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(30));
		dio.put("/json", Map.of("a", 1)).block(Duration.ofSeconds(30));

		assertThat(server.wireMock().findAll(anyRequestedFor(urlEqualTo("/bytes")))).hasSize(2)
			.allSatisfy(r -> assertThat(r.getBodyAsString()).isEqualTo("raw"));
		assertThat(server.wireMock().findAll(anyRequestedFor(urlEqualTo("/json")))).hasSize(2)
			.allSatisfy(r -> assertThat(r.getBodyAsString()).isEqualTo("{\"a\":1}"));
	}

	@Test
	void theBudgetCapsRetriesWhenEveryRequestFails() {
		server.wireMock().stubFor(get("/down").willReturn(aResponse().withStatus(503)));
		RetryBudget budget = RetryBudget.of(0.2, 10, Duration.ofMinutes(10));
		Dio dio = dio(FAST, budget);
		int requests = 1000;

		Long failures = Flux.range(0, requests)
			.flatMap(i -> dio.get("/down").then(Mono.just(0L)).onErrorResume(DioException.class, e -> Mono.just(1L)), 16)
			.reduce(0L, Long::sum)
			.block(Duration.ofMinutes(2));

		assertThat(failures).isEqualTo(requests);
		int sent = server.wireMock().findAll(getRequestedFor(urlEqualTo("/down"))).size();
		int retries = sent - requests;
		// without a budget: 2,000 retries (maxAttempts 3)
		System.out.println("retry budget: " + requests + " failing requests -> " + retries + " retries");
		assertThat(retries).as("retries").isPositive().isLessThanOrEqualTo(10 + (int) (0.2 * requests));
	}

	@Test
	void cancellingDuringTheBackoffEndsTheCallAtOnce() {
		server.wireMock().stubFor(get("/wait").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));
		Dio dio = dio(RetryPolicy.builder().maxRetryAfter(Duration.ofMinutes(5)).build(), RetryBudget.unlimited());
		CancelToken token = new CancelToken();
		AtomicReference<Throwable> error = new AtomicReference<>();

		Disposable call = dio.get("/wait", o -> o.cancelToken(token)).subscribe(r -> { }, error::set);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> server.wireMock().findAll(getRequestedFor(urlEqualTo("/wait"))).size() == 1);
		token.cancel("user left");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(error.get()).isInstanceOf(DioException.class)
			.extracting(e -> ((DioException) e).type()).isEqualTo(DioExceptionType.CANCEL));
		assertThat(call.isDisposed()).isTrue();
		server.wireMock().verify(1, getRequestedFor(urlEqualTo("/wait")));
	}

	@Test
	void unsubscribingDuringTheBackoffStopsTheLoop() {
		server.wireMock().stubFor(get("/gone").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));
		TestObservationRegistry observations = TestObservationRegistry.create();
		Dio dio = server.track(Dio.builder().options(BaseOptions.builder().baseUrl(server.baseUrl()).build())
			.observationRegistry(observations)
			.interceptor(new RetryInterceptor(RetryPolicy.builder().maxRetryAfter(Duration.ofMinutes(5)).build(),
					RetryBudget.unlimited()))
			.build());

		Disposable call = dio.get("/gone").subscribe(r -> { }, e -> { });
		await().atMost(Duration.ofSeconds(20))
			.until(() -> server.wireMock().findAll(getRequestedFor(urlEqualTo("/gone"))).size() == 1);
		call.dispose();

		// the call ended (a whole-call timeout unsubscribes the same way) instead of waiting 120 s
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(observations)
			.hasSingleObservationThat().hasBeenStopped().hasLowCardinalityKeyValue("status", "CANCELED"));
		server.wireMock().verify(1, getRequestedFor(urlEqualTo("/gone")));
	}

	@Test
	void connectionErrorsAreRetriedUpToMaxAttemptsAndEachAttemptIsNumbered() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		List<RetryAttempt> seen = new CopyOnWriteArrayList<>();
		Interceptor recorder = new Interceptor() {
			@Override
			public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
				seen.add(RetryAttempt.of(options));
				handler.next(options);
			}
		};
		Dio dio = server.track(Dio.builder()
			.options(BaseOptions.builder().baseUrl("http://127.0.0.1:" + closedPort).build())
			.interceptor(new RetryInterceptor(FAST, RetryBudget.unlimited()))
			.interceptor(recorder)
			.build());

		assertThatThrownBy(() -> dio.get("/x").block(Duration.ofSeconds(30))).isInstanceOf(DioException.class)
			.extracting(e -> ((DioException) e).type()).isEqualTo(DioExceptionType.CONNECTION_ERROR);
		assertThat(seen).extracting(RetryAttempt::number).containsExactly(1, 2, 3);
		assertThat(seen.get(2).failures()).hasSize(2)
			.allSatisfy(f -> assertThat(f.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR));
	}

	@Test
	void aTokenRefreshInsideTheChainSeesTheRetriedRequest() {
		server.wireMock().stubFor(get("/data").withHeader("Authorization", equalTo("Bearer expired"))
			.willReturn(aResponse().withStatus(401)));
		server.wireMock().stubFor(post("/refresh").willReturn(okJson("{\"token\":\"fresh\"}")));
		server.wireMock().stubFor(get("/data").withHeader("Authorization", equalTo("Bearer fresh"))
			.inScenario("fresh").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
		server.wireMock().stubFor(get("/data").withHeader("Authorization", equalTo("Bearer fresh"))
			.inScenario("fresh").whenScenarioStateIs("up").willReturn(okJson("{\"secret\":42}")));
		Dio dio = server.track(Dio.builder().options(BaseOptions.builder().baseUrl(server.baseUrl()).build())
			.interceptor(new RetryInterceptor(FAST, RetryBudget.unlimited()))
			.build());
		dio.interceptors().add(new ServiceTokenRefreshInterceptor(dio, server.dio()));

		assertThat(dio.get("/data").block(Duration.ofSeconds(30)).data()).isEqualTo(Map.of("secret", 42));

		assertThat(server.wireMock().findAll(getRequestedFor(urlEqualTo("/data"))))
			.extracting(r -> r.getHeader("Authorization"))
			.containsExactly("Bearer expired", "Bearer fresh", "Bearer fresh");
	}

	@Test
	void withoutTheInterceptorNothingIsRetried() {
		server.wireMock().stubFor(get("/plain").willReturn(aResponse().withStatus(503)));

		assertThatThrownBy(() -> server.dio().get("/plain").block(Duration.ofSeconds(30))).isInstanceOf(DioException.class);
		server.wireMock().verify(1, getRequestedFor(urlEqualTo("/plain")));
	}

	@Test
	void invalidPoliciesAndBudgetsNameTheField() {
		assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build()).hasMessageStartingWith("maxAttempts:");
		assertThatThrownBy(() -> RetryPolicy.builder().retryableStatuses(List.of(700)).build())
			.hasMessageStartingWith("retryableStatuses:");
		assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(1)).build())
			.hasMessageStartingWith("maxBackoff:");
		assertThatThrownBy(() -> RetryBudget.of(-1, 0, Duration.ofSeconds(1))).hasMessageStartingWith("ratio:");
	}

	@Test
	void fullJitterStaysUnderTheExponentialCeiling() {
		RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)).build();
		for (int i = 0; i < 200; i++) {
			assertThat(policy.backoff(1)).isLessThanOrEqualTo(Duration.ofMillis(100));
			assertThat(policy.backoff(3)).isLessThanOrEqualTo(Duration.ofMillis(400));
			assertThat(policy.backoff(40)).isLessThanOrEqualTo(Duration.ofSeconds(1));
		}
	}

}
