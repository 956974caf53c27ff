package io.github.diospring.cookie;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.diospring.cookie.Cookie.SameSite;
import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code Set-Cookie} header values into {@link Cookie}s with Netty's decoder. The LAX
 * decoder is used on purpose: RFC 6265 §5.2 tells user agents to accept any value up to the
 * {@code ;} (browsers take {@code a=b c}), while the strict grammar of §4.1 binds servers only.
 */
final class SetCookieParser {

	/**
	 * A comma followed by {@code name=} before any {@code ;} starts a new cookie; the comma inside
	 * {@code Expires=Wed, 21 Oct 2026 07:28:00 GMT} is followed by a date, so it does not split.
	 */
	private static final Pattern FOLD = Pattern.compile(",(?=\\s*[^;,=\\s]+=)");

	/** Far enough; {@code now + Max-Age} beyond it would overflow {@link Instant}. */
	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private SetCookieParser() {
	}

	/**
	 * @param headerValue one {@code Set-Cookie} value, possibly several cookies folded with commas
	 * @return the single cookie strings
	 */
	static List<String> split(String headerValue) {
		List<String> out = new ArrayList<>();
		for (String part : FOLD.split(headerValue)) {
			String trimmed = part.trim();
			if (!trimmed.isEmpty()) {
				out.add(trimmed);
			}
		}
		return out;
	}

	/**
	 * @param headerValue one or more folded {@code Set-Cookie} values
	 * @param now the time relative to which {@code Max-Age} counts
	 * @return the cookies, for tests and callers that want no error reporting
	 * @throws IllegalArgumentException at the first invalid cookie
	 */
	static List<Cookie> parseAll(String headerValue, Instant now) {
		return split(headerValue).stream().map(s -> parse(s, now)).toList();
	}

	/**
	 * @param setCookie a single cookie string
	 * @param now the time relative to which {@code Max-Age} counts
	 * @return the cookie, with the attributes as the server sent them
	 * @throws IllegalArgumentException when it is not a cookie, or its name or value could break a
	 * {@code Cookie} header; the message never holds the value
	 */
	static Cookie parse(String setCookie, Instant now) {
		io.netty.handler.codec.http.cookie.Cookie decoded = ClientCookieDecoder.LAX.decode(setCookie);
		if (decoded == null) {
			String name = nameOf(setCookie);
			throw new IllegalArgumentException(name.isEmpty() ? "a value without a cookie name (expected name=value)"
					: "cookie '" + name + "' is not a valid name=value pair");
		}
		// Netty merges Expires into maxAge (Max-Age wins, as RFC 6265 §5.3 step 3 says), relative to now.
		long maxAge = decoded.maxAge();
		Instant expiresAt = (maxAge == io.netty.handler.codec.http.cookie.Cookie.UNDEFINED_MAX_AGE) ? null
				: expiry(now, maxAge);
		// The decoder strips surrounding quotes; RFC 6265 §5.4 sends the value back as it came.
		String value = decoded.wrap() ? '"' + decoded.value() + '"' : decoded.value();
		return new Cookie(decoded.name(), value, decoded.domain(), decoded.path(), expiresAt, decoded.isSecure(),
				decoded.isHttpOnly(), decoded.domain() == null, now, sameSite(decoded));
	}

	private static Instant expiry(Instant now, long maxAgeSeconds) {
		if (maxAgeSeconds <= 0) {
			// RFC 6265 §5.2.2: "the earliest representable date and time".
			return Instant.MIN;
		}
		return (maxAgeSeconds >= LATEST.getEpochSecond() - now.getEpochSecond()) ? LATEST
				: now.plusSeconds(maxAgeSeconds);
	}

	private static @Nullable SameSite sameSite(io.netty.handler.codec.http.cookie.Cookie decoded) {
		if (decoded instanceof DefaultCookie d && d.sameSite() != null) {
			return SameSite.valueOf(d.sameSite().name().toUpperCase(Locale.ROOT));
		}
		return null;
	}

	/** The part before {@code =}, so that a log line never carries a cookie value (nothing without {@code =}). */
	static String nameOf(String setCookie) {
		int eq = setCookie.indexOf('=');
		int semi = setCookie.indexOf(';');
		int end = (eq >= 0 && (semi < 0 || eq < semi)) ? eq : 0;
		String name = setCookie.substring(0, end).trim().replaceAll("\\p{Cntrl}", "?");
		return (name.length() > 64) ? name.substring(0, 64) + "…" : name;
	}

}
