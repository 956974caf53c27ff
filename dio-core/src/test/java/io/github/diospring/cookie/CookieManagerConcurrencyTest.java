package io.github.diospring.cookie;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.Response;
import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

class CookieManagerConcurrencyTest {

	private static final int REQUESTS = 200;

	/** Room for every cookie of the one host (the default keeps 50 per domain). */
	private static final CookieLimits LIMITS = new CookieLimits(4096, REQUESTS, 3000);

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	/** Room for every request at once: the default pool queues at most twice its 16 connections. */
	private final ConnectionProvider pool = ConnectionProvider.builder("cookies").maxConnections(REQUESTS)
		.pendingAcquireMaxCount(-1).build();

	@TempDir
	Path dir;

	@AfterEach
	void disposePool() {
		this.pool.dispose();
	}

	private Dio dio(CookieJar jar) {
		// Each response sets a cookie named after its path, c0 ... c199, for the whole site.
		server.wireMock().stubFor(get(urlPathMatching("/c/[0-9]+")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("Set-Cookie", "c{{request.pathSegments.[1]}}=v{{request.pathSegments.[1]}}; Path=/")
			.withBody("{}")
			.withTransformers("response-template")));
		server.wireMock().stubFor(get("/all").willReturn(aResponse().withStatus(200)));
		return server.track(Dio.builder()
			.options(BaseOptions.builder().baseUrl(server.baseUrl()).build())
			.adapter(WebClientAdapter.create(HttpClient.create(this.pool)))
			.interceptor(new CookieManager(jar))
			.build());
	}

	private static List<Response<Object>> sendAllAtOnce(Dio dio) {
		return Flux.range(0, REQUESTS).flatMap(i -> dio.get("/c/" + i), REQUESTS).collectList()
			.block(Duration.ofSeconds(60));
	}

	private static void assertHoldsEveryCookie(CookieJar jar) {
		List<Cookie> cookies = jar.loadForRequest(URI.create(server.baseUrl() + "/"));
		assertThat(cookies).hasSize(REQUESTS);
		assertThat(cookies).extracting(Cookie::toHeaderValue)
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, REQUESTS).mapToObj(i -> "c" + i + "=v" + i).toList());
	}

	@Test
	void twoHundredParallelRequestsThroughOneClientLoseNoCookie() {
		DefaultCookieJar jar = new DefaultCookieJar(false, Clock.systemUTC(), LIMITS);
		Dio dio = dio(jar);

		List<Response<Object>> responses = sendAllAtOnce(dio);
		dio.get("/all").block();

		assertThat(responses).hasSize(REQUESTS).allMatch(r -> r.statusCode() == 200);
		assertHoldsEveryCookie(jar);
		String sent = server.wireMock().findAll(getRequestedFor(urlEqualTo("/all"))).get(0).getHeader("Cookie");
		assertThat(sent.split("; ")).hasSize(REQUESTS).contains("c0=v0", "c199=v199");
	}

	@Test
	void twoHundredParallelRequestsLoseNoCookieInTheFileEither() {
		PersistCookieJar jar = PersistCookieJar.builder(this.dir).limits(LIMITS).build();
		Dio dio = dio(jar);

		List<Response<Object>> responses = sendAllAtOnce(dio);

		assertThat(responses).hasSize(REQUESTS).allMatch(r -> r.statusCode() == 200);
		assertHoldsEveryCookie(jar);
		jar.close();
		try (PersistCookieJar reopened = PersistCookieJar.builder(this.dir).limits(LIMITS).build()) {
			assertHoldsEveryCookie(reopened);
		}
	}

}
