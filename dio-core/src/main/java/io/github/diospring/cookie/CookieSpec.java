package io.github.diospring.cookie;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * RFC 6265's storage and retrieval rules, in one place for every jar and for the
 * {@link CookieManager}'s checks. Stricter than dio's cookie_jar on purpose: the setting host must
 * domain-match {@code Domain}, public suffixes and single-label domains are refused, IP hosts only
 * get host-only cookies, and Secure cookies go over https only.
 */
final class CookieSpec {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private CookieSpec() {
	}

	/**
	 * Decides whether a cookie set by a response from {@code uri} may be stored (RFC 6265 §5.3).
	 * @param uri the response's URI
	 * @param cookie the cookie as parsed
	 * @return the cookie as it is stored (domain, host-only flag and path resolved), or why it is refused
	 */
	static Verdict check(URI uri, Cookie cookie) {
		String host = host(uri);
		if (host == null) {
			return Verdict.refused("'" + uri + "' has no host");
		}
		String domain = cookie.domain();
		// A cookie that a jar already resolved to host-only for this very host stays host-only.
		boolean hostOnly = (domain == null) || (cookie.hostOnly() && domain.equals(host));
		if (!hostOnly) {
			String unusable = isIpAddress(host) ? "an IP address host only gets host-only cookies"
					: PublicSuffixes.contains(domain) ? "it is a public suffix"
							: (domain.indexOf('.') < 0) ? "it is a single-label domain" : null;
			if (unusable != null || !domainMatches(host, domain)) {
				if (!domain.equals(host)) {
					return Verdict.refused("Domain=" + domain + " is refused for host " + host + ": "
							+ ((unusable != null) ? unusable : "the host is not in that domain"));
				}
				// §5.3 step 5: a public suffix equal to the host itself makes a host-only cookie.
				hostOnly = true;
			}
		}
		if (cookie.secure() && !isSecure(uri) && !isLoopback(host)) {
			// RFC 6265bis: plain http must not plant cookies that https would trust.
			return Verdict.refused("a Secure cookie cannot be set over " + uri.getScheme());
		}
		String prefixProblem = prefixProblem(cookie);
		if (prefixProblem != null) {
			return Verdict.refused(prefixProblem);
		}
		String path = cookie.path();
		if (path == null || !path.startsWith("/")) {
			path = defaultPath(uri);
		}
		return Verdict.accepted(cookie.toBuilder().domain(hostOnly ? host : domain).hostOnly(hostOnly).path(path).build());
	}

	/**
	 * Whether a stored cookie goes with a request (RFC 6265 §5.4, expiry aside).
	 * @param cookie a stored cookie
	 * @param host the request's host, lower case
	 * @param path the request's path
	 * @param secure whether the request goes over https
	 * @return whether to send it
	 */
	static boolean matches(Cookie cookie, String host, String path, boolean secure) {
		String domain = cookie.domain();
		String cookiePath = cookie.path();
		if (domain == null || cookiePath == null || (cookie.secure() && !secure)) {
			return false;
		}
		return (cookie.hostOnly() ? host.equals(domain) : domainMatches(host, domain)) && pathMatches(path, cookiePath);
	}

	/** §5.1.3: identical, or the host ends with {@code .domain} and is not an IP address. */
	static boolean domainMatches(String host, String domain) {
		if (host.equals(domain)) {
			return true;
		}
		return host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.' && !isIpAddress(host);
	}

	/** §5.1.4: identical, or a prefix that ends at a {@code /}. Case-sensitive, as paths are. */
	static boolean pathMatches(String requestPath, String cookiePath) {
		if (requestPath.equals(cookiePath)) {
			return true;
		}
		return requestPath.startsWith(cookiePath)
				&& (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
	}

	/** §5.1.4: the request path up to, not including, its last {@code /}; {@code /} when there is none. */
	static String defaultPath(URI uri) {
		String path = uri.getRawPath();
		if (path == null || !path.startsWith("/")) {
			return "/";
		}
		int last = path.lastIndexOf('/');
		return (last == 0) ? "/" : path.substring(0, last);
	}

	static String requestPath(URI uri) {
		String path = uri.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	static @Nullable String host(URI uri) {
		String host = uri.getHost();
		return (host == null || host.isEmpty()) ? null : host.toLowerCase(Locale.ROOT);
	}

	static boolean isSecure(URI uri) {
		String scheme = uri.getScheme();
		return "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme);
	}

	static boolean isIpAddress(String host) {
		return host.startsWith("[") || IPV4.matcher(host).matches();
	}

	/** Browsers treat loopback as secure enough for Secure cookies; so do we, for local development. */
	private static boolean isLoopback(String host) {
		return host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")
				|| (host.startsWith("127.") && IPV4.matcher(host).matches());
	}

	/** RFC 6265bis §4.1.3: the {@code __Secure-} and {@code __Host-} name prefixes. */
	private static @Nullable String prefixProblem(Cookie cookie) {
		String name = cookie.name();
		if (name.regionMatches(true, 0, "__Secure-", 0, 9) && !cookie.secure()) {
			return "cookie '" + name + "' needs the Secure attribute";
		}
		if (name.regionMatches(true, 0, "__Host-", 0, 7)
				&& (!cookie.secure() || cookie.domain() != null || !"/".equals(cookie.path()))) {
			return "cookie '" + name + "' needs Secure, Path=/ and no Domain";
		}
		return null;
	}

	/**
	 * The outcome of {@link #check}: the cookie to store, or the reason it is refused.
	 * @param cookie the cookie to store, or null
	 * @param reason why it is refused, or null
	 */
	record Verdict(@Nullable Cookie cookie, @Nullable String reason) {

		static Verdict accepted(Cookie cookie) {
			return new Verdict(cookie, null);
		}

		static Verdict refused(String reason) {
			return new Verdict(null, reason);
		}

	}

}
