package io.github.diospring.hardening;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import io.github.diospring.Dio;
import io.github.diospring.cookie.Cookie;
import io.github.diospring.cookie.CookieLimits;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A server that floods the jar cannot grow the Cookie header without bound or push out everything else. */
class CookieFloodTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	/** {@code /flood?page=N} sets 30 cookies each (Netty refuses a response head over 8 KiB). */
	private static int floodWith(int count, String prefix, int valueLength) {
		int pages = 0;
		for (int start = 0; start < count; start += 30, pages++) {
			List<HttpHeader> cookies = new ArrayList<>();
			for (int i = start; i < Math.min(count, start + 30); i++) {
				cookies.add(new HttpHeader("Set-Cookie", prefix + i + "=" + "v".repeat(valueLength) + "; Path=/"));
			}
			server.wireMock().stubFor(get(urlEqualTo("/flood?page=" + pages)).willReturn(aResponse().withStatus(200)
				.withHeaders(new HttpHeaders(cookies))));
		}
		return pages;
	}

	private static void flood(Dio dio, int pages) {
		for (int page = 0; page < pages; page++) {
			int current = page;
			dio.get("/flood", r -> r.queryParameter("page", current)).block(Duration.ofSeconds(30));
		}
	}

	private static String cookieHeaderOfLastRequest() {
		var events = server.wireMock().getAllServeEvents();
		return events.get(0).getRequest().getHeader("Cookie");
	}

	@Test
	void sixHundredCookiesFromOneResponseLeaveFiftyForTheDomainAndABoundedHeader() {
		int pages = floodWith(600, "c", 20);
		server.wireMock().stubFor(get(urlPathEqualTo("/other")).willReturn(ok()));
		DefaultCookieJar jar = new DefaultCookieJar();
		Dio dio = server.dio();
		dio.interceptors().add(new CookieManager(jar));

		flood(dio, pages);
		dio.get("/other").block(Duration.ofSeconds(30));

		assertThat(jar.cookies()).hasSize(50);
		String header = cookieHeaderOfLastRequest();
		assertThat(header.split("; ")).hasSize(50);
		// the newest are kept: the first 550 were evicted as least recently used
		assertThat(header).startsWith("c550=").doesNotContain("c549=");
	}

	@Test
	void aCookieInUseSurvivesAFloodWhileOlderUnusedOnesGo() {
		server.wireMock().stubFor(get(urlPathEqualTo("/login")).willReturn(aResponse().withStatus(200)
			.withHeader("Set-Cookie", "unused=1; Path=/", "session=s1; Path=/")));
		server.wireMock().stubFor(get(urlPathEqualTo("/account")).willReturn(ok()));
		int pages = floodWith(49, "c", 5);
		DefaultCookieJar jar = new DefaultCookieJar();
		Dio dio = server.dio();
		dio.interceptors().add(new CookieManager(jar));

		dio.get("/login").block(Duration.ofSeconds(30));
		dio.get("/account").block(Duration.ofSeconds(30));
		flood(dio, pages);

		assertThat(jar.cookies()).extracting(Cookie::name).hasSize(50).contains("session").doesNotContain("unused");
	}

	@Test
	void aCookieOverTheSizeLimitIsNotStoredAndOneAtTheLimitIs() {
		server.wireMock().stubFor(get(urlPathEqualTo("/big")).willReturn(aResponse().withStatus(200)
			.withHeader("Set-Cookie", "big=" + "x".repeat(4094) + "; Path=/")));
		server.wireMock().stubFor(get(urlPathEqualTo("/fits")).willReturn(aResponse().withStatus(200)
			.withHeader("Set-Cookie", "fits=" + "y".repeat(4092) + "; Path=/")));
		DefaultCookieJar jar = new DefaultCookieJar();
		Dio dio = server.dio();
		dio.interceptors().add(new CookieManager(jar));

		dio.get("/big").block(Duration.ofSeconds(30));
		dio.get("/fits").block(Duration.ofSeconds(30));

		assertThat(jar.cookies()).extracting(Cookie::name).containsExactly("fits");
	}

	@Test
	void theTotalLimitEvictsTheLeastRecentlyUsedAcrossDomains() {
		DefaultCookieJar jar = new DefaultCookieJar(false, Clock.systemUTC(), new CookieLimits(4096, 50, 60));
		URI first = URI.create("https://first.example.com/");
		URI second = URI.create("https://second.example.com/");
		jar.saveFromResponse(first, cookies("a", 40));
		jar.saveFromResponse(second, cookies("b", 40));

		assertThat(jar.cookies()).hasSize(60);
		assertThat(jar.loadForRequest(first)).hasSize(20);
		assertThat(jar.loadForRequest(second)).hasSize(40);
	}

	@Test
	void limitsMustBePositiveAndTheTotalCoverOneDomain() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CookieLimits(0, 50, 3000))
			.withMessageContaining("maxCookieSize");
		assertThatIllegalArgumentException().isThrownBy(() -> new CookieLimits(4096, 50, 10))
			.withMessageContaining("maxCookies");
	}

	private static List<Cookie> cookies(String prefix, int count) {
		List<Cookie> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			out.add(Cookie.builder(prefix + i, "v").creationTime(Instant.now()).build());
		}
		return out;
	}

}
