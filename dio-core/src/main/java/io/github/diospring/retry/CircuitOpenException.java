package io.github.diospring.retry;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;

/**
 * The client's circuit breaker is open: the request was not sent. Its type is
 * {@link DioExceptionType#CONNECTION_ERROR} (the upstream is treated as unreachable), it is never
 * retried, and its message names the circuit breaker to look at.
 *
 * <pre>{@code
 * dio.get("/users").onErrorResume(CircuitOpenException.class, e -> Mono.just(cachedUsers()));
 * }</pre>
 */
public class CircuitOpenException extends DioException {

	private static final long serialVersionUID = 1L;

	private final String circuitBreaker;

	/**
	 * @param options the request that was not sent
	 * @param circuitBreaker the circuit breaker's name
	 * @param state its state (OPEN, FORCED_OPEN, or HALF_OPEN with no trial call left)
	 */
	public CircuitOpenException(RequestOptions options, String circuitBreaker, String state) {
		super(DioExceptionType.CONNECTION_ERROR, options, null, options.method() + " " + safeUri(options)
				+ " was not sent: circuit breaker '" + circuitBreaker + "' is " + state
				+ " after too many failures; it lets calls through again after its wait-duration-in-open-state "
				+ "(resilience4j.circuitbreaker.instances." + circuitBreaker + ".*)", null);
		this.circuitBreaker = circuitBreaker;
	}

	/** @return the circuit breaker's name (the client's name) */
	public String circuitBreaker() {
		return this.circuitBreaker;
	}

	private static String safeUri(RequestOptions options) {
		try {
			java.net.URI uri = options.uri();
			return uri.getScheme() + "://" + uri.getRawAuthority().replaceFirst("^.*@", "") + uri.getRawPath();
		}
		catch (RuntimeException ex) {
			return options.path();
		}
	}

}
