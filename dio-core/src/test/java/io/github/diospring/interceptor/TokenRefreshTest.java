package io.github.diospring.interceptor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.testing.LocalServer;
import io.github.diospring.testing.ServiceTokenRefreshInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token refresh as dio users write it (reference §2.4), under concurrent requests: the queued
 * {@link ServiceTokenRefreshInterceptor} of a client with one identity, and the proactive variant (the README's
 * per-user refresh is run by {@code ReadmeExamplesTest}).
 */
class TokenRefreshTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@Test
	void concurrent401sRefreshTheTokenExactlyOnceAndEveryRequestSucceeds() {
		server.wireMock().stubFor(get("/data").willReturn(aResponse().withStatus(401)));
		server.wireMock().stubFor(get("/data").withHeader("Authorization", equalTo("Bearer new"))
			.willReturn(okJson("{\"secret\":42}")));
		server.wireMock().stubFor(post("/refresh").willReturn(okJson("{\"token\":\"new\"}").withFixedDelay(100)));
		Dio dio = server.dio();
		dio.interceptors().add(new ServiceTokenRefreshInterceptor(dio, server.dio()));

		List<Response<Object>> responses = Flux.range(0, 6).flatMap(i -> dio.get("/data")).collectList()
			.block(Duration.ofSeconds(30));

		assertThat(responses).hasSize(6).allSatisfy(r -> assertThat(r.data()).isEqualTo(Map.of("secret", 42)));
		server.wireMock().verify(1, postRequestedFor(urlEqualTo("/refresh")));
	}

	@Test
	void aRetryThatFailsAgainEndsTheRequestInsteadOfDeadlocking() {
		server.wireMock().stubFor(get("/data").willReturn(aResponse().withStatus(401)));
		server.wireMock().stubFor(post("/refresh").willReturn(okJson("{\"token\":\"still-bad\"}")));
		Dio dio = server.dio();
		dio.interceptors().add(new ServiceTokenRefreshInterceptor(dio, server.dio()));

		List<Object> outcomes = Flux.range(0, 5)
			.flatMap(i -> dio.get("/data").map(Object.class::cast).onErrorResume(Mono::just))
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(outcomes).hasSize(5).allSatisfy(o -> {
			assertThat(o).isInstanceOf(DioException.class);
			assertThat(((DioException) o).type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
			assertThat(((DioException) o).response().statusCode()).isEqualTo(401);
		});
		server.wireMock().verify(1, postRequestedFor(urlEqualTo("/refresh")));
		server.wireMock().verify(10, getRequestedFor(urlEqualTo("/data")));
	}

	@Test
	void aProactiveRefreshInOnRequestHappensOnceForConcurrentRequests() {
		server.wireMock().stubFor(get("/token").willReturn(okJson("{\"token\":\"t-9\"}").withFixedDelay(100)));
		server.wireMock().stubFor(get("/data").withHeader("Authorization", equalTo("Bearer t-9")).willReturn(okJson("{\"ok\":1}")));
		Dio dio = server.dio();
		Dio tokenDio = server.dio();
		String[] token = { null };
		dio.interceptors().add(QueuedInterceptorsWrapper.builder().onRequest((options, handler) -> {
			if (token[0] != null) {
				handler.next(options.withHeader("Authorization", "Bearer " + token[0]));
				return;
			}
			handler.observe(tokenDio.get("/token").doOnNext(r -> {
				token[0] = (String) ((Map<?, ?>) r.data()).get("token");
				handler.next(options.withHeader("Authorization", "Bearer " + token[0]));
			}));
		}).build());

		List<Response<Object>> responses = Flux.range(0, 6).flatMap(i -> dio.get("/data")).collectList()
			.block(Duration.ofSeconds(30));

		assertThat(responses).hasSize(6).allSatisfy(r -> assertThat(r.data()).isEqualTo(Map.of("ok", 1)));
		server.wireMock().verify(1, getRequestedFor(urlEqualTo("/token")));
	}

}
