package io.github.diospring;

/**
 * What went wrong, as dio classifies it. The order is dio's; {@link #BIZ_ERROR} is ours, for a
 * 2xx response whose envelope says {@code success: false}.
 *
 * <pre>{@code
 * dio.get("/slow").onErrorResume(DioException.class, e ->
 *         e.type() == DioExceptionType.RECEIVE_TIMEOUT ? Mono.empty() : Mono.error(e));
 * }</pre>
 */
public enum DioExceptionType {

	/** Opening the connection (TCP and TLS) took longer than {@code connectTimeout}. */
	CONNECTION_TIMEOUT("connection timeout"),

	/** Writing the request body took longer than {@code sendTimeout}. */
	SEND_TIMEOUT("send timeout"),

	/**
	 * No response headers within {@code receiveTimeout} after the request was sent, or a gap
	 * between two body chunks longer than it.
	 */
	RECEIVE_TIMEOUT("receive timeout"),

	/** The server's certificate was not trusted, or did not match a configured pin. */
	BAD_CERTIFICATE("bad certificate"),

	/** The status code was refused by {@code validateStatus}; the response is attached. */
	BAD_RESPONSE("bad response"),

	/** The request was cancelled through its {@link CancelToken}. */
	CANCEL("request cancelled"),

	/** The connection could not be opened (refused, unknown host) or broke before a response. */
	CONNECTION_ERROR("connection error"),

	/** Anything else; the cause says what (malformed JSON, an interceptor's exception, ...). */
	UNKNOWN("unknown"),

	/** A 2xx response whose business envelope reports failure ({@code success: false}). */
	BIZ_ERROR("business error");

	private final String description;

	DioExceptionType(String description) {
		this.description = description;
	}

	/** @return a short human description, as printed in {@link DioException#toString()} */
	public String description() {
		return this.description;
	}

}
