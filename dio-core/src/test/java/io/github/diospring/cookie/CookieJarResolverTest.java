package io.github.diospring.cookie;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A CookieManager that finds each call's jar in the call's Reactor context: one jar per caller. */
class CookieJarResolverTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private final Map<String, SessionCookieJar> jars = new ConcurrentHashMap<>();

	/** The README's shape: the caller's key travels in the Reactor context. */
	private final CookieJarResolver perUser = (request, context) -> Mono.justOrEmpty(context.<String>getOrEmpty("user"))
		.map(user -> this.jars.computeIfAbsent(user, u -> new SessionCookieJar()));

	private Dio dio() {
		Dio dio = server.dio();
		dio.interceptors().add(new CookieManager(this.perUser, false));
		return dio;
	}

	private static <T> T as(String user, Mono<T> call) {
		return call.contextWrite(Context.of("user", user)).block(Duration.ofSeconds(10));
	}

	@Test
	void eachCallerSendsOnlyTheCookiesItsOwnResponsesSet() {
		server.wireMock().stubFor(post("/login").withRequestBody(equalTo("{\"user\":\"ann\"}"))
			.willReturn(okJson("{}").withHeader("Set-Cookie", "sid=ann-session; Path=/")));
		server.wireMock().stubFor(get(urlPathEqualTo("/orders")).willReturn(okJson("[]")));
		Dio dio = dio();

		as("ann", dio.post("/login", Map.of("user", "ann")));
		as("ann", dio.get("/orders", r -> r.queryParameter("who", "ann")));
		as("bob", dio.get("/orders", r -> r.queryParameter("who", "bob")));

		server.wireMock().verify(getRequestedFor(urlEqualTo("/orders?who=ann")).withHeader("Cookie", equalTo("sid=ann-session")));
		server.wireMock().verify(getRequestedFor(urlEqualTo("/orders?who=bob")).withHeader("Cookie", absent()));
		assertThat(this.jars.get("ann").cookies()).extracting(Cookie::name).containsExactly("sid");
		assertThat(this.jars.get("bob").cookies()).isEmpty();
	}

	@Test
	void anErrorResponsesCookieGoesToTheCallersJarToo() {
		server.wireMock().stubFor(get("/expired").willReturn(unauthorized().withHeader("Set-Cookie", "sid=; Max-Age=0; Path=/")
			.withHeader("Set-Cookie", "reason=expired; Path=/")));
		Dio dio = dio();

		assertThatExceptionOfType(DioException.class).isThrownBy(() -> as("carl", dio.get("/expired")));

		assertThat(this.jars.get("carl").cookies()).extracting(Cookie::name).containsExactly("reason");
	}

	@Test
	void aRetryMadeInObservedWorkIsStillTheSameCallersCall() {
		server.wireMock().stubFor(post("/login").willReturn(okJson("{}").withHeader("Set-Cookie", "sid=dana; Path=/")));
		server.wireMock().stubFor(get("/once").withHeader("X-Retry", absent()).willReturn(unauthorized()));
		server.wireMock().stubFor(get("/once").withHeader("X-Retry", equalTo("1")).willReturn(okJson("[]")));
		Dio dio = dio();
		dio.interceptors().add(new io.github.diospring.interceptor.Interceptor() {
			@Override
			public void onError(DioException error, io.github.diospring.interceptor.ErrorInterceptorHandler handler) {
				if (error.requestOptions().headers().value("X-Retry") != null) {
					handler.next(error);
					return;
				}
				handler.observe(dio.fetch(error.requestOptions().withHeader("X-Retry", "1"), null).doOnNext(handler::resolve));
			}
		});

		as("dana", dio.post("/login", Map.of()));
		as("dana", dio.get("/once"));

		server.wireMock().verify(getRequestedFor(urlEqualTo("/once")).withHeader("X-Retry", equalTo("1"))
			.withHeader("Cookie", equalTo("sid=dana")));
	}

	@Test
	void aCallWithoutACallerFailsAndIsNeverSent() {
		server.wireMock().stubFor(get("/orders").willReturn(okJson("[]")));
		Dio dio = dio();

		assertThatExceptionOfType(DioException.class).isThrownBy(() -> dio.get("/orders").block(Duration.ofSeconds(10)))
			.withMessageContaining("found no cookie jar for this call")
			.withMessageContaining("/orders");
		assertThat(server.wireMock().findAll(getRequestedFor(urlEqualTo("/orders")))).isEmpty();
	}

	@Test
	void aPerCallManagerHasNoSharedJarToHandOut() {
		CookieManager manager = new CookieManager(this.perUser, false);

		assertThat(manager.resolver()).isSameAs(this.perUser);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(manager::cookieJar)
			.withMessageContaining("resolves one per call");
		assertThat(new CookieManager(new DefaultCookieJar()).resolver().sharedJar()).isInstanceOf(DefaultCookieJar.class);
	}

	@Test
	void aSessionJarSurvivesSerialisationWithItsRules() throws Exception {
		SessionCookieJar jar = new SessionCookieJar();
		URI site = URI.create("https://shop.example.com/account/login");
		jar.saveFromResponse(site, List.of(
				Cookie.builder("sid", "s-1").path("/").secure(true).httpOnly(true).sameSite(Cookie.SameSite.LAX).build(),
				Cookie.builder("theme", "dark").domain("example.com").path("/").maxAge(Duration.ofHours(1)).build(),
				Cookie.builder("old", "x").path("/").expiresAt(Instant.now().minusSeconds(60)).build()));

		SessionCookieJar copy = roundTrip(jar);

		assertThat(copy.cookies()).containsExactlyElementsOf(jar.cookies());
		assertThat(copy.loadForRequest(URI.create("https://shop.example.com/cart"))).extracting(Cookie::name)
			.containsExactlyInAnyOrder("sid", "theme");
		assertThat(copy.loadForRequest(URI.create("http://shop.example.com/cart"))).extracting(Cookie::name)
			.containsExactly("theme");
		assertThat(copy.loadForRequest(URI.create("https://other.example.com/"))).extracting(Cookie::name)
			.containsExactly("theme");
		assertThat(copy.toString()).doesNotContain("s-1").contains("2 cookies");
	}

	private static SessionCookieJar roundTrip(SessionCookieJar jar) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(jar);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			return (SessionCookieJar) in.readObject();
		}
	}

}
