package io.github.diospring;

/**
 * Decides which HTTP status codes count as success. Any other status fails the request with a
 * {@link DioExceptionType#BAD_RESPONSE} {@link DioException}. The default accepts 2xx only
 * (so, as in dio, a 304 is an error unless you say otherwise).
 *
 * <pre>{@code
 * BaseOptions.builder().validateStatus(status -> status < 500).build();
 * }</pre>
 */
@FunctionalInterface
public interface ValidateStatus {

	/** Accepts {@code 200 <= status < 300}. */
	ValidateStatus SUCCESS = status -> status >= 200 && status < 300;

	/**
	 * Whether this status is a success.
	 * @param status the HTTP status code
	 * @return {@code true} to accept the response
	 */
	boolean validate(int status);

}
