package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.retry.RetryInterceptor;
import io.github.diospring.testing.LocalServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code dio.retry.*}: off by default, per-client settings and budgets, counted retries, named errors. */
class RetryAutoConfigurationTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private static void failOnceThenSucceed(String path) {
		server.wireMock().stubFor(get(path).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("up"));
		server.wireMock().stubFor(get(path).inScenario(path).whenScenarioStateIs("up").willReturn(okJson("{\"ok\":true}")));
	}

	@Test
	void offByDefault() {
		failOnceThenSucceed("/flaky");
		DioAutoConfigurationTest.runner.withPropertyValues("dio.base-url=" + server.baseUrl()).run(context -> {
			assertThat(context).doesNotHaveBean(RetryInterceptor.class);
			assertThatThrownBy(() -> context.getBean(Dio.class).get("/flaky").block(Duration.ofSeconds(10)))
				.isInstanceOf(DioException.class);
			server.wireMock().verify(1, getRequestedFor(urlEqualTo("/flaky")));
		});
	}

	@Test
	void anEnabledClientWaitsForRetryAfterSucceedsAndCountsTheRetry() {
		failOnceThenSucceed("/flaky");
		DioAutoConfigurationTest.runner.withUserConfiguration(Meters.class)
			.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.retry.enabled=true")
			.run(context -> {
				assertThat(context.getBean(DioClients.class).interceptorChain("default")).first()
					.isEqualTo("dioRetryInterceptor");

				Object data = context.getBean(Dio.class).get("/flaky").block(Duration.ofSeconds(30)).data();

				assertThat(data).isEqualTo(Map.of("ok", true));
				server.wireMock().verify(2, getRequestedFor(urlEqualTo("/flaky")));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("dio.client.retries").tag("client", "default").counter().count()).isEqualTo(1.0);
			});
	}

	@Test
	void namedClientsInheritTheSettingsButEachHasItsOwnBudget() {
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.retry.enabled=true",
					"dio.retry.budget.ratio=0.5", "dio.retry.statuses=503", "dio.clients.users.retry.max-attempts=5",
					"dio.clients.quiet.retry.enabled=false", "dio.clients.plain.base-url=" + server.baseUrl())
			.run(context -> {
				DioClients clients = context.getBean(DioClients.class);
				RetryInterceptor top = retryOf(clients.get("default"));
				RetryInterceptor users = retryOf(clients.get("users"));
				RetryInterceptor plain = retryOf(clients.get("plain"));
				assertThat(top.policy().maxAttempts()).isEqualTo(3);
				assertThat(users.policy().maxAttempts()).isEqualTo(5);
				assertThat(users.policy().retryableStatuses()).containsExactly(503);
				assertThat(users.budget().ratio()).isEqualTo(0.5);
				assertThat(users.budget()).isNotSameAs(top.budget()).isNotSameAs(plain.budget());
				assertThat(clients.get("quiet").interceptors().toList()).noneMatch(RetryInterceptor.class::isInstance);
				DioEndpoint endpoint = new DioEndpoint(clients);
				assertThat(endpoint.client("users").get("retry")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("maxAttempts", 5).containsEntry("statuses", java.util.List.of(503))
					.containsEntry("budget", Map.of("ratio", 0.5, "minRetries", 10, "window", "PT10S"));
				assertThat(endpoint.client("quiet").get("retry")).isEqualTo(Map.of("enabled", false));
			});
	}

	@Test
	void aNamedClientCanTurnRetriesOnAlone() {
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.clients.users.retry.enabled=true")
			.run(context -> {
				DioClients clients = context.getBean(DioClients.class);
				assertThat(clients.get("default").interceptors().toList()).noneMatch(RetryInterceptor.class::isInstance);
				assertThat(clients.get("users").interceptors().toList().get(0)).isInstanceOf(RetryInterceptor.class);
			});
	}

	@Test
	void invalidValuesFailAtStartupNamingTheProperty() {
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.clients.users.retry.enabled=true",
					"dio.clients.users.retry.max-attempts=0")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.clients.users.retry.max-attempts = '0'"));
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.retry.enabled=true", "dio.retry.budget.ratio=-1")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.retry.budget.ratio = '-1.0'"));
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.retry.enabled=true", "dio.retry.statuses=200,700")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.retry.statuses"));
	}

	private static RetryInterceptor retryOf(Dio dio) {
		for (Interceptor interceptor : dio.interceptors().toList()) {
			if (interceptor instanceof RetryInterceptor retry) {
				return retry;
			}
		}
		throw new AssertionError("no RetryInterceptor in " + dio.interceptors().toList());
	}

	@Configuration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DioMetricsObservationHandler(meters, false, 10));
			return registry;
		}

	}

}
