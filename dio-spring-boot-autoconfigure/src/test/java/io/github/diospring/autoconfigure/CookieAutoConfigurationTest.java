package io.github.diospring.autoconfigure;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.diospring.Dio;
import io.github.diospring.cookie.Cookie;
import io.github.diospring.cookie.CookieLimits;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.cookie.PersistCookieJar;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code dio.cookie.*}: off by default, one jar per client unless shared, persisted when asked. */
class CookieAutoConfigurationTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@TempDir
	Path dir;

	private static void stubLogin() {
		server.wireMock().stubFor(post("/login").willReturn(okJson("{\"success\":true}")
			.withHeader("Set-Cookie", "SESSION=abc123; Path=/; HttpOnly; Max-Age=3600")));
		server.wireMock().stubFor(get("/me").willReturn(okJson("{\"success\":true}")));
	}

	@Test
	void offByDefault() {
		DioAutoConfigurationTest.runner.run(context -> assertThat(context).doesNotHaveBean(CookieManager.class));
	}

	@Test
	void eachClientHasItsOwnJarUnlessItShares() {
		stubLogin();
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.cookie.enabled=true",
					"dio.clients.own.base-url=" + server.baseUrl(), "dio.clients.shared.cookie.share=true")
			.run(context -> {
				assertThat(context.getBean(CookieManager.class).cookieJar()).isInstanceOf(DefaultCookieJar.class);
				DioClients clients = context.getBean(DioClients.class);
				clients.get("default").post("/login").block(Duration.ofSeconds(10));
				clients.get("shared").get("/me", r -> r.header("X-Who", "shared")).block(Duration.ofSeconds(10));
				clients.get("own").get("/me", r -> r.header("X-Who", "own")).block(Duration.ofSeconds(10));

				server.wireMock().verify(getRequestedFor(urlEqualTo("/me")).withHeader("X-Who", equalTo("shared"))
					.withHeader("Cookie", equalTo("SESSION=abc123")));
				server.wireMock().verify(getRequestedFor(urlEqualTo("/me")).withHeader("X-Who", equalTo("own"))
					.withHeader("Cookie", absent()));
			});
	}

	@Test
	void aPersistDirectoryKeepsCookiesAcrossRestarts() {
		stubLogin();
		String[] properties = { "dio.base-url=" + server.baseUrl(), "dio.cookie.enabled=true",
				"dio.cookie.persist-dir=" + this.dir };
		DioAutoConfigurationTest.runner.withPropertyValues(properties).run(context -> {
			assertThat(context.getBean(CookieManager.class).cookieJar()).isInstanceOf(PersistCookieJar.class);
			context.getBean(Dio.class).post("/login").block(Duration.ofSeconds(10));
		});
		assertThat(Files.exists(this.dir.resolve("default"))).isTrue();

		DioAutoConfigurationTest.runner.withPropertyValues(properties).run(context -> {
			context.getBean(Dio.class).get("/me").block(Duration.ofSeconds(10));
			server.wireMock().verify(getRequestedFor(urlEqualTo("/me")).withHeader("Cookie", equalTo("SESSION=abc123")));
		});
	}

	@Test
	void cookieLimitsAreConfigurablePerClientAndCheckedAtStartup() {
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.cookie.enabled=true", "dio.cookie.max-cookies-per-domain=2",
					"dio.clients.roomy.cookie.max-cookies-per-domain=100")
			.run(context -> {
				DefaultCookieJar primary = (DefaultCookieJar) context.getBean(CookieManager.class).cookieJar();
				URI site = URI.create(server.baseUrl() + "/");
				primary.saveFromResponse(site, List.of(cookie("a"), cookie("b"), cookie("c")));
				assertThat(primary.cookies()).extracting(Cookie::name).containsExactly("b", "c");
				assertThat(ClientBuiltIns.cookieLimits(new ClientSettings("roomy",
						context.getBean(DioProperties.class).getClients().get("roomy"), context.getBean(DioProperties.class))))
					.isEqualTo(new CookieLimits(4096, 100, 3000));
			});
		DioAutoConfigurationTest.runner.withPropertyValues("dio.cookie.enabled=true", "dio.clients.x.cookie.max-cookies=0")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.clients.x.cookie.max-cookies").contains("not positive"));
	}

	@Test
	void aContextThatFailsToStartReleasesItsCookieDirectory() {
		String dir = "dio.cookie.persist-dir=" + this.dir;
		DioAutoConfigurationTest.runner.withPropertyValues("dio.cookie.enabled=true", dir, "dio.clients.x.cookie.max-cookies=0")
			.run(context -> assertThat(context).hasFailed());

		DioAutoConfigurationTest.runner.withPropertyValues("dio.cookie.enabled=true", dir)
			.run(context -> assertThat(context).hasNotFailed());
	}

	private static Cookie cookie(String name) {
		return Cookie.builder(name, "1").build();
	}

}
