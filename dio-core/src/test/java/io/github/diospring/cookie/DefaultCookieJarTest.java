package io.github.diospring.cookie;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Collectors;
import io.github.diospring.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static io.github.diospring.cookie.SetCookieParserTest.FUTURE;
import static io.github.diospring.cookie.SetCookieParserTest.PAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class DefaultCookieJarTest {

	private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private DefaultCookieJar jar = new DefaultCookieJar(false, this.clock);

	private void set(String uri, String... setCookies) {
		this.jar.saveFromResponse(URI.create(uri),
				Arrays.stream(setCookies).map(s -> SetCookieParser.parse(s, this.clock.instant())).toList());
	}

	private String sent(String uri) {
		return this.jar.loadForRequest(URI.create(uri)).stream().map(Cookie::toHeaderValue)
			.collect(Collectors.joining("; "));
	}

	@Test
	void aCookieWithoutDomainGoesToExactlyTheHostThatSetItOnAnyPort() {
		set("http://example.com/", "a=1");

		assertThat(sent("http://example.com/x")).isEqualTo("a=1");
		assertThat(sent("http://EXAMPLE.com:8080/")).isEqualTo("a=1");
		assertThat(sent("http://www.example.com/")).isEmpty();
		assertThat(this.jar.cookies()).singleElement().satisfies(c -> {
			assertThat(c.hostOnly()).isTrue();
			assertThat(c.domain()).isEqualTo("example.com");
		});
	}

	@Test
	void aDomainCookieGoesToTheDomainAndItsSubdomainsOnly() {
		set("http://www.example.com/", "a=1; Domain=.example.com");

		assertThat(sent("http://example.com/")).isEqualTo("a=1");
		assertThat(sent("http://a.b.example.com/")).isEqualTo("a=1");
		assertThat(sent("http://fakeexample.com/")).isEmpty();
		assertThat(sent("http://example.com.evil.org/")).isEmpty();
	}

	@Test
	void aHostCannotSetCookiesForAnotherDomainOrForItsSubdomains() {
		set("http://a.com/", "x=1; Domain=b.com");
		set("http://example.com/", "y=1; Domain=www.example.com");

		assertThat(sent("http://b.com/")).isEmpty();
		assertThat(sent("http://a.com/")).isEmpty();
		assertThat(sent("http://www.example.com/")).isEmpty();
		assertThat(this.jar.cookies()).isEmpty();
	}

	@Test
	void publicSuffixesAreRefusedAsCookieDomains() {
		set("http://www.example.co.uk/", "a=1; Domain=co.uk");
		set("http://me.github.io/", "b=1; Domain=github.io");
		set("http://www.example.com/", "c=1; Domain=com");
		set("http://shop.example.com.cn/", "d=1; Domain=com.cn");
		set("http://www.example.co.uk/", "ok=1; Domain=example.co.uk");

		assertThat(sent("http://other.co.uk/")).isEmpty();
		assertThat(sent("http://you.github.io/")).isEmpty();
		assertThat(sent("http://www.example.co.uk/")).isEqualTo("ok=1");
		assertThat(this.jar.cookies()).extracting(Cookie::name).containsExactly("ok");
	}

	@Test
	void aPublicSuffixOrSingleLabelDomainEqualToTheHostMakesAHostOnlyCookie() {
		set("http://github.io/", "a=1; Domain=github.io");
		set("http://localhost:8080/", "b=1; Domain=localhost");
		set("http://app.localhost/", "c=1; Domain=localhost");

		assertThat(sent("http://github.io/")).isEqualTo("a=1");
		assertThat(sent("http://me.github.io/")).isEmpty();
		assertThat(sent("http://localhost/")).isEqualTo("b=1");
		assertThat(sent("http://app.localhost/")).isEmpty();
		assertThat(this.jar.cookies()).allMatch(Cookie::hostOnly).hasSize(2);
	}

	@Test
	void ipAddressHostsOnlyGetHostOnlyCookies() {
		set("http://10.0.0.1/", "a=1; Domain=10.0.0.1", "b=1; Domain=0.0.1", "c=1");
		set("http://[::1]:8080/", "d=1");

		assertThat(sent("http://10.0.0.1/")).isEqualTo("a=1; c=1");
		assertThat(sent("http://110.0.0.1/")).isEmpty();
		assertThat(sent("http://[::1]/")).isEqualTo("d=1");
		assertThat(this.jar.cookies()).allMatch(Cookie::hostOnly);
	}

	@Test
	void withoutAPathTheDefaultPathIsTheRequestPathsDirectory() {
		set("http://h.com/docs/web/page", "a=1", "r=1; Path=relative");
		set("http://h.com/page", "b=1");
		set("http://h.com", "c=1");

		assertThat(this.jar.cookies()).extracting(Cookie::name, Cookie::path)
			.containsExactlyInAnyOrder(tuple("a", "/docs/web"),
					tuple("r", "/docs/web"), tuple("b", "/"),
					tuple("c", "/"));
		assertThat(sent("http://h.com/docs/web/other")).contains("a=1");
		assertThat(sent("http://h.com/docs/web")).contains("a=1");
		assertThat(sent("http://h.com/docs/")).doesNotContain("a=1");
	}

	@Test
	void aPathMatchesItselfAndWhatLiesBelowItAtSlashBoundaries() {
		set("http://h.com/", "a=1; Path=/docs", "b=1; Path=/docs/");

		assertThat(sent("http://h.com/docs")).isEqualTo("a=1");
		assertThat(sent("http://h.com/docs/")).isEqualTo("b=1; a=1");
		assertThat(sent("http://h.com/docs/Web")).isEqualTo("b=1; a=1");
		assertThat(sent("http://h.com/docsets")).isEmpty();
		assertThat(sent("http://h.com/DOCS")).isEmpty();
		assertThat(sent("http://h.com/")).isEmpty();
	}

	@Test
	void secureCookiesAreOnlySentOverHttps() {
		set("https://h.com/", "s=1; Secure", "p=2");

		assertThat(sent("https://h.com/")).isEqualTo("s=1; p=2");
		assertThat(sent("http://h.com/")).isEqualTo("p=2");
	}

	@Test
	void plainHttpCannotSetSecureCookiesExceptOnLoopback() {
		set("http://h.com/", "s=1; Secure");
		set("http://localhost:8080/", "l=1; Secure");

		assertThat(sent("https://h.com/")).isEmpty();
		assertThat(sent("https://localhost/")).isEqualTo("l=1");
		assertThat(sent("http://localhost/")).isEmpty();
	}

	@Test
	void cookieNamePrefixesAreEnforced() {
		set("https://h.com/login", "__Secure-a=1", "__Secure-b=1; Secure", "__Host-c=1; Secure; Path=/",
				"__Host-d=1; Secure; Path=/; Domain=h.com", "__Host-e=1; Secure");

		assertThat(this.jar.cookies()).extracting(Cookie::name).containsExactlyInAnyOrder("__Secure-b", "__Host-c");
	}

	@Test
	void maxAgeWinsOverExpires() {
		set("http://h.com/", "a=1; Expires=" + PAST + "; Max-Age=3600", "b=1; Max-Age=0; Expires=" + FUTURE);

		assertThat(sent("http://h.com/")).isEqualTo("a=1");
		assertThat(this.jar.cookies().get(0).expiresAt()).isEqualTo(this.clock.instant().plusSeconds(3600));
	}

	@Test
	void maxAgeZeroOrAPastExpiryDeletesTheStoredCookieWithTheSameNameDomainAndPath() {
		set("http://h.com/", "a=1", "b=2", "c=3; Path=/x");

		set("http://h.com/", "a=gone; Max-Age=0", "b=gone; Expires=" + PAST, "c=gone; Max-Age=0");

		assertThat(sent("http://h.com/")).isEmpty();
		assertThat(sent("http://h.com/x")).isEqualTo("c=3");
	}

	@Test
	void expiredCookiesAreNeverSent() {
		set("http://h.com/", "a=1; Max-Age=60", "s=1");

		this.clock.advance(Duration.ofSeconds(59));
		assertThat(sent("http://h.com/")).isEqualTo("a=1; s=1");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(sent("http://h.com/")).isEqualTo("s=1");
		assertThat(this.jar.cookies()).extracting(Cookie::name).containsExactly("s");
	}

	@Test
	void ignoreExpiresStillSendsExpiredCookiesButAServerDeletionDeletes() {
		this.jar = new DefaultCookieJar(true, this.clock);
		set("http://h.com/", "a=1; Max-Age=60", "b=1");

		this.clock.advance(Duration.ofHours(1));
		assertThat(sent("http://h.com/")).isEqualTo("a=1; b=1");
		set("http://h.com/", "a=1; Max-Age=0");
		assertThat(sent("http://h.com/")).isEqualTo("b=1");
	}

	@Test
	void theSameNameOnDifferentPathsIsDifferentCookiesSentLongestPathFirst() {
		set("http://h.com/", "a=1; Path=/", "a=2; Path=/x/y", "a=3; Path=/x");

		assertThat(sent("http://h.com/x/y/z")).isEqualTo("a=2; a=3; a=1");
		assertThat(sent("http://h.com/x")).isEqualTo("a=3; a=1");
	}

	@Test
	void cookiesOnEqualPathsAreSentOldestFirstAndAReplacementKeepsItsCreationTime() {
		set("http://h.com/", "b=1");
		Instant created = this.clock.instant();
		this.clock.advance(Duration.ofSeconds(1));
		set("http://h.com/", "a=1");
		this.clock.advance(Duration.ofSeconds(1));

		set("http://h.com/", "b=2");

		assertThat(sent("http://h.com/")).isEqualTo("b=2; a=1");
		assertThat(this.jar.loadForRequest(URI.create("http://h.com/")).get(0).creationTime()).isEqualTo(created);
	}

	@Test
	void deleteRemovesTheHostsOwnCookiesAndOnRequestTheDomainCookiesItGets() {
		set("http://www.example.com/", "own=1", "shared=1; Domain=example.com");
		set("http://api.example.com/", "other=1");

		this.jar.delete(URI.create("http://www.example.com/anything"), false);
		assertThat(sent("http://www.example.com/")).isEqualTo("shared=1");
		this.jar.delete(URI.create("http://www.example.com/"), true);
		assertThat(sent("http://www.example.com/")).isEmpty();
		assertThat(sent("http://api.example.com/")).isEqualTo("other=1");
	}

	@Test
	void deleteAllEmptiesTheJar() {
		set("http://a.com/", "a=1");
		set("http://b.com/", "b=1");

		this.jar.deleteAll();

		assertThat(this.jar.cookies()).isEmpty();
		assertThat(sent("http://a.com/")).isEmpty();
	}

}
