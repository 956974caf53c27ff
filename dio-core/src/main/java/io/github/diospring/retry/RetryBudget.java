package io.github.diospring.retry;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Caps retries at a fraction of a client's traffic so that a failing upstream is not hit by a
 * retry storm: within any sliding {@code window}, retries may number at most
 * {@code minRetries + ratio × requests} (requests being first attempts). With the defaults (20 %,
 * a floor of 10 per 10 s), a healthy client retries its rare failures freely, and a client whose
 * every request fails sends at most about 1.2 times its traffic instead of {@code maxAttempts}
 * times. Thread-safe; one budget per client.
 *
 * <pre>{@code
 * RetryBudget budget = RetryBudget.of(0.2, 10, Duration.ofSeconds(10));
 * budget.recordRequest();
 * if (budget.tryRetry()) { ... }
 * }</pre>
 */
public final class RetryBudget {

	private static final int BUCKETS = 10;

	private final double ratio;

	private final int minRetries;

	private final Duration window;

	private final long bucketNanos;

	private final LongSupplier clock;

	private final long[] requests = new long[BUCKETS];

	private final long[] retries = new long[BUCKETS];

	private final long[] epochs = new long[BUCKETS];

	private RetryBudget(double ratio, int minRetries, Duration window, LongSupplier clock) {
		if (!(ratio >= 0) || Double.isInfinite(ratio)) {
			throw new IllegalArgumentException("ratio: " + ratio + " must be 0 or more (0.2 lets retries add 20 % to the traffic)");
		}
		if (minRetries < 0) {
			throw new IllegalArgumentException("minRetries: " + minRetries + " must be 0 or more");
		}
		if (window.isNegative() || window.toMillis() < BUCKETS) {
			throw new IllegalArgumentException("window: " + window + " must be at least " + BUCKETS + " ms");
		}
		this.ratio = ratio;
		this.minRetries = minRetries;
		this.window = window;
		this.bucketNanos = window.toNanos() / BUCKETS;
		this.clock = clock;
	}

	/**
	 * @param ratio retries allowed per request, e.g. 0.2
	 * @param minRetries retries allowed per window whatever the traffic
	 * @param window how far back requests and retries count
	 * @return a budget
	 */
	public static RetryBudget of(double ratio, int minRetries, Duration window) {
		return new RetryBudget(ratio, minRetries, window, System::nanoTime);
	}

	/** @return 20 % of the traffic plus 10 retries, over 10 seconds */
	public static RetryBudget defaults() {
		return of(0.2, 10, Duration.ofSeconds(10));
	}

	/** @return a budget that never refuses (only {@code maxAttempts} limits retries) */
	public static RetryBudget unlimited() {
		return of(Double.MAX_VALUE, Integer.MAX_VALUE, Duration.ofSeconds(1));
	}

	/** A first attempt: earns {@code ratio} retries. */
	public synchronized void recordRequest() {
		this.requests[current()]++;
	}

	/** @return whether a retry may go now; if so, it is counted */
	public synchronized boolean tryRetry() {
		int now = current();
		long requested = 0;
		long retried = 0;
		for (int i = 0; i < BUCKETS; i++) {
			requested += this.requests[i];
			retried += this.retries[i];
		}
		if (retried + 1 > this.minRetries + this.ratio * requested) {
			return false;
		}
		this.retries[now]++;
		return true;
	}

	/** @return retries allowed per request */
	public double ratio() {
		return this.ratio;
	}

	/** @return retries allowed per window whatever the traffic */
	public int minRetries() {
		return this.minRetries;
	}

	/** @return how far back requests and retries count */
	public Duration window() {
		return this.window;
	}

	/** The current bucket, emptied when its time slot comes round again. */
	private int current() {
		long epoch = this.clock.getAsLong() / this.bucketNanos;
		int index = (int) Math.floorMod(epoch, (long) BUCKETS);
		if (this.epochs[index] != epoch) {
			long stale = epoch - BUCKETS;
			for (int i = 0; i < BUCKETS; i++) {
				if (this.epochs[i] <= stale || i == index) {
					this.requests[i] = 0;
					this.retries[i] = 0;
				}
			}
			this.epochs[index] = epoch;
		}
		return index;
	}

	@Override
	public String toString() {
		return "RetryBudget[ratio=" + this.ratio + ", minRetries=" + this.minRetries + ", window=" + this.window + "]";
	}

}
