package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.diospring.Dio;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class DioAutoConfigurationTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(JacksonAutoConfiguration.class, HttpClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
					DioAutoConfiguration.class));

	@Test
	void yamlBecomesTheClientsBaseOptions() {
		this.runner.withPropertyValues("dio.base-url=" + server.baseUrl() + "/api/", "dio.connect-timeout=2s",
				"dio.receive-timeout=3s", "dio.headers.X-App=demo", "dio.max-redirects=2", "dio.list-format=csv")
			.run(context -> {
				Dio dio = context.getBean(Dio.class);
				assertThat(dio.options().baseUrl()).isEqualTo(server.baseUrl() + "/api/");
				assertThat(dio.options().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(dio.options().receiveTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(dio.options().headers().value("x-app")).isEqualTo("demo");
				assertThat(dio.options().maxRedirects()).isEqualTo(2);
				assertThat(dio.options().listFormat()).isEqualTo(io.github.diospring.ListFormat.CSV);
			});
	}

	@Test
	void theClientTalksHttpAndFollowsRedirectsItself() {
		server.wireMock().stubFor(get("/api/old").willReturn(aResponse().withStatus(302).withHeader("Location", "/api/new")));
		server.wireMock().stubFor(get("/api/new").willReturn(okJson("{\"id\":1}")));
		this.runner.withPropertyValues("dio.base-url=" + server.baseUrl() + "/api", "dio.headers.X-App=demo")
			.run(context -> {
				Response<Object> response = context.getBean(Dio.class).get("/old").block(Duration.ofSeconds(10));
				assertThat(response.data()).isEqualTo(Map.of("id", 1));
				assertThat(response.redirects()).hasSize(1);
				server.wireMock().verify(getRequestedFor(urlEqualTo("/api/new")).withHeader("X-App", equalTo("demo")));
			});
	}

	@Test
	void interceptorBeansJoinTheChainInOrder() {
		this.runner.withUserConfiguration(Interceptors.class).run(context -> {
			Dio dio = context.getBean(Dio.class);
			assertThat(dio.interceptors().toList()).containsExactly(context.getBean("first", Interceptor.class),
					context.getBean("second", Interceptor.class));
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnDio() {
		this.runner.withUserConfiguration(OwnDio.class).run(context -> {
			assertThat(context).hasSingleBean(Dio.class);
			assertThat(context.getBean(Dio.class).options().baseUrl()).isEqualTo("https://own.example");
		});
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("dio.enabled=false").run(context -> assertThat(context).doesNotHaveBean(Dio.class));
	}

	@Test
	void invalidSettingsStopTheStartNamingTheProperty() {
		this.runner.withPropertyValues("dio.base-url=pub.dev").run(context -> assertThat(context).getFailure()
			.rootCause().hasMessageContaining("baseUrl"));
		this.runner.withPropertyValues("dio.connect-timeout=-1s").run(context -> assertThat(context).getFailure()
			.hasMessageContaining("dio.connect-timeout"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Interceptors {

		@Bean
		@Order(2)
		Interceptor second() {
			return new Interceptor() {
				@Override
				public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
					handler.next(options);
				}
			};
		}

		@Bean
		@Order(1)
		Interceptor first() {
			return new Interceptor() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDio {

		@Bean
		Dio ownDio() {
			return Dio.create(io.github.diospring.BaseOptions.builder().baseUrl("https://own.example").build());
		}

	}

}
