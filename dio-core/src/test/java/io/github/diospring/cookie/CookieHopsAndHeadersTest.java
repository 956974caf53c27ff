package io.github.diospring.cookie;

import java.net.URI;
import java.time.Duration;

import io.github.diospring.Dio;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.testing.LocalServer;
import io.github.diospring.testing.RawHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** dio parity around the Cookie header: empty headers and the cookies of followed redirects. */
class CookieHopsAndHeadersTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@Test
	void anEmptyCookieHeaderLeftByAnEarlierInterceptorIsRemoved() throws Exception {
		try (RawHttpServer raw = RawHttpServer.start(head -> RawHttpServer.response(
				"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
			Dio dio = server.track(Dio.create());
			dio.interceptors().add(InterceptorsWrapper.builder()
				.onRequest((options, handler) -> handler.next(options.withHeader("Cookie", "")))
				.build());
			dio.interceptors().add(new CookieManager(new DefaultCookieJar()));

			dio.get(raw.url("/")).block(Duration.ofSeconds(20));

			assertThat(raw.requests()).singleElement().asString().doesNotContainIgnoringCase("\r\ncookie:");
		}
	}

	@Test
	void cookiesOfEveryFollowedRedirectAreStoredForTheirOwnHop() {
		String other = server.otherOriginBaseUrl();
		server.wireMock().stubFor(get("/login").willReturn(aResponse().withStatus(302).withHeader("Location", "/step")
			.withHeader("Set-Cookie", "first=1; Path=/")));
		server.wireMock().stubFor(get("/step").willReturn(aResponse().withStatus(302).withHeader("Location", other + "/home")
			.withHeader("Set-Cookie", "second=2; Path=/")));
		server.wireMock().stubFor(get("/home").willReturn(ok().withHeader("Set-Cookie", "third=3; Path=/")));
		DefaultCookieJar jar = new DefaultCookieJar();
		Dio dio = server.dio();
		dio.interceptors().add(new CookieManager(jar));

		dio.get("/login").block(Duration.ofSeconds(20));

		assertThat(jar.loadForRequest(URI.create(server.baseUrl() + "/"))).extracting(Cookie::name)
			.containsExactly("first", "second");
		assertThat(jar.loadForRequest(URI.create(other + "/"))).extracting(Cookie::name).containsExactly("third");
	}

}
