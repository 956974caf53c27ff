package io.github.diospring.adapter;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The timer behind the adapters' phase timeouts. Every request arms one (its connect timeout by
 * default) and nearly every request disarms it a few milliseconds later, so arming must be cheap:
 * a hashed wheel only queues the entry, where a scheduled executor would wake a thread per
 * request. The wheel ticks every 10 ms on one daemon thread, which is the precision of these
 * timeouts, and more than enough for limits counted in seconds.
 */
final class ExchangeTimer {

	private static final HashedWheelTimer WHEEL = new HashedWheelTimer(new DefaultThreadFactory("dio-timer", true), 10,
			TimeUnit.MILLISECONDS);

	private ExchangeTimer() {
	}

	/**
	 * @param delay how long to wait
	 * @param task what to run then, on the timer's thread; it must not block
	 * @return the handle that cancels it
	 */
	static Timeout schedule(Duration delay, Runnable task) {
		return WHEEL.newTimeout(timeout -> task.run(), delay.toNanos(), TimeUnit.NANOSECONDS);
	}

}
