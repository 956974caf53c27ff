package io.github.diospring;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import java.nio.charset.StandardCharsets;

import io.github.diospring.adapter.PoolSettings;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.diospring.adapter.ReactorNettyAdapter;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.PersistCookieJar;
import io.github.diospring.envelope.BizException;
import io.github.diospring.envelope.DefaultErrorAdaptor;
import io.github.diospring.envelope.EnvelopeFields;
import io.github.diospring.envelope.EnvelopeSettings;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.envelope.ErrorInfo;
import io.github.diospring.envelope.LoggingErrorNotifier;
import io.github.diospring.envelope.Page;
import io.github.diospring.form.FormData;
import io.github.diospring.form.MultipartFile;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.transformer.DefaultTransformer;
import reactor.netty.http.client.HttpClient;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.interceptor.LogInterceptor;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import io.github.diospring.retry.RetryBudget;
import io.github.diospring.retry.RetryInterceptor;
import io.github.diospring.retry.RetryPolicy;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The README's examples, compiled and run against a local server, so they cannot rot. Each
 * {@code tag::name[]} region is what the README shows.
 */
public class ReadmeExamplesTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private static final Logger log = LoggerFactory.getLogger(ReadmeExamplesTest.class);

	record User(long id, String name) {
	}

	record Token(String token) {
	}

	@Test
	void basics() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"id\":1,\"name\":\"Ann\"}")));
		server.wireMock().stubFor(get("/users").willReturn(okJson("[{\"id\":1,\"name\":\"Ann\"}]")));
		String baseUrl = server.baseUrl();
		// tag::create[]
		Dio dio = Dio.create(BaseOptions.builder()
				.baseUrl(baseUrl)
				.connectTimeout(Duration.ofSeconds(5))
				.receiveTimeout(Duration.ofSeconds(3))
				.header("X-App", "demo")
				.build());
		// end::create[]
		server.track(dio);

		// tag::get[]
		Response<Object> response = dio.get("/test?id=12&name=wendu").block();
		response = dio.get("/test", r -> r.queryParameters(Map.of("id", 12, "name", "wendu"))).block();

		Response<User> user = dio.get("/users/{id}", User.class, r -> r.pathVariable("id", 1)).block();
		Response<List<User>> users = dio.get("/users", new ParameterizedTypeReference<List<User>>() {}).block();
		Response<String> text = dio.get("/users/1", String.class).block();
		Mono<Response<User>> later = dio.get("/users/1", User.class);          // nothing sent until subscribed
		// end::get[]

		// tag::post[]
		dio.post("/test", Map.of("id", 12, "name", "wendu")).block();         // Map -> JSON
		dio.post("/users", new User(2, "Bo"), User.class).block();            // any object -> JSON
		dio.post("/info", Map.of("id", 5),
				r -> r.contentType(MediaType.APPLICATION_FORM_URLENCODED)).block();   // id=5
		Tuple2<Response<Object>, Response<Object>> both = Mono.zip(dio.post("/info"), dio.get("/token")).block();
		// end::post[]

		assertThat(response.data()).isEqualTo(Map.of("id", 1, "name", "Ann"));
		assertThat(user.data()).isEqualTo(new User(1, "Ann"));
		assertThat(users.data()).containsExactly(new User(1, "Ann"));
		assertThat(text.data()).contains("Ann");
		assertThat(later.block().data().name()).isEqualTo("Ann");
		assertThat(both.getT2().statusCode()).isEqualTo(200);
	}

	@Test
	void errorsAndCancellation() {
		server.wireMock().stubFor(get("/missing").willReturn(aResponse().withStatus(404).withBody("not here")));
		server.wireMock().stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(10_000)));
		Dio dio = server.dio();
		String url = server.baseUrl() + "/slow";

		// tag::errors[]
		try {
			dio.get("/missing").block();
		}
		catch (DioException e) {
			if (e.response() != null) {        // the server answered: status, headers, decoded body
				log.warn("{} {}: {}", e.response().statusCode(), e.response().requestOptions().uri(), e.response().data());
			}
			else {                             // no answer: timeout, refused connection, cancel...
				log.warn("{} failed: {}", e.requestOptions().uri(), e.getMessage());
			}
			assertThat(e.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		}
		// end::errors[]

		// tag::cancel[]
		CancelToken token = new CancelToken();
		dio.get(url, r -> r.cancelToken(token)).subscribe(ok -> { }, err -> {
			if (CancelToken.isCancel(err)) {
				log.info("Request canceled! {}", err.getMessage());
			}
		});
		token.cancel("cancelled");
		// end::cancel[]
		assertThat(token.isCancelled()).isTrue();
	}

	@Test
	void retry() {
		for (String path : List.of("/flaky", "/orders")) {
			server.wireMock().stubFor(any(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
			server.wireMock().stubFor(any(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("up")
				.willReturn(okJson("{\"ok\":true}")));
		}
		String baseUrl = server.baseUrl();

		// tag::retry[]
		Dio dio = Dio.builder()
				.options(BaseOptions.builder().baseUrl(baseUrl).build())
				.interceptor(new RetryInterceptor(RetryPolicy.builder()
						.maxAttempts(3)
						.initialBackoff(Duration.ofMillis(100))
						.build(), RetryBudget.defaults()))
				.build();

		dio.get("/flaky").block();                                          // a 503 is retried
		dio.post("/orders", Map.of("sku", "A1"),
				o -> o.extra(RetryInterceptor.RETRYABLE, true)).block();    // a POST only when it opts in
		// end::retry[]
		server.track(dio);
		server.wireMock().verify(2, getRequestedFor(urlEqualTo("/flaky")));
		server.wireMock().verify(2, postRequestedFor(urlEqualTo("/orders")));
	}

	@Test
	void interceptors() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")));
		Dio dio = server.dio();

		// tag::interceptors[]
		dio.interceptors().add(InterceptorsWrapper.builder()
				.onRequest((options, handler) -> handler.next(options.withHeader("X-Trace", "abc")))
				.onResponse((response, handler) -> handler.next(response))
				.onError((error, handler) -> handler.next(error))
				.build());

		// answer without the network (resolve) or fail (reject)
		dio.interceptors().add(InterceptorsWrapper.builder()
				.onRequest((options, handler) -> {
					if (options.path().equals("/fake")) {
						handler.resolve(Response.of(options, "fake data"));
					}
					else {
						handler.next(options);
					}
				})
				.build());

		// log last, with credentials redacted
		dio.interceptors().add(LogInterceptor.builder().requestBody(true).responseBody(true).build());
		// end::interceptors[]

		assertThat(dio.get("/fake").block().data()).isEqualTo("fake data");
		assertThat(dio.get("/real").block().data()).isEqualTo(Map.of("ok", true));
		server.wireMock().verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(anyUrl()).withHeader("X-Trace", equalTo("abc")));
	}

	@Test
	void limits() {
		server.wireMock().stubFor(get("/report").willReturn(aResponse().withBody("report")));
		String baseUrl = server.baseUrl();
		// tag::limits[]
		Dio dio = Dio.builder()
				.options(BaseOptions.builder()
						.baseUrl(baseUrl)
						.connectTimeout(Duration.ofSeconds(3))       // default 10 s; ZERO = none
						.receiveTimeout(Duration.ofSeconds(10))      // default 30 s, an idle limit
						.callTimeout(Duration.ofSeconds(60))         // default none: the whole exchange
						.maxInMemorySize(50L * 1024 * 1024)          // default 10 MiB; -1 = none
						.build())
				.adapter(ReactorNettyAdapter.create(PoolSettings.builder()
						.maxConnections(1000)                        // default 500
						.pendingAcquireTimeout(Duration.ofSeconds(5)) // default 45 s
						.build()))
				.build();
		Response<String> report = dio.get("/report", String.class, r -> r.callTimeout(Duration.ofMinutes(5))).block();
		// end::limits[]
		server.track(dio);

		assertThat(report.data()).isEqualTo("report");
		assertThat(dio.options().callTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void customAdapterAndTransformer() {
		server.wireMock().stubFor(get("/users/1").willReturn(okJson("{\"id\":1,\"name\":\"Ann\"}")));
		tools.jackson.databind.json.JsonMapper jsonMapper = tools.jackson.databind.json.JsonMapper.builder().build();
		String baseUrl = server.baseUrl();
		// tag::adapter[]
		Dio dio = Dio.builder()
				.options(BaseOptions.builder().baseUrl(baseUrl).build())
				.adapter(ReactorNettyAdapter.create(HttpClient.create().wiretap(true)))
				.transformer(new DefaultTransformer(jsonMapper))
				.build();
		// end::adapter[]
		server.track(dio);
		assertThat(dio.get("/users/1", User.class).block().data()).isEqualTo(new User(1, "Ann"));
	}

	@Test
	void formData(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		server.wireMock().stubFor(post("/info").willReturn(okJson("{\"ok\":true}")));
		java.nio.file.Files.writeString(dir.resolve("upload.txt"), "some file content");
		java.nio.file.Path upload = dir.resolve("upload.txt");
		Dio dio = server.dio();
		// tag::formdata[]
		FormData formData = FormData.fromMap(Map.of(
				"name", "wendux",
				"age", 25,
				"file1", MultipartFile.fromFile(upload, "upload1.txt"),
				"file2", MultipartFile.fromBytes("hello world".getBytes(StandardCharsets.UTF_8), "word.txt"),
				"files", List.of(MultipartFile.fromFile(upload, "a.txt"), MultipartFile.fromFile(upload, "b.txt"))));
		dio.post("/info", formData, r -> r.onSendProgress((sent, total) -> log.info("{}/{}", sent, total))).block();
		// end::formdata[]
		server.wireMock().verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
				com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/info"))
			.withHeader("Content-Length", equalTo(String.valueOf(formData.length()))));
	}

	@Test
	void cookies(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
		server.wireMock().stubFor(post("/login").willReturn(okJson("{}").withHeader("Set-Cookie", "SESSION=1; Path=/")));
		server.wireMock().stubFor(get("/me").willReturn(okJson("{}")));
		Dio dio = server.dio();
		java.nio.file.Path cookieDir = dir;
		// tag::cookies[]
		dio.interceptors().add(new CookieManager(PersistCookieJar.builder(cookieDir).build()));
		dio.post("/login", Map.of("user", "ann")).block();   // Set-Cookie: SESSION=1; Path=/
		dio.get("/me").block();                               // Cookie: SESSION=1
		// end::cookies[]
		server.wireMock().verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
				com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/me")).withHeader("Cookie", equalTo("SESSION=1")));
	}

	@Test
	void download(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		server.wireMock().stubFor(get("/report.pdf").willReturn(aResponse().withBody("%PDF" + "x".repeat(10_000))));
		server.wireMock().stubFor(get("/big.iso").withHeader("Range", equalTo("bytes=4-"))
			.willReturn(aResponse().withStatus(206).withHeader("Content-Range", "bytes 4-7/8").withBody("5678")));
		Dio dio = server.dio();
		java.nio.file.Files.writeString(dir.resolve("big.iso"), "1234");
		java.nio.file.Path reports = dir;
		// tag::download[]
		dio.download("/report.pdf", reports.resolve("report.pdf"),
				r -> r.onReceiveProgress((received, total) -> log.info("{}/{}", received, total))).block();

		// continue an interrupted download where the file on disk stops (Range + append)
		dio.download("/big.iso", reports.resolve("big.iso"), null, DownloadOptions.builder().resume(true).build())
				.retry(3)
				.block();
		// end::download[]
		assertThat(java.nio.file.Files.size(dir.resolve("report.pdf"))).isEqualTo(10_004);
		assertThat(java.nio.file.Files.readString(dir.resolve("big.iso"))).isEqualTo("12345678");
	}

	record Order(long id, String status) {
	}

	@Test
	void envelope() {
		server.wireMock().stubFor(get("/orders/1").willReturn(okJson("{\"success\":true,\"data\":{\"id\":1,\"status\":\"PAID\"}}")));
		server.wireMock().stubFor(get("/orders").willReturn(okJson("{\"success\":true,\"data\":{\"list\":[{\"id\":1,\"status\":\"PAID\"}],\"current\":1,\"pageSize\":10,\"total\":1}}")));
		server.wireMock().stubFor(post("/orders/1/refund").willReturn(okJson("{\"success\":false,\"errorCode\":\"REFUND_CLOSED\","
				+ "\"errorMessage\":\"退款窗口已关闭\",\"showType\":2,\"traceId\":\"a1b2\",\"host\":\"10.1.1.1\"}")));
		Dio dio = server.dio();
		tools.jackson.databind.json.JsonMapper jsonMapper = tools.jackson.databind.json.JsonMapper.builder().build();
		// tag::envelope[]
		dio.interceptors().add(new ErrorAdaptorInterceptor(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, jsonMapper),
				new LoggingErrorNotifier(), EnvelopeSettings.DEFAULTS, jsonMapper));

		// {"success":true,"data":{"id":1,"status":"PAID"}}  ->  Order[id=1, status=PAID]
		Order order = dio.get("/orders/1", Order.class).block().data();
		Page<Order> page = dio.get("/orders", new ParameterizedTypeReference<Page<Order>>() {}).block().data();
		Object envelope = dio.get("/orders/1").block().data();   // untyped: the whole envelope

		// {"success":false,"errorCode":"REFUND_CLOSED","errorMessage":"退款窗口已关闭",...}
		try {
			dio.post("/orders/1/refund").block();
		}
		catch (BizException e) {
			ErrorInfo info = e.errorInfo();     // errorCode, errorMessage, showType, traceId, host, data
			log.warn("{}", e.getMessage());     // 退款窗口已关闭 (errorCode=REFUND_CLOSED, traceId=a1b2, host=10.1.1.1)
		}
		// end::envelope[]
		assertThat(order).isEqualTo(new Order(1, "PAID"));
		assertThat(page.total()).isEqualTo(1);
		assertThat(envelope).isInstanceOf(Map.class);
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> dio.post("/orders/1/refund").block()))
			.hasMessage("退款窗口已关闭 (errorCode=REFUND_CLOSED, traceId=a1b2, host=10.1.1.1)");
	}

	// tag::refresh[]
	/** One user's upstream tokens: keep it in their web session; it never goes to the browser. */
	public static final class UserTokens implements java.io.Serializable {

		private final String refreshToken;

		private volatile String accessToken = "none";

		private transient Mono<String> refreshing;   // what this user's concurrent 401s wait for

		public UserTokens(String refreshToken) {
			this.refreshToken = refreshToken;
		}

		/** A new token, unless the failed one was already replaced; one refresh per user at a time. */
		synchronized Mono<String> refresh(String failed, Dio tokenDio) {
			if (!failed.equals(this.accessToken)) {
				return Mono.just(this.accessToken);
			}
			if (this.refreshing == null) {
				this.refreshing = tokenDio.post("/refresh", Map.of("refreshToken", this.refreshToken), Token.class)
						.map(r -> this.accessToken = r.data().token())
						.doFinally(signal -> clearRefreshing())
						.cache();
			}
			return this.refreshing;
		}

		private synchronized void clearRefreshing() {
			this.refreshing = null;
		}

	}

	/**
	 * Sends the calling user's token; on a 401 refreshes that user's token once for all of their
	 * concurrent calls (other users neither wait nor share it), then retries each request. The
	 * caller's tokens travel in the Reactor context: {@code .contextWrite(Context.of(UserTokens.class, tokens))}.
	 */
	public static class RefreshTokenInterceptor implements Interceptor {

		private final Dio dio;          // the client this interceptor is added to

		private final Dio tokenDio;     // a separate client for the refresh call

		public RefreshTokenInterceptor(Dio dio, Dio tokenDio) {
			this.dio = dio;
			this.tokenDio = tokenDio;
		}

		@Override
		public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
			UserTokens tokens = handler.contextView().get(UserTokens.class);   // no user, no call
			handler.next(options.withHeader("Authorization", "Bearer " + tokens.accessToken));
		}

		@Override
		public void onError(DioException error, ErrorInterceptorHandler handler) {
			RequestOptions failed = error.requestOptions();
			boolean unauthorized = error.response() != null && error.response().statusCode() == 401;
			if (!unauthorized || failed.extra().containsKey("retried")) {
				handler.next(error);
				return;
			}
			UserTokens tokens = handler.contextView().get(UserTokens.class);
			String sent = failed.headers().value("Authorization").substring("Bearer ".length());
			handler.observe(tokens.refresh(sent, this.tokenDio)
					.flatMap(t -> this.dio.fetch(failed.copyWith(r -> r.header("Authorization", "Bearer " + t)
							.extra("retried", true))).contextWrite(c -> c.put(UserTokens.class, tokens)))
					.doOnNext(handler::resolve)
					.onErrorResume(DioException.class, e -> {
						handler.reject(e);
						return Mono.empty();
					}));
		}

	}
	// end::refresh[]

	@Test
	void tokenRefreshIsOncePerUserAndNeverSharesAToken() {
		server.wireMock().stubFor(get("/me").willReturn(aResponse().withStatus(401)));
		for (String user : List.of("ann", "bob")) {
			server.wireMock().stubFor(post("/refresh").withRequestBody(equalToJson("{\"refreshToken\":\"r-" + user + "\"}"))
				.willReturn(okJson("{\"token\":\"t-" + user + "\"}").withFixedDelay(200)));
			server.wireMock().stubFor(get("/me").withHeader("Authorization", equalTo("Bearer t-" + user))
				.willReturn(okJson("{\"id\":7,\"name\":\"" + user + "\"}")));
		}
		Dio dio = server.dio();
		dio.interceptors().add(new RefreshTokenInterceptor(dio, server.dio()));
		UserTokens ann = new UserTokens("r-ann");
		UserTokens bob = new UserTokens("r-bob");

		List<User> users = reactor.core.publisher.Flux.range(0, 6)
			.flatMap(i -> dio.get("/me", User.class)
				.contextWrite(reactor.util.context.Context.of(UserTokens.class, (i % 2 == 0) ? ann : bob)))
			.map(r -> r.data())
			.collectList()
			.block(java.time.Duration.ofSeconds(30));

		assertThat(users).extracting(User::name).containsOnly("ann", "bob").hasSize(6);
		assertThat(users.stream().filter(u -> u.name().equals("ann"))).hasSize(3);
		server.wireMock().verify(1, postRequestedFor(urlEqualTo("/refresh")).withRequestBody(equalToJson("{\"refreshToken\":\"r-ann\"}")));
		server.wireMock().verify(1, postRequestedFor(urlEqualTo("/refresh")).withRequestBody(equalToJson("{\"refreshToken\":\"r-bob\"}")));
		assertThat(catchThrowable(() -> dio.get("/me").block())).isInstanceOf(DioException.class)
			.hasMessageContaining("Context is empty");
	}

}
