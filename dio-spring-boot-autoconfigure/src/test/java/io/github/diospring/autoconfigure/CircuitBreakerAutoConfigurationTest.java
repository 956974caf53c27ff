package io.github.diospring.autoconfigure;

import java.time.Duration;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.retry.CircuitOpenException;
import io.github.diospring.retry.RetryAttempt;
import io.github.diospring.testing.LocalServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Circuit breaking through resilience4j's own Boot support and properties: an open breaker fails
 * fast without the network, closes again after its wait, and is absent without resilience4j.
 */
class CircuitBreakerAutoConfigurationTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private static final ApplicationContextRunner runner = DioAutoConfigurationTest.runner
		.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
				DioCircuitBreakerAutoConfiguration.class))
		.withPropertyValues("resilience4j.circuitbreaker.instances.users.sliding-window-type=COUNT_BASED",
				"resilience4j.circuitbreaker.instances.users.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.users.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.users.failure-rate-threshold=50",
				"resilience4j.circuitbreaker.instances.users.wait-duration-in-open-state=1s",
				"resilience4j.circuitbreaker.instances.users.permitted-number-of-calls-in-half-open-state=1");

	@Test
	void afterTheConfiguredFailuresTheNextCallFailsFastThenTheCircuitClosesAfterTheWait() {
		server.wireMock().stubFor(get("/users").willReturn(aResponse().withStatus(500)));
		runner.withPropertyValues("dio.clients.users.base-url=" + server.baseUrl()).run(context -> {
			Dio users = context.getBean(DioClients.class).get("users");
			for (int i = 0; i < 4; i++) {
				assertThatThrownBy(() -> users.get("/users").block(Duration.ofSeconds(10)))
					.isInstanceOf(DioException.class)
					.isNotInstanceOf(CircuitOpenException.class);
			}
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("users");
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

			assertThatThrownBy(() -> users.get("/users").block(Duration.ofSeconds(10)))
				.isInstanceOf(CircuitOpenException.class)
				.hasMessageContaining("circuit breaker 'users' is OPEN")
				.satisfies(e -> assertThat(((DioException) e).type()).isEqualTo(DioExceptionType.CONNECTION_ERROR));
			server.wireMock().verify(4, getRequestedFor(urlEqualTo("/users")));

			server.wireMock().stubFor(get("/users").willReturn(okJson("[]")));
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
					assertThat(users.get("/users").onErrorResume(CircuitOpenException.class, e -> Mono.empty())
						.block(Duration.ofSeconds(10))).isNotNull());
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}

	@Test
	void everyRetryAttemptIsOneCallForTheBreakerAndAnOpenBreakerIsNotRetried() {
		server.wireMock().stubFor(get("/users").willReturn(aResponse().withStatus(500)));
		runner.withPropertyValues("dio.clients.users.base-url=" + server.baseUrl(), "dio.clients.users.retry.enabled=true",
				"dio.clients.users.retry.max-attempts=4", "dio.clients.users.retry.initial-backoff=1ms",
				"dio.clients.users.retry.max-backoff=2ms")
			.run(context -> {
				Dio users = context.getBean(DioClients.class).get("users");
				CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("users");

				assertThatThrownBy(() -> users.get("/users").block(Duration.ofSeconds(10)))
					.isNotInstanceOf(CircuitOpenException.class);
				assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(4);
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

				assertThatThrownBy(() -> users.get("/users").block(Duration.ofSeconds(10)))
					.isInstanceOf(CircuitOpenException.class)
					.satisfies(e -> assertThat(RetryAttempt.of(((DioException) e).requestOptions()).isRetry()).isFalse());
				server.wireMock().verify(4, getRequestedFor(urlEqualTo("/users")));
			});
	}

	@Test
	void onlyClientsWithAnInstanceOrThatAskGetABreaker() {
		runner.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.clients.users.base-url=" + server.baseUrl(),
				"dio.clients.orders.base-url=" + server.baseUrl(), "dio.clients.orders.circuit-breaker.enabled=true",
				"dio.clients.legacy.circuit-breaker.name=users")
			.run(context -> {
				DioClients clients = context.getBean(DioClients.class);
				assertThat(clients.get("default").httpClientAdapter()).isNotInstanceOf(CircuitBreakerAdapter.class);
				assertThat(((CircuitBreakerAdapter) clients.get("users").httpClientAdapter()).circuitBreaker().getName())
					.isEqualTo("users");
				assertThat(((CircuitBreakerAdapter) clients.get("orders").httpClientAdapter()).circuitBreaker().getName())
					.isEqualTo("orders");
				assertThat(((CircuitBreakerAdapter) clients.get("legacy").httpClientAdapter()).circuitBreaker())
					.isSameAs(((CircuitBreakerAdapter) clients.get("users").httpClientAdapter()).circuitBreaker());
			});
	}

	@Test
	void withoutResilience4jTheClientsWorkAsBefore() {
		server.wireMock().stubFor(get("/users").willReturn(okJson("[]")));
		DioAutoConfigurationTest.runner.withConfiguration(AutoConfigurations.of(DioCircuitBreakerAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.github.resilience4j"))
			.withPropertyValues("dio.clients.users.base-url=" + server.baseUrl())
			.run(context -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ClientAdapterDecorator.class);
				Dio users = context.getBean(DioClients.class).get("users");
				assertThat(users.httpClientAdapter()).isNotInstanceOf(CircuitBreakerAdapter.class);
				assertThat(users.get("/users").block(Duration.ofSeconds(10)).statusCode()).isEqualTo(200);
			});
	}

}
