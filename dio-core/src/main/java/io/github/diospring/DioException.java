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

	private volatile boolean callSiteAttached;

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
		super(Redaction.of(requestOptions).text(message), cause);
		this.type = type;
		this.requestOptions = requestOptions;
		this.response = response;
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

	/** @return the underlying error (dio's {@code error} field), or the cancel reason */
	public @Nullable Throwable error() {
		return getCause();
	}

	/**
	 * A copy with another message, type, response or cause.
	 * @param type the new type
	 * @param message the new message
	 * @return the copy
	 */
	public DioException withTypeAndMessage(DioExceptionType type, String message) {
		DioException copy = new DioException(type, this.requestOptions, this.response, message, getCause());
		copy.setStackTrace(getStackTrace());
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
				(reason instanceof Throwable t) ? t : null);
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

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder("DioException [").append(this.type.description()).append("]: ")
				.append(getMessage());
		if (getCause() != null) {
			sb.append("\nError: ").append(Redaction.of(this.requestOptions).text(getCause().toString()));
		}
		return sb.toString();
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
