package io.github.diospring;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The one exception dio raises: unchecked, typed by {@link DioExceptionType}, carrying the
 * {@link RequestOptions} of the failed request and the {@link Response} when there was one. Its
 * stack trace is the place where the request was made, so an asynchronous failure still points at
 * your code; the low-level error is kept as the {@link #getCause() cause}.
 *
 * <p>Messages and {@link #toString()} never carry secrets: URLs are printed through the request's
 * {@link Redaction} policy (user info and token-like query parameters masked), and so is every
 * message given to the constructor and the cause's text shown by {@code toString()}.
 *
 * <pre>{@code
 * try {
 *     dio.get("/users/1", User.class).block();
 * }
 * catch (DioException e) {
 *     if (e.type() == DioExceptionType.BAD_RESPONSE) {
 *         log.warn("{} said {}", e.requestOptions().uri(), e.response().data());
 *     }
 * }
 * }</pre>
 */
public class DioException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final DioExceptionType type;

	private final transient @Nullable RequestOptions requestOptions;

	private final transient @Nullable Response<?> response;

	private static volatile ReadableStringBuilder readableStringBuilder = ReadableStringBuilder.DEFAULT;

	private volatile boolean callSiteAttached;

	/** dio's {@code error}: the cause, or a cancel reason that is not a Throwable. */
	private final transient @Nullable Object error;

	private transient volatile @Nullable ReadableStringBuilder stringBuilder;

	/**
	 * Creates an exception; prefer the static factories, whose messages say what to change.
	 * @param type what went wrong
	 * @param requestOptions the request (null only for a token's own {@link CancelToken#cancelError()})
	 * @param response the response, when one arrived
	 * @param message what happened and what to change
	 * @param cause the underlying error
	 */
	public DioException(DioExceptionType type, @Nullable RequestOptions requestOptions, @Nullable Response<?> response,
			String message, @Nullable Throwable cause) {
		this(type, requestOptions, response, message, cause, cause);
	}

	private DioException(DioExceptionType type, @Nullable RequestOptions requestOptions, @Nullable Response<?> response,
			String message, @Nullable Throwable cause, @Nullable Object error) {
		super(Redaction.of(requestOptions).text(message), cause);
		this.type = type;
		this.requestOptions = requestOptions;
		this.response = response;
		this.error = error;
	}

	/** @return what went wrong */
	public DioExceptionType type() {
		return this.type;
	}

	/** @return the request that failed */
	public @Nullable RequestOptions requestOptions() {
		return this.requestOptions;
	}

	/** @return the response, for {@link DioExceptionType#BAD_RESPONSE} and malformed bodies */
	public @Nullable Response<?> response() {
		return this.response;
	}

	/**
	 * dio's {@code error} field: the underlying error (the {@link #getCause() cause}); for a
	 * {@link DioExceptionType#CANCEL}, the reason given to {@link CancelToken#cancel(Object)}, whatever
	 * its type ({@code token.cancel("left the page")} gives {@code "left the page"}).
	 * @return the underlying error or the cancel reason, or {@code null}
	 */
	public @Nullable Object error() {
		return this.error;
	}

	/**
	 * A copy with another message, type, response or cause.
	 * @param type the new type
	 * @param message the new message
	 * @return the copy
	 */
	public DioException withTypeAndMessage(DioExceptionType type, String message) {
		DioException copy = new DioException(type, this.requestOptions, this.response, message, getCause(), this.error);
		copy.setStackTrace(getStackTrace());
		copy.stringBuilder = this.stringBuilder;
		return copy;
	}

	/**
	 * Wraps any error into a {@code DioException}: a {@code DioException} is returned as it is,
	 * anything else becomes {@link DioExceptionType#UNKNOWN} with the error as its cause.
	 * @param options the request
	 * @param error the error
	 * @return the exception
	 */
	public static DioException from(@Nullable RequestOptions options, Throwable error) {
		if (error instanceof DioException dio) {
			return dio;
		}
		return new DioException(DioExceptionType.UNKNOWN, options, null,
				describe(options) + " failed: " + error, error);
	}

	/**
	 * The status was refused by {@code validateStatus}.
	 * @param response the response, with its decoded body
	 * @return the exception
	 */
	public static DioException badResponse(Response<?> response) {
		int status = response.statusCode();
		String hint = (status >= 300 && status < 400)
				? " A redirect was not followed (followRedirects off, maxRedirects reached, or a body that cannot be re-sent)."
				: "";
		String message = describe(response.requestOptions()) + " returned status " + status
				+ (response.statusMessage().isEmpty() ? "" : " " + response.statusMessage())
				+ ", which validateStatus does not accept (default: 2xx)." + hint
				+ " Read the body from e.response().data(), or accept this status with validateStatus.";
		return new DioException(DioExceptionType.BAD_RESPONSE, response.requestOptions(), response, message, null);
	}

	/**
	 * @param options the request
	 * @param timeout the limit that was exceeded
	 * @param cause the transport's error, if any
	 * @return a {@link DioExceptionType#CONNECTION_TIMEOUT}
	 */
	public static DioException connectionTimeout(RequestOptions options, @Nullable Duration timeout,
			@Nullable Throwable cause) {
		return new DioException(DioExceptionType.CONNECTION_TIMEOUT, options, null,
				describe(options) + ": the connection was not established within " + human(timeout)
						+ " (connectTimeout). Check that the host is reachable, or raise connectTimeout.",
				cause);
	}

	/**
	 * @param options the request
	 * @param timeout the limit that was exceeded
	 * @return a {@link DioExceptionType#SEND_TIMEOUT}
	 */
	public static DioException sendTimeout(RequestOptions options, Duration timeout) {
		return new DioException(DioExceptionType.SEND_TIMEOUT, options, null,
				describe(options) + ": the request body was not sent within " + human(timeout)
						+ " (sendTimeout). The server reads slowly or not at all; raise sendTimeout for large uploads.",
				null);
	}

	/**
	 * @param options the request
	 * @param timeout the limit that was exceeded
	 * @param duringBody whether the gap was between body chunks rather than before the headers
	 * @return a {@link DioExceptionType#RECEIVE_TIMEOUT}
	 */
	public static DioException receiveTimeout(RequestOptions options, Duration timeout, boolean duringBody) {
		String what = duringBody ? "the response body stalled for more than " : "no response headers arrived within ";
		return new DioException(DioExceptionType.RECEIVE_TIMEOUT, options, null,
				describe(options) + ": " + what + human(timeout)
						+ " (receiveTimeout, an idle limit). The server is slow; raise receiveTimeout.",
				null);
	}

	/**
	 * @param options the request
	 * @param reason the reason given to {@link CancelToken#cancel(Object)}
	 * @return a {@link DioExceptionType#CANCEL}
	 */
	public static DioException requestCancelled(@Nullable RequestOptions options, @Nullable Object reason) {
		String message = "The request was manually cancelled by the user"
				+ ((reason != null) ? ": " + reason : ".");
		return new DioException(DioExceptionType.CANCEL, options, null, message,
				(reason instanceof Throwable t) ? t : null, reason);
	}

	/**
	 * @param options the request
	 * @param cause the transport's error
	 * @return a {@link DioExceptionType#CONNECTION_ERROR}
	 */
	public static DioException connectionError(RequestOptions options, @Nullable Throwable cause) {
		String detail = (cause != null && cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "";
		return new DioException(DioExceptionType.CONNECTION_ERROR, options, null,
				describe(options) + ": could not connect or the connection broke" + detail
						+ ". Check the URL, that the server is running, and any proxy.",
				cause);
	}

	/**
	 * @param options the request
	 * @param cause the TLS error
	 * @return a {@link DioExceptionType#BAD_CERTIFICATE}
	 */
	public static DioException badCertificate(RequestOptions options, @Nullable Throwable cause) {
		return new DioException(DioExceptionType.BAD_CERTIFICATE, options, null,
				describe(options) + ": the server's certificate is not trusted"
						+ ((cause != null && cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "")
						+ ". Trust its issuer through an SSL bundle instead of turning verification off.",
				cause);
	}

	/**
	 * The body could not be decoded; the response carries the raw body text as its data.
	 * @param rawResponse the response whose data is the undecoded body text
	 * @param cause the decoder's error
	 * @return an {@link DioExceptionType#UNKNOWN}
	 */
	public static DioException malformedBody(Response<?> rawResponse, Throwable cause) {
		String contentType = rawResponse.headers().value(Headers.CONTENT_TYPE);
		return new DioException(DioExceptionType.UNKNOWN, rawResponse.requestOptions(), rawResponse,
				describe(rawResponse.requestOptions()) + ": the response body (" + contentType
						+ ") could not be decoded: " + cause.getMessage()
						+ ". The raw body is in e.response().data().",
				cause);
	}

	/**
	 * A request made after {@link Dio#close()}.
	 * @param options the request
	 * @return a {@link DioExceptionType#CONNECTION_ERROR}
	 */
	public static DioException closed(RequestOptions options) {
		return new DioException(DioExceptionType.CONNECTION_ERROR, options, null,
				"Dio can't establish a new connection after it was closed. Create a new Dio.", null);
	}

	/**
	 * Every pooled connection was busy and the request could not wait (the waiting queue was full,
	 * or it waited longer than the pool allows).
	 * @param options the request
	 * @param limit which limit was reached, as the pool reported it
	 * @param cause the pool's error
	 * @return a {@link DioExceptionType#CONNECTION_ERROR}
	 */
	public static DioException poolExhausted(RequestOptions options, String limit, @Nullable Throwable cause) {
		return new DioException(DioExceptionType.CONNECTION_ERROR, options, null,
				describe(options) + ": no pooled connection was free (" + limit + "). Raise the pool's "
						+ "max-connections, pending-acquire-max-count or pending-acquire-timeout "
						+ "(dio.pool.* or dio.clients.<name>.pool.* in Spring Boot; PoolSettings with "
						+ "ReactorNettyAdapter.create(PoolSettings) otherwise), or send fewer requests at once.",
				cause);
	}

	/**
	 * The whole call (connect, upload, headers and body) took longer than {@code callTimeout}. Typed
	 * {@link DioExceptionType#RECEIVE_TIMEOUT}: what a caller waits for is the response, and retry
	 * logic written for dio's receive timeout applies.
	 * @param options the request
	 * @param timeout the limit that was exceeded
	 * @return a {@link DioExceptionType#RECEIVE_TIMEOUT}
	 */
	public static DioException callTimeout(RequestOptions options, Duration timeout) {
		return new DioException(DioExceptionType.RECEIVE_TIMEOUT, options, null,
				describe(options) + ": the call did not complete within " + human(timeout)
						+ " (callTimeout, a limit on the whole exchange). Raise callTimeout, or zero for none.",
				null);
	}

	/**
	 * A body read into memory grew past {@code maxInMemorySize}; reading stopped at the limit.
	 * @param options the request
	 * @param limit the limit in bytes
	 * @return a {@link DioExceptionType#BAD_RESPONSE}
	 */
	public static DioException bodyTooLarge(RequestOptions options, long limit) {
		return new DioException(DioExceptionType.BAD_RESPONSE, options, null,
				describe(options) + ": the response body is larger than " + limit
						+ " bytes (maxInMemorySize; dio.max-in-memory-size in Spring Boot). Raise the limit, "
						+ "or read it as ResponseType.STREAM or with download(), which are not limited.",
				null);
	}

	/**
	 * Sets the stack trace to the place the request was made; done once by the pipeline when the
	 * exception leaves a request, later calls change nothing.
	 * @param callSite the caller's frames
	 * @return this exception
	 */
	public DioException attachCallSite(StackTraceElement[] callSite) {
		if (!this.callSiteAttached) {
			this.callSiteAttached = true;
			setStackTrace(callSite);
		}
		return this;
	}

	/**
	 * Renders this exception in {@link #toString()} (and so in logs) with its own builder instead of
	 * the global one, as dio's {@code stringBuilder} field.
	 * @param builder the builder; null to use the global one again
	 * @return this exception
	 */
	public DioException stringBuilder(@Nullable ReadableStringBuilder builder) {
		this.stringBuilder = builder;
		return this;
	}

	/**
	 * Sets how every {@code DioException} without its own builder renders in {@link #toString()},
	 * as dio's static {@code DioException.readableStringBuilder}.
	 * @param builder the builder; null restores {@link ReadableStringBuilder#DEFAULT}
	 */
	public static void readableStringBuilder(@Nullable ReadableStringBuilder builder) {
		readableStringBuilder = (builder != null) ? builder : ReadableStringBuilder.DEFAULT;
	}

	/** @return the global builder {@link #toString()} uses */
	public static ReadableStringBuilder readableStringBuilder() {
		return readableStringBuilder;
	}

	/** @return the exception rendered by its own builder, else the global one */
	@Override
	public String toString() {
		ReadableStringBuilder own = this.stringBuilder;
		return ((own != null) ? own : readableStringBuilder).build(this);
	}

	/** dio's default rendering: {@code DioException [<type>]: <message>}, then {@code Error: <cause>}. */
	private String defaultString() {
		StringBuilder sb = new StringBuilder("DioException [").append(this.type.description()).append("]: ")
				.append(getMessage());
		if (getCause() != null) {
			sb.append("\nError: ").append(Redaction.of(this.requestOptions).text(getCause().toString()));
		}
		return sb.toString();
	}

	/**
	 * How a {@link DioException} renders in {@code toString()} and so in logs (dio's
	 * {@code DioExceptionReadableStringBuilder}): set one for all exceptions with
	 * {@link DioException#readableStringBuilder(ReadableStringBuilder)}, or for one with
	 * {@link DioException#stringBuilder(ReadableStringBuilder)}.
	 *
	 * <pre>{@code
	 * DioException.readableStringBuilder(e -> e.type() + " " + e.requestOptions().uri() + ": " + e.getMessage());
	 * }</pre>
	 */
	@FunctionalInterface
	public interface ReadableStringBuilder {

		/** dio's format: {@code DioException [<type>]: <message>}, then {@code Error: <cause>} when there is one. */
		ReadableStringBuilder DEFAULT = DioException::defaultString;

		/**
		 * @param exception the exception to render
		 * @return its text
		 */
		String build(DioException exception);

	}

	static String describe(@Nullable RequestOptions options) {
		if (options == null) {
			return "The request";
		}
		Redaction redaction = Redaction.of(options);
		String uri;
		try {
			uri = redaction.uri(options.uri());
		}
		catch (RuntimeException ex) {
			uri = redaction.text(options.baseUrl() + options.path());
		}
		return options.method() + " " + uri;
	}

	private static String human(@Nullable Duration d) {
		if (d == null) {
			return "the transport's own limit";
		}
		return (d.toMillis() % 1000 == 0) ? (d.toSeconds() + "s") : (d.toMillis() + "ms");
	}

}
