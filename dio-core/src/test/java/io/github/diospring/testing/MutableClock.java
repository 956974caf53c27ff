package io.github.diospring.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves forward by hand (cookie expiry, cache freshness). */
public final class MutableClock extends Clock {

	private volatile Instant now;

	/** Starts now. */
	public MutableClock() {
		this(Instant.now());
	}

	/** @param now where it starts */
	public MutableClock(Instant now) {
		this.now = now;
	}

	/** @param duration how far to move it */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
