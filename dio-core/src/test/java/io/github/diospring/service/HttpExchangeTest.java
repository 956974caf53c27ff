package io.github.diospring.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.diospring.BaseOptions;
import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Options;
import io.github.diospring.ProgressCallback;
import io.github.diospring.SseOptions;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.envelope.BizException;
import io.github.diospring.envelope.DefaultErrorAdaptor;
import io.github.diospring.envelope.EnvelopeFields;
import io.github.diospring.envelope.EnvelopeSettings;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.envelope.LoggingErrorNotifier;
import io.github.diospring.envelope.Page;
import io.github.diospring.form.MultipartFile;
import io.github.diospring.observation.DioObservationContext;
import io.github.diospring.testing.LocalServer;
import io.github.diospring.testing.ServiceTokenRefreshInterceptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code @HttpExchange} interfaces on a dio client, against a real local server: every argument
 * kind and return type, the envelope, business errors, a token refresh, metrics by template and
 * event streams.
 */
class HttpExchangeTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	record User(long id, String name) {
	}

	record Meta(int size) {
	}

	@HttpExchange("/api/users")
	interface UserApi {

		@GetExchange("/{id}")
		User user(@PathVariable long id);

		@GetExchange("/{id}")
		Mono<User> userMono(@PathVariable("id") long id);

		@GetExchange("/{id}")
		ResponseEntity<User> userEntity(@PathVariable long id);

		@GetExchange("/{id}")
		Mono<ResponseEntity<User>> userEntityMono(@PathVariable long id);

		@GetExchange("/{id}")
		HttpHeaders userHeaders(@PathVariable long id);

		@GetExchange("/{id}")
		Map<String, Object> envelope(@PathVariable long id, @RequestAttribute("skipErrorHandler") boolean skip);

		@GetExchange
		Page<User> page(@RequestParam int current, @RequestParam List<String> tag,
				@RequestHeader("X-Tenant") String tenant, @CookieValue("sid") String session, CancelToken token);

		@GetExchange("/all")
		Flux<User> all();

		@PostExchange
		User create(@RequestBody User user);

		@PutExchange("/{id}")
		Mono<User> rename(@PathVariable long id, @RequestBody Mono<User> user);

		@PostExchange("/{id}/avatar")
		void upload(@PathVariable long id, @RequestPart("title") String title, @RequestPart("file") MultipartFile file,
				@RequestPart("meta") Meta meta, @OnSendProgress ProgressCallback progress);

		@PostExchange(url = "/login", contentType = "application/x-www-form-urlencoded")
		ResponseEntity<Void> login(@RequestParam String user, @RequestParam String password);

		@DeleteExchange("/{id}")
		Mono<Void> remove(@PathVariable long id);

		@GetExchange("/slow")
		User slow(Options options);

		@GetExchange("/avatar.png")
		byte[] avatar(@OnReceiveProgress ProgressCallback progress);

		@GetExchange(url = "/events", accept = "text/event-stream")
		Flux<User> events(SseOptions options);

		@GetExchange("/events")
		Flux<ServerSentEvent<User>> eventStream(SseOptions options);

		@GetExchange(url = "/lines", accept = "application/x-ndjson")
		Flux<User> lines();

		@GetExchange("/me")
		User me();

		@GetExchange("/old")
		User moved();

	}

	@HttpExchange("/api/users")
	interface Unannotated {

		@GetExchange("/{id}")
		User user(@PathVariable long id, ProgressCallback progress);

	}

	private final List<DioObservationContext> observations = new CopyOnWriteArrayList<>();

	private Dio dio;

	private UserApi api;

	@BeforeEach
	void client() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<DioObservationContext>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof DioObservationContext;
			}

			@Override
			public void onStop(DioObservationContext context) {
				HttpExchangeTest.this.observations.add(context);
			}
		});
		JsonMapper mapper = JsonMapper.builder().build();
		this.dio = server.track(Dio.builder()
			.options(BaseOptions.builder().baseUrl(server.baseUrl()).build())
			.observationRegistry(registry)
			.interceptor(new ErrorAdaptorInterceptor(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
					new LoggingErrorNotifier(), EnvelopeSettings.DEFAULTS, mapper))
			.build());
		this.api = DioHttpServices.createClient(this.dio, UserApi.class);
		server.wireMock().stubFor(get("/api/users/1")
			.willReturn(okJson("{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ann\"}}").withHeader("ETag", "\"v1\"")));
	}

	private static String envelope(String data) {
		return "{\"success\":true,\"data\":" + data + "}";
	}

	@Test
	void plainMonoAndEntityReturnTypesUnwrapTheEnvelopeIntoRecords() {
		assertThat(this.api.user(1)).isEqualTo(new User(1, "Ann"));
		assertThat(this.api.userMono(1).block(Duration.ofSeconds(10))).isEqualTo(new User(1, "Ann"));
		ResponseEntity<User> entity = this.api.userEntity(1);
		assertThat(entity.getStatusCode().value()).isEqualTo(200);
		assertThat(entity.getBody()).isEqualTo(new User(1, "Ann"));
		assertThat(entity.getHeaders().getETag()).isEqualTo("\"v1\"");
		assertThat(this.api.userEntityMono(1).block(Duration.ofSeconds(10)).getBody()).isEqualTo(new User(1, "Ann"));
		assertThat(this.api.userHeaders(1).getETag()).isEqualTo("\"v1\"");
	}

	@Test
	void queryParametersHeadersCookiesAndACancelTokenReachTheServerAndAPageIsUnwrapped() {
		server.wireMock().stubFor(get(urlPathEqualTo("/api/users"))
			.willReturn(okJson(envelope("{\"list\":[{\"id\":1,\"name\":\"Ann\"}],\"current\":2,\"pageSize\":10,\"total\":11}"))));

		Page<User> page = this.api.page(2, List.of("a b", "c&d"), "acme", "s-1", new CancelToken());

		assertThat(page).isEqualTo(new Page<>(List.of(new User(1, "Ann")), 2, 10, 11L));
		server.wireMock().verify(getRequestedFor(urlEqualTo("/api/users?current=2&tag=a+b&tag=c%26d"))
			.withHeader("X-Tenant", equalTo("acme"))
			.withHeader("Cookie", equalTo("sid=s-1")));
	}

	@Test
	void aCancelledTokenFailsTheCallWithoutSendingIt() {
		CancelToken token = new CancelToken();
		token.cancel("page left");

		DioException error = catchThrowableOfType(DioException.class,
				() -> this.api.page(1, List.of("x"), "acme", "s", token));

		assertThat(error.type()).isEqualTo(DioExceptionType.CANCEL);
		server.wireMock().verify(0, getRequestedFor(urlPathEqualTo("/api/users")));
	}

	@Test
	void aJsonArrayBecomesAFlux() {
		server.wireMock().stubFor(get("/api/users/all")
			.willReturn(okJson(envelope("[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bob\"}]"))));

		assertThat(this.api.all().collectList().block(Duration.ofSeconds(10)))
			.containsExactly(new User(1, "Ann"), new User(2, "Bob"));
	}

	@Test
	void requestBodiesPlainAndReactiveAreSentAsJson() {
		server.wireMock().stubFor(post("/api/users").willReturn(okJson(envelope("{\"id\":3,\"name\":\"Cy\"}"))));
		server.wireMock().stubFor(put("/api/users/3").willReturn(okJson(envelope("{\"id\":3,\"name\":\"Cyd\"}"))));

		assertThat(this.api.create(new User(0, "Cy"))).isEqualTo(new User(3, "Cy"));
		assertThat(this.api.rename(3, Mono.just(new User(3, "Cyd"))).block(Duration.ofSeconds(10)))
			.isEqualTo(new User(3, "Cyd"));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/api/users"))
			.withHeader("Content-Type", containing("application/json"))
			.withRequestBody(equalToJson("{\"id\":0,\"name\":\"Cy\"}")));
		server.wireMock().verify(putRequestedFor(urlEqualTo("/api/users/3"))
			.withRequestBody(equalToJson("{\"id\":3,\"name\":\"Cyd\"}")));
	}

	@Test
	void requestPartsBecomeAMultipartFormDataWithSendProgress() {
		server.wireMock().stubFor(post("/api/users/1/avatar").willReturn(okJson("{\"success\":true}")));
		AtomicLong sent = new AtomicLong();
		AtomicLong total = new AtomicLong();

		this.api.upload(1, "me", MultipartFile.fromBytes("PNG".getBytes(StandardCharsets.UTF_8), "me.png"),
				new Meta(3), (n, t) -> {
					sent.set(n);
					total.set(t);
				});

		server.wireMock().verify(postRequestedFor(urlEqualTo("/api/users/1/avatar"))
			.withHeader("Content-Type", containing("multipart/form-data"))
			.withRequestBodyPart(aMultipart("title").withBody(equalTo("me")).build())
			.withRequestBodyPart(aMultipart("file").withBody(equalTo("PNG"))
				.withHeader("Content-Disposition", containing("filename=\"me.png\"")).build())
			.withRequestBodyPart(aMultipart("meta").withBody(equalToJson("{\"size\":3}"))
				.withHeader("Content-Type", containing("application/json")).build()));
		assertThat(sent.get()).isPositive().isEqualTo(total.get());
	}

	@Test
	void formParametersBodilessEntitiesAndVoid() {
		server.wireMock().stubFor(post("/api/users/login").willReturn(aResponse().withStatus(204)));
		server.wireMock().stubFor(delete("/api/users/5").willReturn(okJson("{\"success\":true}")));

		ResponseEntity<Void> login = this.api.login("ann", "p&ss");
		this.api.remove(5).block(Duration.ofSeconds(10));

		assertThat(login.getStatusCode().value()).isEqualTo(204);
		server.wireMock().verify(postRequestedFor(urlEqualTo("/api/users/login"))
			.withRequestBody(equalTo("user=ann&password=p%26ss")));
		server.wireMock().verify(deleteRequestedFor(urlEqualTo("/api/users/5")));
	}

	@Test
	void aPerCallTimeoutGivenAsOptionsIsAReceiveTimeout() {
		server.wireMock().stubFor(get("/api/users/slow").willReturn(okJson(envelope("{}")).withFixedDelay(3000)));

		DioException error = catchThrowableOfType(DioException.class,
				() -> this.api.slow(Options.builder().receiveTimeout(Duration.ofMillis(200)).build()));

		assertThat(error.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
	}

	@Test
	void receiveProgressReachesAnArgument() {
		byte[] png = new byte[50_000];
		server.wireMock().stubFor(get("/api/users/avatar.png")
			.willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(png)));
		AtomicLong received = new AtomicLong();

		byte[] body = this.api.avatar((n, t) -> received.set(n));

		assertThat(body).hasSize(50_000);
		assertThat(received).hasValue(50_000);
	}

	@Test
	void successFalseIsABizExceptionAndAnErrorEnvelopeTooNeverAWebClientException() {
		server.wireMock().stubFor(get("/api/users/2").willReturn(okJson(
				"{\"success\":false,\"errorCode\":\"USER_LOCKED\",\"errorMessage\":\"locked\",\"showType\":2}")));
		server.wireMock().stubFor(get("/api/users/3").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"success\":false,\"errorCode\":\"NOT_FOUND\",\"errorMessage\":\"no such user\"}")));

		BizException locked = catchThrowableOfType(BizException.class, () -> this.api.user(2));
		BizException missing = catchThrowableOfType(BizException.class,
				() -> this.api.userMono(3).block(Duration.ofSeconds(10)));

		assertThat(locked.type()).isEqualTo(DioExceptionType.BIZ_ERROR);
		assertThat(locked.errorInfo().errorCodeText()).isEqualTo("USER_LOCKED");
		assertThat(missing.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(missing.getMessage()).startsWith("no such user");
		// a request attribute becomes dio's extra: skipErrorHandler hands back the raw envelope
		assertThat(this.api.envelope(2, true)).containsEntry("success", false);
	}

	@Test
	void aTokenRefreshInterceptorRetriesAnInterfaceCall() {
		server.wireMock().stubFor(get("/api/users/me").willReturn(aResponse().withStatus(401)));
		server.wireMock().stubFor(get("/api/users/me").withHeader("Authorization", equalTo("Bearer fresh"))
			.willReturn(okJson(envelope("{\"id\":7,\"name\":\"Me\"}"))));
		server.wireMock().stubFor(post("/refresh").willReturn(okJson("{\"token\":\"fresh\"}")));
		this.dio.interceptors().add(new ServiceTokenRefreshInterceptor(this.dio, server.dio()));

		assertThat(this.api.me()).isEqualTo(new User(7, "Me"));
		server.wireMock().verify(1, postRequestedFor(urlEqualTo("/refresh")));
		server.wireMock().verify(2, getRequestedFor(urlEqualTo("/api/users/me")));
	}

	@Test
	void cookiesFromTheJarAndRedirectsApplyToInterfaceCalls() {
		server.wireMock().stubFor(post("/api/users/login")
			.willReturn(aResponse().withStatus(204).withHeader("Set-Cookie", "sid=abc; Path=/")));
		server.wireMock().stubFor(get("/api/users/old")
			.willReturn(aResponse().withStatus(302).withHeader("Location", "/api/users/1")));
		this.dio.interceptors().add(new CookieManager(new DefaultCookieJar()));

		this.api.login("ann", "secret");
		User moved = this.api.moved();

		assertThat(moved).isEqualTo(new User(1, "Ann"));
		server.wireMock().verify(getRequestedFor(urlEqualTo("/api/users/1")).withHeader("Cookie", equalTo("sid=abc")));
	}

	@Test
	void metricsAreTaggedWithTheInterfaceUriTemplate() {
		server.wireMock().stubFor(get(urlPathEqualTo("/api/users"))
			.willReturn(okJson(envelope("{\"list\":[],\"current\":1,\"pageSize\":10,\"total\":0}"))));

		this.api.user(1);
		this.api.page(1, List.of("x"), "t", "s", null);

		assertThat(this.observations).extracting(c -> c.getLowCardinalityKeyValue("uri").getValue())
			.containsExactly("/api/users/{id}", "/api/users");
		assertThat(this.observations).extracting(c -> c.getHighCardinalityKeyValue("http.url").getValue())
			.containsExactly(server.baseUrl() + "/api/users/1", server.baseUrl() + "/api/users");
	}

	@Test
	void eventStreamsFromInterfaceMethods() {
		server.wireMock().stubFor(get("/api/users/events").willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withBody("id: 1\ndata: {\"id\":1,\"name\":\"Ann\"}\n\n: ping\n\nid: 2\ndata: {\"id\":2,\"name\":\"Bob\"}\n\n"
					+ "data: [DONE]\n\n")));
		server.wireMock().stubFor(get("/api/users/lines").willReturn(aResponse()
			.withHeader("Content-Type", "application/x-ndjson")
			.withBody("{\"id\":1,\"name\":\"Ann\"}\n{\"id\":2,\"name\":\"Bob\"}\n")));
		SseOptions done = SseOptions.builder().endMarker("[DONE]").build();

		assertThat(this.api.events(done).collectList().block(Duration.ofSeconds(10)))
			.containsExactly(new User(1, "Ann"), new User(2, "Bob"));
		assertThat(this.api.eventStream(done).collectList().block(Duration.ofSeconds(10)))
			.extracting(ServerSentEvent::id).containsExactly("1", "2");
		assertThat(this.api.lines().collectList().block(Duration.ofSeconds(10)))
			.containsExactly(new User(1, "Ann"), new User(2, "Bob"));
		server.wireMock().verify(getRequestedFor(urlEqualTo("/api/users/events"))
			.withHeader("Accept", equalTo("text/event-stream")));
	}

	@Test
	void aProgressCallbackWithoutItsDirectionIsRejectedClearly() {
		Unannotated api = DioHttpServices.createClient(this.dio, Unannotated.class);

		IllegalStateException error = catchThrowableOfType(IllegalStateException.class, () -> api.user(1, (n, t) -> {
		}));

		assertThat(error).hasMessageContaining("@OnSendProgress").hasMessageContaining("@OnReceiveProgress");
		server.wireMock().verify(0, WireMock.anyRequestedFor(WireMock.anyUrl()));
	}

}
