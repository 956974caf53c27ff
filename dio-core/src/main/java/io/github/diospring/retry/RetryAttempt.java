package io.github.diospring.retry;

import java.util.List;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;

/**
 * Which attempt of a call a request is, with the failures of the attempts before it. The
 * interceptors after a {@link RetryInterceptor} find it in every attempt's
 * {@code extra[RetryInterceptor.ATTEMPT]} — a load balancer uses it to avoid the instances that
 * failed, a log to tell retries apart.
 *
 * <pre>{@code
 * public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
 *     if (RetryAttempt.of(options).isRetry()) log.info("retrying {}", options.uri());
 *     handler.next(options);
 * }
 * }</pre>
 *
 * @param number 1 for the first attempt
 * @param failures the errors of the earlier attempts, oldest first (their requests say where they went)
 */
public record RetryAttempt(int number, List<DioException> failures) {

	/** The first attempt of a call. */
	public static final RetryAttempt FIRST = new RetryAttempt(1, List.of());

	/** Copies the failures. */
	public RetryAttempt {
		failures = List.copyOf(failures);
	}

	/**
	 * @param options a request
	 * @return its attempt, or {@link #FIRST} when no retry interceptor numbered it
	 */
	public static RetryAttempt of(RequestOptions options) {
		return (options.extra().get(RetryInterceptor.ATTEMPT) instanceof RetryAttempt attempt) ? attempt : FIRST;
	}

	/** @return whether this is a retry (not the first attempt) */
	public boolean isRetry() {
		return this.number > 1;
	}

	/**
	 * @param failure the error of this attempt
	 * @return the next attempt
	 */
	public RetryAttempt next(DioException failure) {
		DioException[] all = this.failures.toArray(new DioException[this.failures.size() + 1]);
		all[all.length - 1] = failure;
		return new RetryAttempt(this.number + 1, List.of(all));
	}

}
