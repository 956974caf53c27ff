package io.github.diospring.cookie;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.github.diospring.RequestOptions;
import io.netty.handler.codec.http.cookie.ClientCookieEncoder;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import org.jspecify.annotations.Nullable;

/**
 * Writes the {@code Cookie} header of a request: the caller's own cookies first, as the caller
 * wrote them, then the jar's, leaving out jar cookies whose name the caller already sends. A
 * header that would be empty is removed.
 *
 * <p>The options remember, in {@code extra}, the caller's header and the header that was sent.
 * Re-sending the same options ({@code dio.fetch(response.requestOptions())}, a retry) then starts
 * again from the caller's header, so no cookie is added twice and the jar's current values (say,
 * a session refreshed by the 401 that caused the retry) replace the ones sent before. If the
 * header was changed since, the changed header is the caller's.
 */
final class RequestCookies {

	/** The {@code extra} key of the remembered headers. */
	static final String EXTRA_KEY = "dio.cookie.header";

	private static final String COOKIE = "Cookie";

	private RequestCookies() {
	}

	/**
	 * @param options the request
	 * @param jarCookies the jar's cookies for it, in sending order
	 * @return the request with its {@code Cookie} header (the same instance when nothing changes)
	 */
	static RequestOptions apply(RequestOptions options, List<Cookie> jarCookies) {
		String current = header(options);
		String caller = (options.extra().get(EXTRA_KEY) instanceof Sent sent && Objects.equals(sent.header(), current))
				? sent.caller() : current;
		Set<String> callerNames = names(caller);
		List<DefaultCookie> added = new ArrayList<>();
		for (Cookie cookie : jarCookies) {
			if (!callerNames.contains(cookie.name())) {
				added.add(new DefaultCookie(cookie.name(), cookie.value()));
			}
		}
		// LAX: keeps the jar's order (STRICT re-sorts) and the values exactly as the server set them.
		String fromJar = added.isEmpty() ? null : ClientCookieEncoder.LAX.encode(added);
		String merged = (caller == null) ? fromJar : (fromJar == null) ? caller : caller + "; " + fromJar;
		if (merged == null && options.headers().contains(COOKIE)) {
			// An empty Cookie header (left by an earlier interceptor) is removed, as dio does, not sent as "cookie:".
			return options.copyWith(b -> b.header(COOKIE, null));
		}
		if (Objects.equals(merged, current)) {
			return options;
		}
		return options.copyWith(b -> b.header(COOKIE, merged).extra(EXTRA_KEY, new Sent(caller, merged)));
	}

	/** The {@code Cookie} header as one string; several header values are joined as RFC 6265 §5.4 wants one. */
	private static @Nullable String header(RequestOptions options) {
		List<String> values = options.headers().get(COOKIE);
		if (values == null) {
			return null;
		}
		String joined = String.join("; ", values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList());
		return joined.isEmpty() ? null : joined;
	}

	private static Set<String> names(@Nullable String header) {
		Set<String> names = new HashSet<>();
		if (header != null) {
			for (String pair : header.split(";")) {
				int eq = pair.indexOf('=');
				names.add(((eq >= 0) ? pair.substring(0, eq) : pair).trim());
			}
		}
		return names;
	}

	/**
	 * What was sent, remembered on the options.
	 * @param caller the caller's own header, or null
	 * @param header the header sent, or null
	 */
	record Sent(@Nullable String caller, @Nullable String header) {

		/** Without the values: they are credentials, and {@code extra} gets printed. */
		@Override
		public String toString() {
			return "CookieHeader[" + names(this.header).size() + " cookies]";
		}

	}

}
