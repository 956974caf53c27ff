package io.github.diospring.adapter;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import org.jspecify.annotations.Nullable;

/**
 * One request on the way: the original, or a redirect of it. Shared by the adapters, so that both
 * follow redirects by the same rules: 301/302/303 continue as GET without a body (HEAD stays
 * HEAD), 307/308 repeat the method and body when the body is replayable, and credentials are
 * dropped when the redirect leaves the origin.
 */
final class RedirectHop {

	/** Request headers that carry credentials, dropped when a redirect leaves the origin. */
	static final List<String> CREDENTIAL_HEADERS = List.of("authorization", "cookie", "proxy-authorization");

	private static final List<String> IDEMPOTENT_METHODS = List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

	final String method;

	final URI uri;

	final Headers headers;

	final @Nullable RequestBody body;

	/** Filled in by the Reactor Netty client when the response headers arrive. */
	final AtomicReference<@Nullable String> version = new AtomicReference<>();

	RedirectHop(String method, URI uri, Headers headers, @Nullable RequestBody body) {
		this.method = method;
		this.uri = uri;
		this.headers = headers;
		this.body = body;
	}

	/** @return the request as the caller made it */
	static RedirectHop first(RequestOptions options, @Nullable RequestBody body) {
		return new RedirectHop(options.method(), options.uri(), options.headers(), body);
	}

	/**
	 * Whether a failure before the response may be re-sent: an idempotent method (RFC 9110
	 * §9.2.2) with no body or one that can be sent again.
	 */
	boolean isRetryable() {
		return IDEMPOTENT_METHODS.contains(this.method) && (this.body == null || this.body.isReplayable());
	}

	/**
	 * @param status the response's status
	 * @param location its {@code Location} header, or null
	 * @return the next hop, or null when this response is final
	 */
	@Nullable RedirectHop redirect(int status, @Nullable String location) {
		if (location == null || !(status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
			return null;
		}
		URI target = this.uri.resolve(ResponseHeaders.locationAsUri(location));
		Headers headers = this.headers;
		if (!sameOrigin(this.uri, target)) {
			for (String name : CREDENTIAL_HEADERS) {
				headers = headers.without(name);
			}
		}
		if (status == 307 || status == 308) {
			if (this.body != null && !this.body.isReplayable()) {
				return null;
			}
			return new RedirectHop(this.method, target, headers, this.body);
		}
		String method = this.method.equals("HEAD") ? "HEAD" : "GET";
		headers = headers.without(Headers.CONTENT_TYPE).without(Headers.CONTENT_LENGTH);
		return new RedirectHop(method, target, headers, null);
	}

	/** The error when a chain of redirects is longer than {@code maxRedirects}. */
	DioException tooManyRedirects(RequestOptions options) {
		return new DioException(DioExceptionType.UNKNOWN, options, null, options.method() + " " + options.uri()
				+ ": stopped after " + options.maxRedirects() + " redirects (maxRedirects), last at " + this.uri
				+ ". The server may redirect in a loop; raise maxRedirects or turn followRedirects off.", null);
	}

	private static boolean sameOrigin(URI a, URI b) {
		return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
				&& Objects.equals(lower(a.getHost()), lower(b.getHost())) && port(a) == port(b);
	}

	private static @Nullable String lower(@Nullable String s) {
		return (s != null) ? s.toLowerCase(Locale.ROOT) : null;
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
