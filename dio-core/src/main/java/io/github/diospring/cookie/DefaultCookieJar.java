package io.github.diospring.cookie;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The in-memory {@link CookieJar} (dio's {@code CookieJar()}), thread-safe, following RFC 6265
 * more closely than dio's cookie_jar:
 * <ul>
 * <li>a cookie without {@code Domain} is host-only: sent to exactly the host that set it (any port);</li>
 * <li>{@code Domain} must domain-match the host that sets it ({@code a.com} cannot set cookies for
 * {@code b.com}); public suffixes ({@code com}, {@code co.uk}, {@code github.io}..., a bounded
 * built-in list) and single-label domains ({@code localhost}) are refused unless they equal the
 * host, which then gets a host-only cookie; IP address hosts only get host-only cookies;</li>
 * <li>without a {@code Path} the path is the request path's directory ({@code /a/b} gives
 * {@code /a}); a cookie goes to its path and below ({@code /docs} matches {@code /docs/x}, not
 * {@code /docsets});</li>
 * <li>{@code Secure} cookies are sent over https only, and only set over https (or loopback);
 * {@code __Secure-} and {@code __Host-} name prefixes are enforced;</li>
 * <li>{@code Max-Age} wins over {@code Expires}; {@code Max-Age=0} or a past {@code Expires} deletes
 * the stored cookie; expired cookies are never sent (unless {@code ignoreExpires});</li>
 * <li>name, domain and path identify a cookie: the same name on two paths is two cookies; a
 * replacement keeps the creation time of the cookie it replaces;</li>
 * <li>a request gets the longest paths first, then the oldest cookies first;</li>
 * <li>the jar stays within {@link CookieLimits} (by default RFC 6265 §6.1's 4096 bytes per cookie,
 * 50 per domain, 3000 in all), evicting expired, then least recently used cookies.</li>
 * </ul>
 * {@code HttpOnly} and {@code SameSite} are kept but not enforced: a client is neither script nor site.
 *
 * <pre>{@code
 * DefaultCookieJar jar = new DefaultCookieJar();
 * dio.interceptors().add(new CookieManager(jar));
 * }</pre>
 */
public final class DefaultCookieJar implements CookieJar {

	private final CookieStore store;

	/** A jar that never sends expired cookies. */
	public DefaultCookieJar() {
		this(false);
	}

	/**
	 * @param ignoreExpires whether expired cookies are still sent (as cookie_jar's option); a
	 * server's deletion ({@code Max-Age=0}) still deletes
	 */
	public DefaultCookieJar(boolean ignoreExpires) {
		this(ignoreExpires, Clock.systemUTC());
	}

	/**
	 * @param ignoreExpires whether expired cookies are still sent
	 * @param clock the time that expiry and creation times are measured with
	 */
	public DefaultCookieJar(boolean ignoreExpires, Clock clock) {
		this(ignoreExpires, clock, CookieLimits.DEFAULTS);
	}

	/**
	 * @param ignoreExpires whether expired cookies are still sent
	 * @param clock the time that expiry and creation times are measured with
	 * @param limits how many cookies, and how large, the jar keeps
	 */
	public DefaultCookieJar(boolean ignoreExpires, Clock clock, CookieLimits limits) {
		this.store = new CookieStore(ignoreExpires, clock, Objects.requireNonNull(limits, "limits"));
	}

	@Override
	public void saveFromResponse(URI uri, List<Cookie> cookies) {
		this.store.save(uri, cookies);
	}

	@Override
	public List<Cookie> loadForRequest(URI uri) {
		return this.store.load(uri);
	}

	@Override
	public void delete(URI uri, boolean withDomainSharedCookie) {
		this.store.delete(uri, withDomainSharedCookie);
	}

	@Override
	public void deleteAll() {
		this.store.deleteAll();
	}

	/** @return every stored cookie that has not expired (all with {@code ignoreExpires}), oldest first */
	public List<Cookie> cookies() {
		return this.store.live();
	}

}
