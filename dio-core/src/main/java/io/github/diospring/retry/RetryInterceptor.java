package io.github.diospring.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.interceptor.Interceptor;
import org.jspecify.annotations.Nullable;

/**
 * Retries failed attempts of a call, the way dio_smart_retry does for dio, plus a retry budget.
 * The client's engine runs the call from this interceptor on as a loop: each attempt goes through
 * the request phase of every interceptor <em>after</em> this one (so a token or cookie interceptor
 * placed after it, and a load balancer, see every attempt, numbered in
 * {@code extra[ATTEMPT]}), then the network; the response and error interceptors see only the
 * final outcome, in dio's order. Place it first (see {@link #ORDER}).
 *
 * <p>An attempt is retried when all of these hold: it failed with a connection error, a connect
 * timeout or a retryable status (the {@link RetryPolicy}); fewer than {@code maxAttempts} were
 * made; the method is idempotent, or the request opted in with {@code extra[RETRYABLE] = true};
 * the body can be sent again (bytes, text, JSON, {@code FormData} without single-use streams,
 * files, suppliers — never an {@code InputStream} or a {@code Publisher}); a {@code Retry-After}
 * is not longer than the cap; and the {@link RetryBudget} allows it. The wait ends at once when
 * the request's {@link io.github.diospring.CancelToken} is cancelled or the caller unsubscribes
 * (a whole-call timeout), and each retry is counted on the call's observation.
 *
 * <pre>{@code
 * Dio dio = Dio.builder()
 *         .options(BaseOptions.builder().baseUrl("https://api.example.com").build())
 *         .interceptor(new RetryInterceptor(RetryPolicy.defaults(), RetryBudget.defaults()))
 *         .build();
 * dio.post("/orders", order, o -> o.extra(RetryInterceptor.RETRYABLE, true));   // opt a POST in
 * }</pre>
 */
public class RetryInterceptor implements Interceptor {

	/**
	 * Its place among the built-ins: first, before the cookie manager ({@code -1000}), the
	 * application's interceptors, the error adaptor and the log interceptor (last), so that cookies are sent with every
	 * attempt, every attempt is logged, and the envelope is read once, from the final response.
	 */
	public static final int ORDER = -1100;

	/** Extra key: {@code true} retries a non-idempotent request, {@code false} never retries a request. */
	public static final String RETRYABLE = "dio.retry";

	/** Extra key under which each attempt's {@link RetryAttempt} travels. */
	public static final String ATTEMPT = "dio.retry.attempt";

	private final RetryPolicy policy;

	private final RetryBudget budget;

	/**
	 * @param policy what is retried and how long to wait
	 * @param budget the client's retry budget ({@link RetryBudget#unlimited()} for none)
	 */
	public RetryInterceptor(RetryPolicy policy, RetryBudget budget) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.budget = Objects.requireNonNull(budget, "budget");
	}

	/** @return the policy */
	public RetryPolicy policy() {
		return this.policy;
	}

	/** @return the budget */
	public RetryBudget budget() {
		return this.budget;
	}

	/**
	 * Decides about a failed attempt; the engine calls it, and counts the retry in the budget only
	 * when the answer is a delay.
	 * @param options the request as it entered this interceptor
	 * @param attempt the attempt that failed
	 * @param failure its error
	 * @param replayable whether the request body can be sent again
	 * @return how long to wait before the next attempt, or {@code null} not to retry
	 */
	public @Nullable Duration retryDelay(RequestOptions options, RetryAttempt attempt, DioException failure,
			boolean replayable) {
		if (attempt.number() >= this.policy.maxAttempts() || !replayable || !retryable(failure)
				|| !methodAllowed(options)) {
			return null;
		}
		Duration retryAfter = retryAfter(failure.response());
		if (retryAfter != null && retryAfter.compareTo(this.policy.maxRetryAfter()) > 0) {
			return null;
		}
		if (!this.budget.tryRetry()) {
			return null;
		}
		return (retryAfter != null) ? retryAfter : this.policy.backoff(attempt.number());
	}

	/** A first attempt, for the budget. */
	public void recordRequest() {
		this.budget.recordRequest();
	}

	/**
	 * @param failure an attempt's error
	 * @return whether its kind is retried (regardless of method, body and budget)
	 */
	protected boolean retryable(DioException failure) {
		if (failure instanceof CircuitOpenException) {
			return false;
		}
		if (failure.type() == DioExceptionType.CONNECTION_ERROR || failure.type() == DioExceptionType.CONNECTION_TIMEOUT) {
			return true;
		}
		Response<?> response = failure.response();
		return failure.type() == DioExceptionType.BAD_RESPONSE && response != null
				&& this.policy.retryableStatuses().contains(response.statusCode());
	}

	private boolean methodAllowed(RequestOptions options) {
		Object optIn = options.extra().get(RETRYABLE);
		if (Boolean.FALSE.equals(optIn) || "false".equals(optIn)) {
			return false;
		}
		return Boolean.TRUE.equals(optIn) || "true".equals(optIn) || this.policy.retriesMethod(options.method());
	}

	/**
	 * @param response a failed attempt's response
	 * @return its {@code Retry-After} (seconds or an HTTP date), or null when absent or unreadable
	 */
	static @Nullable Duration retryAfter(@Nullable Response<?> response) {
		String value = (response != null) ? response.headers().value("Retry-After") : null;
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		try {
			long seconds = Long.parseLong(text);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(Instant.now(), at);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	@Override
	public String toString() {
		return "RetryInterceptor[" + this.policy + ", " + this.budget + "]";
	}

}
