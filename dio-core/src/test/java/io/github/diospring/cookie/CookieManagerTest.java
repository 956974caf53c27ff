package io.github.diospring.cookie;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Response;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.scheduler.Schedulers;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.groups.Tuple.tuple;

class CookieManagerTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private final DefaultCookieJar jar = new DefaultCookieJar();

	private Dio dio() {
		Dio dio = server.dio();
		dio.interceptors().add(new CookieManager(this.jar));
		return dio;
	}

	private URI uri(String path) {
		return URI.create(server.baseUrl() + path);
	}

	private List<String> cookieHeadersSentTo(String path) {
		return server.wireMock().findAll(getRequestedFor(urlEqualTo(path))).stream()
			.map(r -> r.containsHeader("Cookie") ? r.getHeader("Cookie") : "<none>").toList();
	}

	@Test
	void aCookieSetAtLoginIsSentWithTheNextRequest() {
		server.wireMock().stubFor(post("/login").willReturn(okJson("{}").withHeader("Set-Cookie", "sid=abc; Path=/; HttpOnly")));
		server.wireMock().stubFor(get("/orders").willReturn(okJson("[]")));
		Dio dio = dio();

		dio.post("/login", Map.of("user", "ann")).block();
		dio.get("/orders").block();

		server.wireMock().verify(postRequestedFor(urlEqualTo("/login")).withHeader("Cookie", absent()));
		server.wireMock().verify(getRequestedFor(urlEqualTo("/orders")).withHeader("Cookie", equalTo("sid=abc")));
	}

	@Test
	void theCallersCookieHeaderComesFirstAndWinsOverAJarCookieOfTheSameName() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}")));
		this.jar.saveFromResponse(uri("/"), List.of(Cookie.builder("sid", "fromJar").path("/").build()));
		Dio dio = dio();

		dio.get("/merged", r -> r.header("Cookie", "theme=dark")).block();
		dio.get("/own", r -> r.header("Cookie", "sid=mine; theme=dark")).block();

		assertThat(cookieHeadersSentTo("/merged")).containsExactly("theme=dark; sid=fromJar");
		assertThat(cookieHeadersSentTo("/own")).containsExactly("sid=mine; theme=dark");
	}

	@Test
	void reSendingTheSameRequestOptionsAddsNoCookieTwiceAndSendsTheJarsCurrentValues() {
		server.wireMock().stubFor(get("/data").willReturn(okJson("{}")));
		server.wireMock().stubFor(get("/refresh").willReturn(okJson("{}").withHeader("Set-Cookie", "sid=2; Path=/")));
		this.jar.saveFromResponse(uri("/"), List.of(Cookie.builder("sid", "1").path("/").build()));
		Dio dio = dio();

		Response<Object> first = dio.get("/data", r -> r.header("Cookie", "theme=dark")).block();
		dio.fetch(first.requestOptions()).block();
		dio.get("/refresh").block();
		dio.fetch(first.requestOptions()).block();
		dio.fetch(first.requestOptions().withHeader("Cookie", "theme=light")).block();

		assertThat(first.requestOptions().headers().value("cookie")).isEqualTo("theme=dark; sid=1");
		assertThat(cookieHeadersSentTo("/data")).containsExactly("theme=dark; sid=1", "theme=dark; sid=1",
				"theme=dark; sid=2", "theme=light; sid=2");
	}

	@Test
	void errorResponsesSaveTheirCookiesAndErrorsWithoutResponsePassThrough() {
		server.wireMock().stubFor(get("/private").willReturn(aResponse().withStatus(401).withHeader("Set-Cookie", "csrf=xyz")));
		server.wireMock().stubFor(get("/retry").willReturn(okJson("{}")));
		Dio dio = dio();

		assertThatExceptionOfType(DioException.class).isThrownBy(() -> dio.get("/private").block())
			.satisfies(e -> assertThat(e.response().statusCode()).isEqualTo(401));
		dio.get("/retry").block();
		assertThatExceptionOfType(DioException.class).isThrownBy(() -> dio.get("http://127.0.0.1:1/nothing").block())
			.satisfies(e -> assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR));

		server.wireMock().verify(getRequestedFor(urlEqualTo("/retry")).withHeader("Cookie", equalTo("csrf=xyz")));
	}

	@Test
	void anUnfollowedRedirectSavesItsCookiesForTheLocationToo() {
		server.wireMock().stubFor(get("/auth/login").willReturn(aResponse().withStatus(302)
			.withHeader("Location", "/home/index").withHeader("Set-Cookie", "sid=1")));
		server.wireMock().stubFor(get("/home/index").willReturn(okJson("{}")));
		Dio dio = dio();

		Response<Object> redirect = dio.get("/auth/login", r -> r.followRedirects(false).validateStatus(s -> s < 400)).block();
		dio.get("/home/index").block();

		assertThat(redirect.statusCode()).isEqualTo(302);
		server.wireMock().verify(getRequestedFor(urlEqualTo("/home/index")).withHeader("Cookie", equalTo("sid=1")));
		assertThat(this.jar.cookies()).extracting(Cookie::path).containsExactlyInAnyOrder("/auth", "/home");
	}

	@Test
	void aRedirectToAnotherHostGetsNoCookiesFromTheResponseThatRedirected() {
		server.wireMock().stubFor(get("/away").willReturn(aResponse().withStatus(302)
			.withHeader("Location", server.otherOriginBaseUrl() + "/landing").withHeader("Set-Cookie", "sid=1; Path=/")));
		Dio dio = dio();

		dio.get("/away", r -> r.followRedirects(false).validateStatus(s -> s < 400)).block();

		assertThat(this.jar.loadForRequest(URI.create(server.otherOriginBaseUrl() + "/landing"))).isEmpty();
		assertThat(this.jar.loadForRequest(uri("/landing"))).extracting(Cookie::name).containsExactly("sid");
	}

	@Test
	void aSecureCookieIsNotSentOverPlainHttp() {
		server.wireMock().stubFor(get("/set").willReturn(okJson("{}").withHeader("Set-Cookie", "s=1; Secure; Path=/", "p=1; Path=/")));
		server.wireMock().stubFor(get("/next").willReturn(okJson("{}")));
		Dio dio = dio();

		dio.get("/set").block();
		dio.get("/next").block();

		server.wireMock().verify(getRequestedFor(urlEqualTo("/next")).withHeader("Cookie", equalTo("p=1")));
		assertThat(this.jar.loadForRequest(URI.create("https://127.0.0.1:" + server.wireMock().port() + "/")))
			.extracting(Cookie::name).containsExactly("s", "p");
	}

	@Test
	void commaFoldedSetCookieHeadersFromTheServerAreSplit() {
		server.wireMock().stubFor(get("/folded").willReturn(okJson("{}").withHeader("Set-Cookie",
				"a=1; Expires=Wed, 21 Oct 2099 07:28:00 GMT; Path=/, b=2; Path=/")));

		dio().get("/folded").block();

		assertThat(this.jar.cookies()).extracting(Cookie::name, Cookie::persistent)
			.containsExactly(tuple("a", true), tuple("b", false));
	}

	@Test
	void invalidCookiesAreSkippedWithAWarningAndTheRequestSucceeds() {
		server.wireMock().stubFor(get("/mixed").willReturn(okJson("{\"ok\":true}")
			.withHeader("Set-Cookie", "=secret-one", "x=secret-two; Domain=other.com", "ok=1; Path=/")));

		try (LogCapture log = new LogCapture(CookieManager.class)) {
			Response<Object> response = dio().get("/mixed").block();

			assertThat(response.data()).isEqualTo(Map.of("ok", true));
			assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("WARN")
				.contains("Set-Cookie from " + server.baseUrl() + "/mixed ignored").doesNotContain("secret"));
			assertThat(log.lines().get(1)).contains("'x'").contains("Domain=other.com");
		}
		assertThat(this.jar.cookies()).extracting(Cookie::name).containsExactly("ok");
	}

	@Test
	void ignoreInvalidCookiesOnlyLowersTheLogLevelToDebug() {
		server.wireMock().stubFor(get("/bad").willReturn(okJson("{}").withHeader("Set-Cookie", "x=1; Domain=other.com")));
		Dio dio = server.dio();
		dio.interceptors().add(new CookieManager(this.jar, true));

		try (LogCapture log = new LogCapture(CookieManager.class)) {
			dio.get("/bad").block();

			assertThat(log.lines()).singleElement().asString().startsWith("DEBUG");
		}
		assertThat(this.jar.cookies()).isEmpty();
	}

	@Test
	void aFailingJarNeverFailsTheRequest() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}").withHeader("Set-Cookie", "a=1")));
		CookieJar broken = new CookieJar() {
			public void saveFromResponse(URI uri, List<Cookie> cookies) {
				throw new IllegalStateException("disk on fire");
			}

			public List<Cookie> loadForRequest(URI uri) {
				throw new IllegalStateException("disk on fire");
			}

			public void delete(URI uri, boolean withDomainSharedCookie) {
			}

			public void deleteAll() {
			}
		};
		Dio dio = server.dio();
		dio.interceptors().add(new CookieManager(broken));

		try (LogCapture log = new LogCapture(CookieManager.class)) {
			assertThat(dio.get("/x").block().statusCode()).isEqualTo(200);
			assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("WARN").contains("disk on fire"));
		}
	}

	@Test
	void cookiesAreSavedOffTheEventLoop() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}").withHeader("Set-Cookie", "a=1")));
		List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
		CookieJar watching = new CookieJar() {
			public void saveFromResponse(URI uri, List<Cookie> cookies) {
				onEventLoop.add(Schedulers.isInNonBlockingThread());
				CookieManagerTest.this.jar.saveFromResponse(uri, cookies);
			}

			public List<Cookie> loadForRequest(URI uri) {
				return CookieManagerTest.this.jar.loadForRequest(uri);
			}

			public void delete(URI uri, boolean withDomainSharedCookie) {
			}

			public void deleteAll() {
			}
		};
		Dio dio = server.dio(BaseOptions.builder().baseUrl(server.baseUrl()));
		dio.interceptors().add(new CookieManager(watching));

		dio.get("/x").block();

		assertThat(onEventLoop).containsExactly(false);
		assertThat(this.jar.cookies()).extracting(Cookie::name).containsExactly("a");
	}

}
