package io.github.diospring.autoconfigure;

import java.net.URI;
import java.time.Duration;

import io.github.diospring.Dio;
import io.github.diospring.cookie.Cookie;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.testing.RawHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configured client, built on Boot's connector, holds against malformed response headers too. */
class HostileUpstreamAutoConfigurationTest {

	static RawHttpServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RawHttpServer.start(head -> RawHttpServer.response("HTTP/1.1 200 OK\r\nSet-Cookie: good=1; Path=/\r\n"
				+ "Set-Cookie: bad=a\u0001b; Path=/\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nkept"));
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@Test
	void aSetCookieWithAControlByteIsSkippedAndTheResponseKept() {
		DioAutoConfigurationTest.runner.withPropertyValues("dio.cookie.enabled=true").run(context -> {
			Dio dio = context.getBean(Dio.class);

			assertThat(dio.get(server.url("/")).block(Duration.ofSeconds(20)).data()).isEqualTo("kept");
			assertThat(context.getBean(CookieManager.class).cookieJar().loadForRequest(URI.create(server.url("/"))))
				.extracting(Cookie::name).containsExactly("good");
		});
	}

}
