package io.github.diospring.autoconfigure;

import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/** The README's Spring Boot example for HTTP interfaces, compiled and run in an application context. */
class HttpServicesReadmeExamplesTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	record User(long id, String name) {
	}

	@HttpExchange("/users")
	interface UserApi {

		@GetExchange("/{id}")
		User user(@PathVariable long id);

	}

	// tag::import-http-services[]
	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "users", types = UserApi.class)     // served by the dio client "users"
	static class UserServices {
	}

	@Service
	static class Profiles {

		private final UserApi users;

		Profiles(UserApi users) {
			this.users = users;
		}

		String name(long id) {
			return this.users.user(id).name();    // interceptors, envelope, cookies, metrics of "users"
		}

	}
	// end::import-http-services[]

	@Test
	void importHttpServices() {
		server.wireMock().stubFor(get("/api/users/1").willReturn(okJson("{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ann\"}}")));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, DioAutoConfiguration.class))
			.withUserConfiguration(UserServices.class, Profiles.class)
			.withPropertyValues("dio.clients.users.base-url=" + server.baseUrl() + "/api")
			.run(context -> assertThat(context.getBean(Profiles.class).name(1)).isEqualTo("Ann"));
	}

}
