package io.github.diospring.retry;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a {@link RetryInterceptor} retries and how long it waits: at most {@code maxAttempts}
 * attempts in all; connection errors, connect timeouts and the {@code retryableStatuses}
 * (408, 429, 500, 502, 503, 504 by default); only the {@code retryableMethods} (the idempotent
 * ones by default) unless a request opts in; exponential backoff with full jitter (a random wait
 * between zero and {@code initialBackoff × 2^(retry-1)}, at most {@code maxBackoff}); a
 * {@code Retry-After} answer is waited for exactly when it is at most {@code maxRetryAfter}, and
 * not retried at all when the server asks for longer.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *         .maxAttempts(4)
 *         .initialBackoff(Duration.ofMillis(200))
 *         .retryableStatuses(Set.of(503))
 *         .build();
 * }</pre>
 *
 * @param maxAttempts attempts in all, the first one included (1 = no retries)
 * @param retryableStatuses response statuses that are retried
 * @param retryableMethods methods retried without an opt-in, in upper case
 * @param initialBackoff the backoff ceiling before the first retry
 * @param maxBackoff the highest backoff ceiling
 * @param maxRetryAfter the longest {@code Retry-After} that is waited for
 */
public record RetryPolicy(int maxAttempts, Set<Integer> retryableStatuses, Set<String> retryableMethods,
		Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

	/** The statuses retried by default: 408, 429, 500, 502, 503, 504. */
	public static final Set<Integer> DEFAULT_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

	/** The idempotent methods of RFC 9110, retried by default. */
	public static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

	/** Checks every value; messages name the field. */
	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " is less than 1; use 1 (no retries) or more");
		}
		for (Integer status : retryableStatuses) {
			if (status == null || status < 100 || status > 599) {
				throw new IllegalArgumentException("retryableStatuses: " + status + " is not an HTTP status (100-599)");
			}
		}
		retryableStatuses = Set.copyOf(new TreeSet<>(retryableStatuses));
		Set<String> methods = new TreeSet<>();
		retryableMethods.forEach(m -> methods.add(m.toUpperCase(Locale.ROOT)));
		retryableMethods = Set.copyOf(methods);
		positive("initialBackoff", initialBackoff);
		positive("maxBackoff", maxBackoff);
		positive("maxRetryAfter", maxRetryAfter);
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("maxBackoff: " + maxBackoff + " is shorter than initialBackoff "
					+ initialBackoff + "; raise it or lower initialBackoff");
		}
	}

	/** @return three attempts, 100 ms initial backoff up to 5 s, Retry-After honoured up to 30 s */
	public static RetryPolicy defaults() {
		return builder().build();
	}

	/** @return a builder starting from the defaults */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @param retry 1 for the first retry (the second attempt)
	 * @return a random backoff between zero and the exponential ceiling ("full jitter")
	 */
	public Duration backoff(int retry) {
		long initial = this.initialBackoff.toNanos();
		long ceiling = this.maxBackoff.toNanos();
		int shift = Math.min(Math.max(retry - 1, 0), 62);
		long exponential = (initial > (ceiling >> shift)) ? ceiling : Math.min(ceiling, initial << shift);
		return Duration.ofNanos(ThreadLocalRandom.current().nextLong(exponential + 1));
	}

	/**
	 * @param method an HTTP method
	 * @return whether it is retried without an opt-in
	 */
	public boolean retriesMethod(String method) {
		return this.retryableMethods.contains(method.toUpperCase(Locale.ROOT));
	}

	private static void positive(String name, Duration value) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + ": " + value + " must be positive");
		}
	}

	/** Builds a {@link RetryPolicy}; starts from the defaults. */
	public static final class Builder {

		private int maxAttempts = 3;

		private Set<Integer> statuses = DEFAULT_STATUSES;

		private Set<String> methods = IDEMPOTENT_METHODS;

		private Duration initialBackoff = Duration.ofMillis(100);

		private Duration maxBackoff = Duration.ofSeconds(5);

		private Duration maxRetryAfter = Duration.ofSeconds(30);

		private Builder() {
		}

		/** @param maxAttempts attempts in all (3 by default) @return this */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/** @param statuses the statuses retried @return this */
		public Builder retryableStatuses(Collection<Integer> statuses) {
			this.statuses = Set.copyOf(statuses);
			return this;
		}

		/** @param methods the methods retried without an opt-in @return this */
		public Builder retryableMethods(Collection<String> methods) {
			this.methods = Set.copyOf(methods);
			return this;
		}

		/** @param backoff the first backoff ceiling (100 ms by default) @return this */
		public Builder initialBackoff(Duration backoff) {
			this.initialBackoff = backoff;
			return this;
		}

		/** @param backoff the highest backoff ceiling (5 s by default) @return this */
		public Builder maxBackoff(Duration backoff) {
			this.maxBackoff = backoff;
			return this;
		}

		/** @param cap the longest Retry-After waited for (30 s by default) @return this */
		public Builder maxRetryAfter(Duration cap) {
			this.maxRetryAfter = cap;
			return this;
		}

		/** @return the policy */
		public RetryPolicy build() {
			return new RetryPolicy(this.maxAttempts, this.statuses, this.methods, this.initialBackoff, this.maxBackoff,
					this.maxRetryAfter);
		}

	}

}
