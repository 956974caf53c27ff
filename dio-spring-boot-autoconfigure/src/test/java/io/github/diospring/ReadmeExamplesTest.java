package io.github.diospring;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.transformer.DefaultTransformer;
import reactor.netty.http.client.HttpClient;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.interceptor.LogInterceptor;
import io.github.diospring.interceptor.QueuedInterceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's examples, compiled and run against a local server, so they cannot rot. Each
 * {@code tag::name[]} region is what the README shows.
 */
class ReadmeExamplesTest {

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
	void customAdapterAndTransformer() {
		server.wireMock().stubFor(get("/users/1").willReturn(okJson("{\"id\":1,\"name\":\"Ann\"}")));
		tools.jackson.databind.json.JsonMapper jsonMapper = tools.jackson.databind.json.JsonMapper.builder().build();
		String baseUrl = server.baseUrl();
		// tag::adapter[]
		Dio dio = Dio.builder()
				.options(BaseOptions.builder().baseUrl(baseUrl).build())
				.adapter(WebClientAdapter.create(HttpClient.create().wiretap(true)))
				.transformer(new DefaultTransformer(jsonMapper))
				.build();
		// end::adapter[]
		server.track(dio);
		assertThat(dio.get("/users/1", User.class).block().data()).isEqualTo(new User(1, "Ann"));
	}

	// tag::refresh[]
	/** Refreshes the token once for many concurrent 401s, then retries each request. */
	static class RefreshTokenInterceptor extends QueuedInterceptor {

		private final Dio dio;          // the client this interceptor is added to

		private final Dio tokenDio;     // a separate client for the refresh call

		private volatile String token = "expired";

		RefreshTokenInterceptor(Dio dio, Dio tokenDio) {
			this.dio = dio;
			this.tokenDio = tokenDio;
		}

		@Override
		public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
			handler.next(options.withHeader("Authorization", "Bearer " + this.token));
		}

		@Override
		public void onError(DioException error, ErrorInterceptorHandler handler) {
			RequestOptions failed = error.requestOptions();
			boolean unauthorized = error.response() != null && error.response().statusCode() == 401;
			if (!unauthorized || failed.extra().containsKey("retried")) {
				handler.next(error);
				return;
			}
			boolean stale = failed.headers().value("Authorization").equals("Bearer " + this.token);
			Mono<String> fresh = stale
					? this.tokenDio.post("/refresh", null, Token.class).map(r -> this.token = r.data().token())
					: Mono.just(this.token);
			handler.observe(fresh
					.flatMap(t -> this.dio.fetch(failed.copyWith(r -> r.header("Authorization", "Bearer " + t)
							.extra("retried", true))))
					.doOnNext(handler::resolve)
					.onErrorResume(DioException.class, e -> {
						handler.reject(e);
						return Mono.empty();
					}));
		}

	}
	// end::refresh[]

	@Test
	void tokenRefresh() {
		server.wireMock().stubFor(get("/me").willReturn(aResponse().withStatus(401)));
		server.wireMock().stubFor(get("/me").withHeader("Authorization", equalTo("Bearer fresh")).willReturn(okJson("{\"id\":7,\"name\":\"Me\"}")));
		server.wireMock().stubFor(post("/refresh").willReturn(okJson("{\"token\":\"fresh\"}")));
		Dio dio = server.dio();
		dio.interceptors().add(new RefreshTokenInterceptor(dio, server.dio()));

		assertThat(dio.get("/me", User.class).block().data()).isEqualTo(new User(7, "Me"));
	}

}
