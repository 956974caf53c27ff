package io.github.diospring.autoconfigure;

import java.time.Duration;

import io.github.diospring.Dio;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** A whole application: the login response's cookie goes out with the next request. */
@SpringBootTest(classes = CookieLoginSpringBootTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CookieLoginSpringBootTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("dio.base-url", server::baseUrl);
		registry.add("dio.cookie.enabled", () -> "true");
	}

	@Autowired
	Dio dio;

	@Test
	void theLoginCookieIsSentOnTheNextRequest() {
		server.wireMock().stubFor(post("/login").willReturn(okJson("{\"success\":true,\"data\":null}")
			.withHeader("Set-Cookie", "SESSION=s-42; Path=/; HttpOnly")));
		server.wireMock().stubFor(get("/orders").willReturn(okJson("{\"success\":true,\"data\":[]}")));

		this.dio.post("/login", java.util.Map.of("user", "ann", "password", "secret")).block(Duration.ofSeconds(10));
		this.dio.get("/orders").block(Duration.ofSeconds(10));

		server.wireMock().verify(getRequestedFor(urlEqualTo("/orders")).withHeader("Cookie", equalTo("SESSION=s-42")));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
