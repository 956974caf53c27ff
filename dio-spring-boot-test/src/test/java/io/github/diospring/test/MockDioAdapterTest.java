package io.github.diospring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.github.diospring.BaseOptions;
import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Response;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.envelope.BizException;
import io.github.diospring.envelope.DefaultErrorAdaptor;
import io.github.diospring.envelope.EnvelopeFields;
import io.github.diospring.envelope.EnvelopeSettings;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.form.FormData;
import io.github.diospring.form.MultipartFile;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The mock adapter under a real client: matching, answers, failures, and the pipeline around it. */
class MockDioAdapterTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final MockDioAdapter mock = MockDioAdapter.create();

	private final Dio dio = Dio.builder()
		.options(BaseOptions.builder().baseUrl("https://api.example.com/v1/").build())
		.adapter(this.mock)
		.build();

	@AfterEach
	void close() {
		this.dio.close();
	}

	private <T> Response<T> block(Mono<Response<T>> call) {
		return call.block(WAIT);
	}

	private DioException failure(Mono<?> call) {
		return catchThrowableOfType(DioException.class, () -> call.block(WAIT));
	}

	record User(long id, String name) {
	}

	@Test
	void answersATemplatedPathWithJsonDecodedIntoTheCallersType() {
		this.mock.onGet("/users/{id}").withQuery("verbose", "true").reply(200, Map.of("id", 1, "name", "Ann"));

		Response<User> response = block(this.dio.get("/users/{id}", User.class,
				r -> r.pathVariable("id", 1).queryParameter("verbose", true)));

		assertThat(response.data()).isEqualTo(new User(1, "Ann"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().value("content-type")).isEqualTo("application/json");
		assertThat(this.mock.requests()).singleElement()
			.satisfies(r -> assertThat(r.uri()).hasToString("https://api.example.com/v1/users/1?verbose=true"));
		this.mock.verify();
	}

	@Test
	void matchesTheFullPathAndAnAbsoluteUrlToo() {
		this.mock.onGet("/v1/a").replyText(200, "full");
		this.mock.onGet("https://api.example.com/v1/b/{x}").replyText(200, "absolute");

		assertThat(block(this.dio.get("/a")).data()).isEqualTo("full");
		assertThat(block(this.dio.get("/b/7")).data()).isEqualTo("absolute");
		this.mock.verify();
	}

	@Test
	void comparesJsonBodiesByValueWhateverTheFieldOrder() {
		this.mock.onPost("/users").withJsonBody("{\"tags\":[\"a\",\"b\"],\"age\":30.0,\"name\":\"Bob\"}").reply(201, Map.of("id", 2));
		this.mock.onPost("/users").withJsonBody(Map.of("name", "Eve")).reply(201, Map.of("id", 3));

		assertThat(block(this.dio.post("/users", Map.of("name", "Bob", "age", 30, "tags", List.of("a", "b")))).statusCode()).isEqualTo(201);
		DioException wrong = failure(this.dio.post("/users", Map.of("name", "Mallory")));

		assertThat(wrong.type()).isEqualTo(DioExceptionType.UNKNOWN);
		assertThat(wrong.getCause()).isInstanceOf(AssertionError.class);
		assertThat(wrong.getCause().getMessage()).contains("POST https://api.example.com/v1/users")
			.contains("closest expectation: #2 POST /users")
			.contains("json body: expected {\"name\":\"Eve\"} but was {\"name\":\"Mallory\"}");
	}

	@Test
	void matchesFormFieldsAndHeaders() {
		this.mock.onPost("/login")
			.withHeader("content-type", v -> v.startsWith("application/x-www-form-urlencoded"))
			.withHeader("X-App", "demo")
			.withFormBody(Map.of("user", "ann", "roles", List.of("a", "b")))
			.reply(200, Map.of("ok", true));

		Response<Object> response = block(this.dio.post("/login", Map.of("user", "ann", "roles", List.of("a", "b")),
				r -> r.header("X-App", "demo").contentType("application/x-www-form-urlencoded")));

		assertThat(response.data()).isEqualTo(Map.of("ok", true));
		this.mock.verify();
	}

	@Test
	void matchesMultipartFieldsAndFiles() {
		byte[] binary = { 0, (byte) 0xff, 13, 10, 45, 45 };
		this.mock.onPost("/files")
			.withPart("name", "wendux")
			.withPart("file", "hello.txt", "hello world")
			.withPart("raw", "raw.bin", binary)
			.replyText(200, "stored");

		FormData form = FormData.fromMap(Map.of("name", "wendux",
				"file", MultipartFile.fromBytes("hello world".getBytes(StandardCharsets.UTF_8), "hello.txt"),
				"raw", MultipartFile.fromBytes(binary, "raw.bin")));
		AtomicLong sent = new AtomicLong();

		assertThat(block(this.dio.post("/files", form, r -> r.onSendProgress((count, total) -> sent.set(count)))).data())
			.isEqualTo("stored");
		assertThat(sent.get()).as("send progress ran while the mock read the body")
			.isEqualTo(this.mock.requests().get(0).body().length);
		this.mock.verify();
	}

	@Test
	void keepsDeclarationOrderUnlessToldOtherwise() {
		this.mock.onGet("/first").replyText(200, "1");
		this.mock.onGet("/second").replyText(200, "2");

		DioException early = failure(this.dio.get("/second"));
		assertThat(early.getCause().getMessage()).contains("it matches, but an earlier expectation must come first")
			.contains("next expected: #1 GET /first");

		MockDioAdapter any = MockDioAdapter.create().inAnyOrder();
		Dio anyOrder = Dio.builder().options(BaseOptions.builder().baseUrl("http://h").build()).adapter(any).build();
		any.onGet("/first").replyText(200, "1");
		any.onGet("/second").replyText(200, "2");
		assertThat(block(anyOrder.get("/second")).data()).isEqualTo("2");
		assertThat(block(anyOrder.get("/first")).data()).isEqualTo("1");
		any.verify();
	}

	@Test
	void countsAnswersAndSaysWhenAnExpectationIsUsedUp() {
		this.mock.onGet("/ping").times(2).replyText(200, "pong");
		this.mock.onGet("/health").anyTimes().replyText(200, "up");

		block(this.dio.get("/ping"));
		block(this.dio.get("/ping"));
		DioException third = failure(this.dio.get("/ping"));

		assertThat(third.getCause().getMessage()).contains("it was already used up: expected 2 times, matched 2");
		assertThatThrownBy(this.mock::verify).isInstanceOf(AssertionError.class)
			.hasMessageContaining("no expectation matches request #3 GET https://api.example.com/v1/ping");
	}

	@Test
	void verifyReportsUnmetExpectationsAndRequestsTheCodeSwallowed() {
		this.mock.onGet("/users/1").reply(200, Map.of());
		this.mock.onDelete("/users/1").reply(204, null);
		this.dio.get("/users/2").onErrorResume(e -> Mono.empty()).block(WAIT);

		assertThatThrownBy(this.mock::verify).isInstanceOf(AssertionError.class)
			.hasMessageContaining("3 problem(s)")
			.hasMessageContaining("expectation #1 GET /users/1 -> 200 application/json was not met")
			.hasMessageContaining("expectation #2 DELETE /users/1 -> 204 application/json was not met: expected once, matched 0")
			.hasMessageContaining("no expectation matches request #1 GET https://api.example.com/v1/users/2")
			.hasMessageContaining("path: expected /users/1 but was /v1/users/2");
	}

	@Test
	void keepsSecretsOutOfMismatchMessages() {
		this.mock.onGet("/me").withHeader("Authorization", "Bearer right").reply(200, Map.of());

		DioException wrong = failure(this.dio.get("/me", r -> r.header("Authorization", "Bearer wrong-secret")));

		assertThat(wrong.getCause().getMessage()).contains("header 'Authorization': expected [******] but was [******]")
			.doesNotContain("wrong-secret").doesNotContain("Bearer right");
	}

	@Test
	void aSlowAnswerMeetsTheReceiveTimeout() {
		this.mock.onGet("/slow").respond(MockResponse.text(200, "late").after(Duration.ofSeconds(30)));

		DioException timeout = failure(this.dio.get("/slow", r -> r.receiveTimeout(Duration.ofMillis(200))));

		assertThat(timeout.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
		assertThat(timeout.getMessage()).contains("no response headers arrived within");
	}

	@Test
	void aCancelTokenCancelsADelayedAnswer() {
		this.mock.onGet("/slow").respond(MockResponse.text(200, "late").after(Duration.ofSeconds(60)));
		CancelToken token = new CancelToken();

		Mono<Response<Object>> call = this.dio.get("/slow", r -> r.cancelToken(token));
		Mono.delay(Duration.ofMillis(100)).subscribe(t -> token.cancel("user left"));

		DioException cancelled = failure(call);
		assertThat(cancelled.type()).isEqualTo(DioExceptionType.CANCEL);
		assertThat(cancelled.getMessage()).contains("user left");
	}

	@Test
	void streamsChunksWithReceiveProgressAndStallsIntoATimeout() {
		this.mock.onGet("/events").respond(MockResponse.chunks(200, "text/plain", "a", "bb", "ccc"));
		this.mock.onGet("/stalled").respond(MockResponse.chunks(200, "text/plain", "a", "b").withChunkGap(Duration.ofSeconds(30)));
		List<Long> progress = new CopyOnWriteArrayList<>();

		Response<String> events = block(this.dio.get("/events", String.class,
				r -> r.onReceiveProgress((received, total) -> progress.add(received))));
		DioException stalled = failure(this.dio.get("/stalled", r -> r.receiveTimeout(Duration.ofMillis(200))));

		assertThat(events.data()).isEqualTo("abbccc");
		assertThat(progress).containsExactly(1L, 3L, 6L);
		assertThat(stalled.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
		assertThat(stalled.getMessage()).contains("the response body stalled");
	}

	@Test
	void aStreamResponseIsReadByTheCaller() {
		this.mock.onGet("/download").respond(MockResponse.chunks(200, "application/octet-stream", "12", "34")
			.thenFail(DioExceptionType.CONNECTION_ERROR));

		ResponseBody body = block(this.dio.get("/download", ResponseBody.class)).data();
		List<String> chunks = new CopyOnWriteArrayList<>();

		Throwable broken = catchThrowableOfType(DioException.class, () -> body.stream()
			.doOnNext(buffer -> {
				chunks.add(buffer.toString(StandardCharsets.UTF_8));
				DataBufferUtils.release(buffer);
			})
			.blockLast(WAIT));

		assertThat(chunks).containsExactly("12", "34");
		assertThat(((DioException) broken).type()).isEqualTo(DioExceptionType.CONNECTION_ERROR);
	}

	@ParameterizedTest
	@EnumSource(DioExceptionType.class)
	void failsWithEveryErrorTypeAndTheErrorInterceptorsSeeIt(DioExceptionType type) {
		List<DioExceptionType> seen = new CopyOnWriteArrayList<>();
		Dio client = Dio.builder()
			.options(BaseOptions.builder().baseUrl("https://api.example.com").connectTimeout(Duration.ofSeconds(1)).build())
			.adapter(this.mock)
			.interceptor(InterceptorsWrapper.builder().onError((error, handler) -> {
				seen.add(error.type());
				handler.next(error);
			}).build())
			.build();
		this.mock.onGet("/down").fail(type);

		DioException error = failure(client.get("/down"));

		assertThat(error.type()).isEqualTo(type);
		assertThat(seen).containsExactly(type);
		assertThat(error.requestOptions().uri()).hasToString("https://api.example.com/down");
		client.close();
	}

	@Test
	void interceptorsValidateStatusAndTheTransformerRunAsWithARealServer() {
		List<Object> seenByResponseInterceptor = new CopyOnWriteArrayList<>();
		Dio client = Dio.builder()
			.options(BaseOptions.builder().baseUrl("https://api.example.com").build())
			.adapter(this.mock)
			.interceptor(InterceptorsWrapper.builder()
				.onRequest((options, handler) -> handler.next(options.withHeader("X-Trace", "t-1")))
				.onResponse((response, handler) -> {
					seenByResponseInterceptor.add(response.data());
					handler.next(response);
				})
				.build())
			.build();
		this.mock.onGet("/items").withHeader("X-Trace", "t-1").reply(200, List.of(1, 2));
		this.mock.onGet("/missing").reply(404, Map.of("message", "nope"));

		assertThat(block(client.get("/items")).data()).isEqualTo(List.of(1, 2));
		DioException missing = failure(client.get("/missing"));

		assertThat(seenByResponseInterceptor).containsExactly(List.of(1, 2));
		assertThat(missing.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(missing.response().data()).isEqualTo(Map.of("message", "nope"));
		client.close();
	}

	@Test
	void theEnvelopeTurnsABusinessFailureIntoABizException() {
		JsonMapper mapper = JsonMapper.builder().build();
		Dio client = Dio.builder()
			.options(BaseOptions.builder().baseUrl("https://api.example.com").build())
			.adapter(this.mock)
			.interceptor(new ErrorAdaptorInterceptor(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
					(info, error) -> {
					}, EnvelopeSettings.DEFAULTS, mapper))
			.build();
		this.mock.onGet("/users/1").reply(200, Map.of("success", true, "data", Map.of("id", 1, "name", "Ann")));
		this.mock.onGet("/users/9").reply(200, Map.of("success", false, "errorCode", "USER_NOT_FOUND",
				"errorMessage", "no such user", "showType", 2));

		assertThat(block(client.get("/users/1", User.class)).data()).isEqualTo(new User(1, "Ann"));
		DioException biz = failure(client.get("/users/9", User.class));

		assertThat(biz).isInstanceOf(BizException.class);
		assertThat(biz.type()).isEqualTo(DioExceptionType.BIZ_ERROR);
		assertThat(((BizException) biz).errorInfo().errorCode()).isEqualTo("USER_NOT_FOUND");
		client.close();
	}

	@Test
	void cookiesSetByAnAnswerAreSentWithTheNextRequest() {
		Dio client = Dio.builder()
			.options(BaseOptions.builder().baseUrl("https://api.example.com").build())
			.adapter(this.mock)
			.interceptor(new CookieManager(new DefaultCookieJar()))
			.build();
		this.mock.onPost("/login").respond(MockResponse.json(200, Map.of()).withHeader("Set-Cookie", "session=s1; Path=/"));
		this.mock.onGet("/orders").withHeader("cookie", "session=s1").reply(200, List.of());

		block(client.post("/login", Map.of("user", "ann")));
		block(client.get("/orders"));

		this.mock.verify();
		client.close();
	}

	@Test
	void requestsAreObservedAsHttpClientRequests() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		Dio client = Dio.builder()
			.name("orders")
			.options(BaseOptions.builder().baseUrl("https://api.example.com").build())
			.observationRegistry(registry)
			.adapter(this.mock)
			.build();
		this.mock.onGet("/orders/{id}").reply(200, Map.of());

		block(client.get("/orders/{id}", r -> r.pathVariable("id", 5)));

		TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasLowCardinalityKeyValue("uri", "/orders/{id}")
			.hasLowCardinalityKeyValue("status", "200")
			.hasLowCardinalityKeyValue("client", "orders");
		client.close();
	}

	@Test
	void verifyWithATimeoutWaitsForRequestsSentInTheBackground() {
		this.mock.onPost("/audit").reply(202, null);

		Mono.delay(Duration.ofMillis(100)).then(this.dio.post("/audit", Map.of("event", "login"))).subscribe();

		this.mock.verify(WAIT);
		assertThat(this.mock.requests()).hasSize(1);
	}

	@Test
	void resetForgetsExpectationsAndRequests() {
		this.mock.onGet("/a").replyText(200, "a");
		block(this.dio.get("/a"));

		this.mock.reset();

		assertThat(this.mock.requests()).isEmpty();
		this.mock.verify();
		assertThat(failure(this.dio.get("/a")).getCause().getMessage()).contains("no expectations were declared");
	}

	@Test
	void anExpectationWithoutAnAnswerSaysSo() {
		this.mock.onGet("/a");

		assertThat(failure(this.dio.get("/a")).getMessage()).contains("has no response: finish it with respond(...)");
	}

}
