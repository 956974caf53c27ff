package io.github.diospring.cookie;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.github.diospring.cookie.Cookie.SameSite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class SetCookieParserTest {

	static final String FUTURE = "Wed, 21 Oct 2099 07:28:00 GMT";

	static final String PAST = "Wed, 21 Oct 2015 07:28:00 GMT";

	private final Instant now = Instant.now();

	@Test
	void everyAttributeIsRead() {
		Cookie c = SetCookieParser.parse("sid=abc; Domain=.Example.COM; Path=/app; Max-Age=60; Secure; HttpOnly; SameSite=Lax",
				this.now);

		assertThat(c.name()).isEqualTo("sid");
		assertThat(c.value()).isEqualTo("abc");
		assertThat(c.domain()).isEqualTo("example.com");
		assertThat(c.hostOnly()).isFalse();
		assertThat(c.path()).isEqualTo("/app");
		assertThat(c.expiresAt()).isEqualTo(this.now.plusSeconds(60));
		assertThat(c.persistent()).isTrue();
		assertThat(c.secure()).isTrue();
		assertThat(c.httpOnly()).isTrue();
		assertThat(c.sameSite()).isEqualTo(SameSite.LAX);
	}

	@Test
	void aCookieWithoutAttributesIsAHostOnlySessionCookie() {
		Cookie c = SetCookieParser.parse("theme=dark", this.now);

		assertThat(c.domain()).isNull();
		assertThat(c.path()).isNull();
		assertThat(c.hostOnly()).isTrue();
		assertThat(c.persistent()).isFalse();
		assertThat(c.expiresAt()).isNull();
	}

	@Test
	void maxAgeWinsOverExpiresWhicheverComesFirst() {
		Cookie maxAgeFirst = SetCookieParser.parse("a=1; Max-Age=3600; Expires=" + PAST, this.now);
		Cookie expiresFirst = SetCookieParser.parse("a=1; Expires=" + PAST + "; Max-Age=3600", this.now);
		Cookie zeroWithFutureExpires = SetCookieParser.parse("a=1; Max-Age=0; Expires=" + FUTURE, this.now);

		assertThat(maxAgeFirst.expiresAt()).isEqualTo(this.now.plusSeconds(3600));
		assertThat(expiresFirst.expiresAt()).isEqualTo(this.now.plusSeconds(3600));
		assertThat(zeroWithFutureExpires.isExpired(this.now)).isTrue();
	}

	@Test
	void expiresAloneGivesThatInstantAndAPastOneIsExpired() {
		Cookie future = SetCookieParser.parse("a=1; Expires=" + FUTURE, this.now);
		Cookie past = SetCookieParser.parse("a=1; Expires=" + PAST, this.now);
		Cookie negative = SetCookieParser.parse("a=1; Max-Age=-5", this.now);

		assertThat(future.expiresAt()).isCloseTo(Instant.parse("2099-10-21T07:28:00Z"), within(2, ChronoUnit.SECONDS));
		assertThat(past.isExpired(this.now)).isTrue();
		assertThat(negative.isExpired(this.now)).isTrue();
	}

	@Test
	void anInvalidMaxAgeIsIgnoredAndAHugeOneDoesNotOverflow() {
		assertThat(SetCookieParser.parse("a=1; Max-Age=soon", this.now).expiresAt()).isNull();
		assertThat(SetCookieParser.parse("a=1; Max-Age=" + Long.MAX_VALUE, this.now).expiresAt())
			.isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
	}

	@Test
	void valuesAreKeptAsTheServerWroteThemLikeBrowsersDo() {
		assertThat(SetCookieParser.parse("a=\"quoted\"", this.now).value()).isEqualTo("\"quoted\"");
		assertThat(SetCookieParser.parse("a=b c", this.now).value()).isEqualTo("b c");
		assertThat(SetCookieParser.parse("token=YWJj==; Path=/", this.now).value()).isEqualTo("YWJj==");
	}

	@Test
	void somethingThatIsNotACookieFailsWithoutQuotingItsValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> SetCookieParser.parse("=secret-value", this.now))
			.withMessageNotContaining("secret-value");
		assertThatIllegalArgumentException().isThrownBy(() -> SetCookieParser.parse("secret-value", this.now))
			.withMessageNotContaining("secret-value");
		assertThatIllegalArgumentException().isThrownBy(() -> SetCookieParser.parse("a=x\u0001secret", this.now))
			.withMessageContaining("'a'")
			.withMessageNotContaining("secret");
	}

	@Test
	void commaFoldedHeadersSplitBetweenCookiesButNotInsideExpiresDates() {
		String folded = "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/, b=2; Expires=" + FUTURE
				+ ", c=3; Max-Age=60,d=4";

		assertThat(SetCookieParser.split(folded)).containsExactly("a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/",
				"b=2; Expires=" + FUTURE, "c=3; Max-Age=60", "d=4");
		List<Cookie> cookies = SetCookieParser.parseAll(folded, this.now);
		assertThat(cookies).extracting(Cookie::name).containsExactly("a", "b", "c", "d");
		assertThat(cookies.get(0).isExpired(this.now)).as("21 Oct 2026 is gone").isTrue();
		assertThat(cookies.get(1).expiresAt()).isCloseTo(Instant.parse("2099-10-21T07:28:00Z"), within(2, ChronoUnit.SECONDS));
	}

	@Test
	void aCommaInsideAValueThatIsNotFollowedByANameStaysInTheValue() {
		assertThat(SetCookieParser.split("list=a,b,c; Path=/")).containsExactly("list=a,b,c; Path=/");
		assertThat(SetCookieParser.split("  ")).isEmpty();
	}

	@Test
	void toStringNeverShowsTheValue() {
		Cookie c = Cookie.builder("sid", "s3cr3t").maxAge(Duration.ofMinutes(1)).build();

		assertThat(c.toString()).contains("sid").doesNotContain("s3cr3t");
	}

	@Test
	void cookiesThatWouldBreakACookieHeaderCannotBeBuilt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cookie.builder("a;b", "v").build());
		assertThatIllegalArgumentException().isThrownBy(() -> Cookie.builder("a", "v; injected=1").build());
		assertThatIllegalArgumentException().isThrownBy(() -> Cookie.builder("a", "v\r\nX-Evil: 1").build());
		assertThatIllegalArgumentException().isThrownBy(() -> Cookie.builder(" ", "v").build());
	}

}
