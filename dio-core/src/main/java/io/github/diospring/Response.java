package io.github.diospring;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A response (dio's {@code Response<T>}): the decoded body and everything known about the
 * exchange. An immutable value; interceptors derive changed copies with {@link #withData} and
 * friends.
 *
 * <pre>{@code
 * Response<User> r = dio.get("/users/1", User.class).block();
 * r.data().name();  r.statusCode();  r.headers().value("etag");  r.realUri();
 * }</pre>
 *
 * @param <T> the body type
 * @param data the decoded body (see {@link ResponseType})
 * @param requestOptions the request as it was finally sent
 * @param statusCode the HTTP status (200 for a response an interceptor made up)
 * @param statusMessage the reason phrase, or empty
 * @param headers the response headers
 * @param isRedirect whether at least one redirect was followed
 * @param redirects the redirects followed, in order
 * @param realUri the URI of the final hop
 * @param extra values the adapter or interceptors attached (not the request's extra)
 */
public record Response<T>(@Nullable T data, RequestOptions requestOptions, int statusCode, String statusMessage,
		Headers headers, boolean isRedirect, List<RedirectRecord> redirects, URI realUri,
		Map<String, @Nullable Object> extra) {

	/**
	 * Key in {@link #extra()}: the number of body bytes that arrived, counted as they came (whatever
	 * the Content-Length said); absent for {@code STREAM} responses, which the caller reads.
	 */
	public static final String RECEIVED_BYTES = "dio.receivedBytes";

	/** Copies the collections. */
	public Response {
		Objects.requireNonNull(requestOptions, "requestOptions");
		Objects.requireNonNull(statusMessage, "statusMessage");
		Objects.requireNonNull(headers, "headers");
		redirects = List.copyOf(redirects);
		Objects.requireNonNull(realUri, "realUri");
		extra = OptionChecks.copy(extra);
	}

	/**
	 * A made-up 200 response, for an interceptor that answers without the network
	 * ({@code handler.resolve(Response.of(options, cached))}).
	 * @param <T> the body type
	 * @param requestOptions the request it answers
	 * @param data the body
	 * @return the response
	 */
	public static <T> Response<T> of(RequestOptions requestOptions, @Nullable T data) {
		return of(requestOptions, data, 200);
	}

	/**
	 * A made-up response with a status.
	 * @param <T> the body type
	 * @param requestOptions the request it answers
	 * @param data the body
	 * @param statusCode the status
	 * @return the response
	 */
	public static <T> Response<T> of(RequestOptions requestOptions, @Nullable T data, int statusCode) {
		URI uri;
		try {
			uri = requestOptions.uri();
		}
		catch (IllegalArgumentException ex) {
			uri = URI.create("about:blank");
		}
		return new Response<>(data, requestOptions, statusCode, "", Headers.empty(), false, List.of(), uri, Map.of());
	}

	/**
	 * @param <U> the new body type
	 * @param data the new body
	 * @return a copy with this body
	 */
	public <U> Response<U> withData(@Nullable U data) {
		return new Response<>(data, this.requestOptions, this.statusCode, this.statusMessage, this.headers,
				this.isRedirect, this.redirects, this.realUri, this.extra);
	}

	/**
	 * @param headers the new headers
	 * @return a copy with these headers
	 */
	public Response<T> withHeaders(Headers headers) {
		return new Response<>(this.data, this.requestOptions, this.statusCode, this.statusMessage, headers,
				this.isRedirect, this.redirects, this.realUri, this.extra);
	}

	/**
	 * @param requestOptions the request to report
	 * @return a copy with it
	 */
	public Response<T> withRequestOptions(RequestOptions requestOptions) {
		return new Response<>(this.data, requestOptions, this.statusCode, this.statusMessage, this.headers,
				this.isRedirect, this.redirects, this.realUri, this.extra);
	}

	/** The body as text, as dio prints a response. */
	@Override
	public String toString() {
		return String.valueOf(this.data);
	}

}
