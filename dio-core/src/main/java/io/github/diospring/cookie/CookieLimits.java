package io.github.diospring.cookie;

/**
 * How many cookies a jar keeps, after RFC 6265 §6.1 (which asks for at least 4096 bytes per
 * cookie, 50 cookies per domain and 3000 in total, and lets a client evict beyond that). A server
 * can then neither grow the {@code Cookie} header without bound nor, by flooding the jar, push out
 * the cookies of another service. When a domain or the jar is full, expired cookies go first, then
 * the least recently used (set or sent); a cookie larger than the size limit is not stored.
 *
 * <pre>{@code
 * DefaultCookieJar jar = new DefaultCookieJar(false, Clock.systemUTC(), new CookieLimits(4096, 20, 500));
 * }</pre>
 *
 * @param maxCookieSize bytes of name plus value (UTF-8) a cookie may have
 * @param maxCookiesPerDomain cookies kept per domain (the host, for host-only cookies)
 * @param maxCookies cookies kept in total
 */
public record CookieLimits(int maxCookieSize, int maxCookiesPerDomain, int maxCookies) {

	/** RFC 6265 §6.1's minimums: 4096 bytes, 50 per domain, 3000 in all. */
	public static final CookieLimits DEFAULTS = new CookieLimits(4096, 50, 3000);

	/** Checks that every limit is positive and the total at least the per-domain one. */
	public CookieLimits {
		positive("maxCookieSize", maxCookieSize);
		positive("maxCookiesPerDomain", maxCookiesPerDomain);
		positive("maxCookies", maxCookies);
		if (maxCookies < maxCookiesPerDomain) {
			throw new IllegalArgumentException("maxCookies: " + maxCookies + " is less than maxCookiesPerDomain ("
					+ maxCookiesPerDomain + ")");
		}
	}

	private static void positive(String name, int value) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + ": " + value + " must be positive");
		}
	}

}
