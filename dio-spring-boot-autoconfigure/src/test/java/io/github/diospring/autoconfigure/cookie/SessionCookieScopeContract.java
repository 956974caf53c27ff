package io.github.diospring.autoconfigure.cookie;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@code cookie.scope: session} promises, played by browsers with their own cookie jars
 * against a real server: each user's upstream session stays theirs. The WebFlux and the MVC
 * application run the same checks.
 */
abstract class SessionCookieScopeContract {

	@RegisterExtension
	static final LocalServer upstream = new LocalServer();

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("upstream")
	Dio dio;

	@DynamicPropertySource
	static void upstreamAddress(DynamicPropertyRegistry registry) {
		registry.add("dio.clients.upstream.base-url", upstream::baseUrl);
		registry.add("dio.clients.upstream.cookie.enabled", () -> "true");
		registry.add("dio.clients.upstream.cookie.scope", () -> "session");
	}

	@BeforeEach
	void upstreamSessions() {
		for (String user : new String[] { "ann", "bob" }) {
			upstream.wireMock().stubFor(post("/login").withRequestBody(equalToJson("{\"user\":\"" + user + "\"}"))
				.willReturn(okJson("{\"success\":true}").withHeader("Set-Cookie", "sid=" + user + "-secret; Path=/; HttpOnly")));
		}
		upstream.wireMock().stubFor(get("/orders").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json").withBody("{\"success\":false,\"errorMessage\":\"log in\"}")));
		for (String user : new String[] { "ann", "bob" }) {
			upstream.wireMock().stubFor(get("/orders").withCookie("sid", equalTo(user + "-secret"))
				.willReturn(okJson("{\"success\":true,\"data\":{\"owner\":\"orders of " + user + "\"}}")));
		}
	}

	@Test
	void aBrowserThatNeverLoggedInDoesNotGetAnotherUsersUpstreamSession() throws Exception {
		Browser ann = new Browser();
		Browser stranger = new Browser();

		assertThat(ann.post("/login", "{\"user\":\"ann\"}").statusCode()).isEqualTo(200);
		assertThat(ann.get("/orders").body()).isEqualTo("orders of ann");
		HttpResponse<String> strangers = stranger.get("/orders");

		assertThat(strangers.statusCode()).isNotEqualTo(200);
		assertThat(strangers.body()).doesNotContain("ann");
		upstream.wireMock().verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader("Cookie", absent()));
		upstream.wireMock().verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader("Cookie", equalTo("sid=ann-secret")));
	}

	@Test
	void twoLoggedInBrowsersEachKeepTheirOwnUpstreamSession() throws Exception {
		Browser ann = new Browser();
		Browser bob = new Browser();

		ann.post("/login", "{\"user\":\"ann\"}");
		bob.post("/login", "{\"user\":\"bob\"}");

		assertThat(ann.get("/orders").body()).isEqualTo("orders of ann");
		assertThat(bob.get("/orders").body()).isEqualTo("orders of bob");
		assertThat(ann.get("/orders").body()).isEqualTo("orders of ann");
		assertThat(ann.cookies()).doesNotContain("secret");
	}

	@Test
	void aCallOutsideAnInboundRequestFailsInsteadOfUsingSomebodysJar() {
		assertThatExceptionOfType(DioException.class).isThrownBy(() -> this.dio.get("/orders").block(Duration.ofSeconds(10)))
			.withMessageContaining("dio.clients.upstream.cookie.scope is 'session'")
			.withMessageContaining("outside an inbound web request");
		upstream.wireMock().verify(0, getRequestedFor(urlEqualTo("/orders")));
	}

	/** @param owner whose orders the upstream answered with */
	record Orders(String owner) {
	}

	/** A browser: its own cookie jar (the BFF's session cookie), nothing shared with another. */
	final class Browser {

		private final CookieManager cookies = new CookieManager();

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(this.cookies)
			.connectTimeout(Duration.ofSeconds(10)).build();

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return this.http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
			return this.http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
					HttpResponse.BodyHandlers.ofString());
		}

		/** @return what the browser holds: the BFF's session cookie, never the upstream's */
		String cookies() {
			return this.cookies.getCookieStore().getCookies().toString();
		}

		private URI uri(String path) {
			return URI.create("http://127.0.0.1:" + SessionCookieScopeContract.this.port + path);
		}

	}


}
