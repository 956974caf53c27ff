package io.github.diospring.adapter;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The {@code Set-Cookie} headers of one redirect response the adapter followed (a login that
 * answers 302 with the session cookie), so a cookie manager can store them for the URL that set
 * them. An adapter lists them, in hop order, in its response's {@code extra} under {@link #EXTRA_KEY}.
 *
 * <pre>{@code
 * if (response.extra().get(RedirectCookies.EXTRA_KEY) instanceof List<?> hops) {
 *     hops.forEach(hop -> log.debug("{} set {} cookies", ((RedirectCookies) hop).uri(), ((RedirectCookies) hop).setCookie().size()));
 * }
 * }</pre>
 *
 * @param uri the URL of the redirect response
 * @param setCookie its {@code Set-Cookie} header values
 */
public record RedirectCookies(URI uri, List<String> setCookie) {

	/** The {@code extra} key of a response's {@code List<RedirectCookies>}. */
	public static final String EXTRA_KEY = "dio.redirectCookies";

	/** Copies the values. */
	public RedirectCookies {
		Objects.requireNonNull(uri, "uri");
		setCookie = List.copyOf(setCookie);
	}

}
