package io.github.diospring.hardening;

import java.net.URI;
import java.time.Duration;

import io.github.diospring.Dio;
import io.github.diospring.cookie.Cookie;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.testing.RawHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Response headers a hostile or broken server sends: raw bytes the usual servers would not write. */
class HostileResponseHeadersTest {

	static RawHttpServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RawHttpServer.start(head -> {
			if (head.startsWith("GET /cookies ")) {
				return RawHttpServer.response("HTTP/1.1 200 OK\r\nSet-Cookie: good=1; Path=/\r\n"
						+ "Set-Cookie: bad=a\u0001b; Path=/\r\nSet-Cookie: other=2; Path=/\r\n"
						+ "Content-Type: text/plain\r\nContent-Length: 4\r\n\r\nkept");
			}
			if (head.startsWith("GET /moved ")) {
				return RawHttpServer.response("HTTP/1.1 302 Found\r\nLocation: /caf\u00e9/\u65e5\u672c?q=\u00fc x\r\n"
						+ "Content-Length: 0\r\n\r\n");
			}
			return RawHttpServer.response("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n\r\narrived");
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@BeforeEach
	void reset() {
		server.requests().clear();
	}

	@Test
	void aSetCookieWithAControlByteIsSkippedAndTheResponseAndOtherCookiesAreKept() {
		DefaultCookieJar jar = new DefaultCookieJar();
		try (Dio dio = Dio.create()) {
			dio.interceptors().add(new CookieManager(jar));

			Object data = dio.get(server.url("/cookies")).block(Duration.ofSeconds(20)).data();

			assertThat(data).isEqualTo("kept");
			assertThat(jar.loadForRequest(URI.create(server.url("/")))).extracting(Cookie::name)
				.containsExactly("good", "other");
		}
	}

	@Test
	void aRedirectLocationWithNonAsciiCharactersIsPercentEncodedOnTheRequestLine() {
		try (Dio dio = Dio.create()) {
			Object data = dio.get(server.url("/moved")).block(Duration.ofSeconds(20)).data();

			assertThat(data).isEqualTo("arrived");
			assertThat(server.requests()).hasSize(2);
			assertThat(server.requests().get(1))
				.startsWith("GET /caf%C3%A9/%E6%97%A5%E6%9C%AC?q=%C3%BC%20x HTTP/1.1\r\n");
		}
	}

}
