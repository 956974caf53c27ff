package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.DioExceptionType;
import io.github.diospring.envelope.BizException;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.observation.DioObservationContext;
import io.github.diospring.testing.LocalServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Boot's {@code @ImportHttpServices} groups named after dio clients run through those clients: two
 * named clients with their own base URLs and headers, the interceptor beans, the envelope and
 * observation; a group with no dio client of its name keeps Boot's WebClient.
 */
class DioHttpServicesAutoConfigurationTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private static final List<DioObservationContext> observations = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
				ReactiveHttpServiceClientAutoConfiguration.class, DioAutoConfiguration.class))
		.withUserConfiguration(Services.class);

	record User(long id, String name) {
	}

	record Order(long id, String state) {
	}

	@HttpExchange("/users")
	interface UserApi {

		@GetExchange("/{id}")
		User user(@PathVariable long id);

	}

	@HttpExchange("/orders")
	interface OrderApi {

		@GetExchange("/{id}")
		Mono<Order> order(@PathVariable long id);

	}

	@HttpExchange("/plain")
	interface PlainApi {

		@GetExchange
		String hello();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "users", types = UserApi.class)
	@ImportHttpServices(group = "orders", types = OrderApi.class, clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	@ImportHttpServices(group = "plain", types = PlainApi.class, clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class Services {

		@Bean
		Interceptor taggingInterceptor() {
			return InterceptorsWrapper.builder()
				.onRequest((options, handler) -> handler.next(options.withHeader("X-Dio", "yes")))
				.build();
		}

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<DioObservationContext>() {
				@Override
				public boolean supportsContext(Observation.Context context) {
					return context instanceof DioObservationContext;
				}

				@Override
				public void onStop(DioObservationContext context) {
					observations.add(context);
				}
			});
			return registry;
		}

	}

	@BeforeEach
	void stubs() {
		observations.clear();
		server.wireMock().stubFor(get("/u/users/1").willReturn(okJson("{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ann\"}}")));
		server.wireMock().stubFor(get("/u/users/2").willReturn(okJson("{\"success\":false,\"errorCode\":\"LOCKED\",\"errorMessage\":\"locked\"}")));
		server.wireMock().stubFor(get("/o/orders/9").willReturn(okJson("{\"success\":true,\"data\":{\"id\":9,\"state\":\"PAID\"}}")));
		server.wireMock().stubFor(get("/plain").willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("hi")));
	}

	@Test
	void groupsNamedAfterTwoDioClientsRunThroughThem() {
		this.runner.withPropertyValues("dio.clients.users.base-url=" + server.baseUrl() + "/u",
				"dio.clients.orders.base-url=" + server.baseUrl() + "/o", "dio.clients.orders.headers.X-Client=orders",
				"spring.http.serviceclient.plain.base-url=" + server.baseUrl())
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(UserApi.class).user(1)).isEqualTo(new User(1, "Ann"));
				assertThat(context.getBean(OrderApi.class).order(9).block(Duration.ofSeconds(10)))
					.isEqualTo(new Order(9, "PAID"));
				BizException locked = catchThrowableOfType(BizException.class, () -> context.getBean(UserApi.class).user(2));
				assertThat(locked.type()).isEqualTo(DioExceptionType.BIZ_ERROR);
				assertThat(context.getBean(PlainApi.class).hello()).isEqualTo("hi");

				server.wireMock().verify(getRequestedFor(urlEqualTo("/u/users/1")).withHeader("X-Dio", equalTo("yes")));
				server.wireMock().verify(getRequestedFor(urlEqualTo("/o/orders/9")).withHeader("X-Dio", equalTo("yes"))
					.withHeader("X-Client", equalTo("orders")));
				server.wireMock().verify(getRequestedFor(urlEqualTo("/plain")).withHeader("X-Dio", absent()));
				assertThat(observations).extracting(c -> c.clientName() + " " + c.getLowCardinalityKeyValue("uri").getValue())
					.containsExactly("users /users/{id}", "orders /orders/{id}", "users /users/{id}");
			});
	}

	@Test
	void turnedOffTheGroupsKeepBootsOwnClient() {
		this.runner.withPropertyValues("dio.http-services.enabled=false",
				"dio.clients.orders.base-url=" + server.baseUrl() + "/elsewhere",
				"spring.http.serviceclient.orders.base-url=" + server.baseUrl() + "/o",
				"spring.http.serviceclient.plain.base-url=" + server.baseUrl())
			.run(context -> {
				// Boot's WebClient reads the envelope as the record itself: no unwrapping, no interceptors, Spring's errors
				Throwable error = org.assertj.core.api.Assertions.catchThrowable(
						() -> context.getBean(OrderApi.class).order(9).block(Duration.ofSeconds(10)));
				assertThat(error).isInstanceOf(org.springframework.core.codec.DecodingException.class);
				server.wireMock().verify(getRequestedFor(urlEqualTo("/o/orders/9")).withHeader("X-Dio", absent()));
			});
	}

}
