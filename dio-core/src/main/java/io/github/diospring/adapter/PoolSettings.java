package io.github.diospring.adapter;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.netty.resources.ConnectionProvider;

/**
 * The connection pool of a client that owns one ({@link ReactorNettyAdapter#create()}, {@link WebClientAdapter#create()},
 * {@code Dio.create()}, and Spring Boot clients with {@code dio.pool.*} set). An immutable value.
 *
 * <p>The defaults carry a production load and match what Spring Boot's Reactor Netty connector
 * uses (Reactor Netty's global pool): up to <b>500 connections</b> per host, <b>1,000 requests
 * waiting</b> for one, each waiting at most <b>45 s</b>. On top of that, connections idle for
 * more than <b>30 s</b> are not reused (servers often close idle keep-alive connections after
 * 60 s or less), and their lifetime is unlimited. Reactor Netty's own defaults for a new pool
 * (16 connections and 32 waiting on a 2-core machine) fail the 49th concurrent request.
 *
 * <p>When the pool is exhausted (every connection busy and the waiting queue full, or the wait
 * longer than {@code pendingAcquireTimeout}) a request fails with
 * {@link io.github.diospring.DioExceptionType#CONNECTION_ERROR} naming the limit to raise.
 *
 * <pre>{@code
 * Dio dio = Dio.builder()
 *         .adapter(ReactorNettyAdapter.create(PoolSettings.defaults().toBuilder()
 *                 .maxConnections(1000)
 *                 .pendingAcquireTimeout(Duration.ofSeconds(10))
 *                 .build()))
 *         .build();
 * }</pre>
 *
 * @param maxConnections connections per host at most
 * @param pendingAcquireMaxCount requests waiting for a connection at most; -1 for no limit
 * @param pendingAcquireTimeout how long a request waits for a connection
 * @param maxIdleTime connections idle longer are closed instead of reused; null for no limit
 * @param maxLifeTime connections older are closed instead of reused; null for no limit
 * @param evictInBackground interval of a background sweep closing idle and expired connections;
 * null for none (they are checked when a connection is taken)
 */
public record PoolSettings(int maxConnections, int pendingAcquireMaxCount, Duration pendingAcquireTimeout,
		@Nullable Duration maxIdleTime, @Nullable Duration maxLifeTime, @Nullable Duration evictInBackground) {

	private static final PoolSettings DEFAULTS = new PoolSettings(500, 1000, Duration.ofSeconds(45),
			Duration.ofSeconds(30), null, null);

	/** Validates every field, naming the one that is wrong. */
	public PoolSettings {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("maxConnections: " + maxConnections + " must be 1 or more");
		}
		if (pendingAcquireMaxCount < -1 || pendingAcquireMaxCount == 0) {
			throw new IllegalArgumentException("pendingAcquireMaxCount: " + pendingAcquireMaxCount
					+ " must be 1 or more, or -1 for no limit");
		}
		if (pendingAcquireTimeout == null || pendingAcquireTimeout.isNegative() || pendingAcquireTimeout.isZero()) {
			throw new IllegalArgumentException("pendingAcquireTimeout: " + pendingAcquireTimeout + " must be positive");
		}
		maxIdleTime = positiveOrNone("maxIdleTime", maxIdleTime);
		maxLifeTime = positiveOrNone("maxLifeTime", maxLifeTime);
		evictInBackground = positiveOrNone("evictInBackground", evictInBackground);
	}

	/** @return 500 connections, 1,000 waiting for 45 s at most, idle connections dropped after 30 s */
	public static PoolSettings defaults() {
		return DEFAULTS;
	}

	/** @return a builder starting from the defaults */
	public static Builder builder() {
		return DEFAULTS.toBuilder();
	}

	/** @return a builder holding these values */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Releases a pool an adapter owns: at once when forced (exchanges in flight are cut), else once
	 * the connections in use come back.
	 * @param pool the pool, or null when the adapter owns none
	 * @param force whether to cut exchanges in flight
	 */
	static void release(@Nullable ConnectionProvider pool, boolean force) {
		if (pool == null) {
			return;
		}
		if (force) {
			pool.dispose();
		}
		else {
			pool.disposeLater().subscribe();
		}
	}

	/**
	 * @param name the pool's name, in Reactor Netty's metrics and logs
	 * @return a new Reactor Netty pool with these settings; the caller disposes it
	 */
	public ConnectionProvider newConnectionProvider(String name) {
		ConnectionProvider.Builder builder = ConnectionProvider.builder(name)
			.maxConnections(this.maxConnections)
			.pendingAcquireMaxCount(this.pendingAcquireMaxCount)
			.pendingAcquireTimeout(this.pendingAcquireTimeout);
		if (this.maxIdleTime != null) {
			builder.maxIdleTime(this.maxIdleTime);
		}
		if (this.maxLifeTime != null) {
			builder.maxLifeTime(this.maxLifeTime);
		}
		if (this.evictInBackground != null) {
			builder.evictInBackground(this.evictInBackground);
		}
		return builder.build();
	}

	private static @Nullable Duration positiveOrNone(String name, @Nullable Duration value) {
		if (value != null && value.isNegative()) {
			throw new IllegalArgumentException(name + ": " + value + " is negative; use a positive duration, or zero for none");
		}
		return (value == null || value.isZero()) ? null : value;
	}

	/**
	 * Builder for {@link PoolSettings}; starts from {@link #defaults()}.
	 *
	 * <pre>{@code
	 * PoolSettings pool = PoolSettings.builder().maxConnections(64).pendingAcquireMaxCount(-1).build();
	 * }</pre>
	 */
	public static final class Builder {

		private int maxConnections;

		private int pendingAcquireMaxCount;

		private Duration pendingAcquireTimeout;

		private @Nullable Duration maxIdleTime;

		private @Nullable Duration maxLifeTime;

		private @Nullable Duration evictInBackground;

		private Builder(PoolSettings from) {
			this.maxConnections = from.maxConnections;
			this.pendingAcquireMaxCount = from.pendingAcquireMaxCount;
			this.pendingAcquireTimeout = from.pendingAcquireTimeout;
			this.maxIdleTime = from.maxIdleTime;
			this.maxLifeTime = from.maxLifeTime;
			this.evictInBackground = from.evictInBackground;
		}

		/** @param max connections per host at most @return this */
		public Builder maxConnections(int max) {
			this.maxConnections = max;
			return this;
		}

		/** @param max requests waiting for a connection at most; -1 for no limit @return this */
		public Builder pendingAcquireMaxCount(int max) {
			this.pendingAcquireMaxCount = max;
			return this;
		}

		/** @param timeout how long a request waits for a connection @return this */
		public Builder pendingAcquireTimeout(Duration timeout) {
			this.pendingAcquireTimeout = timeout;
			return this;
		}

		/** @param time idle connections older are not reused; null or zero for no limit @return this */
		public Builder maxIdleTime(@Nullable Duration time) {
			this.maxIdleTime = time;
			return this;
		}

		/** @param time connections older are not reused; null or zero for no limit @return this */
		public Builder maxLifeTime(@Nullable Duration time) {
			this.maxLifeTime = time;
			return this;
		}

		/** @param interval background sweep interval; null or zero for none @return this */
		public Builder evictInBackground(@Nullable Duration interval) {
			this.evictInBackground = interval;
			return this;
		}

		/**
		 * @return the settings
		 * @throws IllegalArgumentException naming the field that is wrong
		 */
		public PoolSettings build() {
			return new PoolSettings(this.maxConnections, this.pendingAcquireMaxCount, this.pendingAcquireTimeout,
					this.maxIdleTime, this.maxLifeTime, this.evictInBackground);
		}

	}

}
