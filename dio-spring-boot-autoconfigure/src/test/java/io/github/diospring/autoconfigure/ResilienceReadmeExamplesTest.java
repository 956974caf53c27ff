package io.github.diospring.autoconfigure;

import java.util.List;

import io.github.diospring.Dio;
import io.github.diospring.Response;
import io.github.diospring.retry.CircuitOpenException;
import io.github.diospring.testing.LocalServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.core.ParameterizedTypeReference;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** The README's Boot-only resilience examples, compiled and run in an application context. */
class ResilienceReadmeExamplesTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	record User(long id, String name) {
	}

	@Test
	void circuitOpen() {
		DioAutoConfigurationTest.runner
			.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
					DioCircuitBreakerAutoConfiguration.class))
			.withPropertyValues("dio.clients.users.base-url=" + server.baseUrl(),
					"resilience4j.circuitbreaker.instances.users.sliding-window-size=20")
			.run(context -> {
				context.getBean(CircuitBreakerRegistry.class).circuitBreaker("users").transitionToForcedOpenState();
				Dio users = context.getBean(DioClients.class).get("users");

				// tag::circuitOpen[]
				List<User> found = users.get("/users", new ParameterizedTypeReference<List<User>>() {})
						.map(Response::data)
						.onErrorResume(CircuitOpenException.class, e -> Mono.just(List.of()))  // open: nothing was sent
						.block();
				// end::circuitOpen[]

				assertThat(found).isEmpty();
				server.wireMock().verify(0, anyRequestedFor(anyUrl()));
			});
	}

}
