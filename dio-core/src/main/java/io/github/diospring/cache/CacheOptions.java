package io.github.diospring.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;

/**
 * The settings of a {@link CacheInterceptor} (dio_cache_interceptor's {@code CacheOptions}): the
 * store, the default policy, when stale entries may answer, and what is never stored. Immutable;
 * the defaults are a private cache that follows the headers and never serves stale data.
 *
 * <pre>{@code
 * CacheOptions options = CacheOptions.builder(MemoryCaches.create("dio", 1000, 10 * 1024 * 1024))
 *         .hitCacheOnErrorCodes(Set.of(500, 502, 503, 504))
 *         .hitCacheOnNetworkFailure(true)
 *         .maxStale(Duration.ofDays(1))
 *         .build();
 * dio.interceptors().add(new CacheInterceptor(options));
 * }</pre>
 *
 * @param store where entries live: any Spring {@link Cache} (values are {@code byte[]})
 * @param policy the policy of requests that do not pick one
 * @param hitCacheOnErrorCodes response statuses that are answered with a stored (even stale) entry instead
 * @param hitCacheOnNetworkFailure whether a connection failure or timeout is answered with a stored (even stale) entry
 * @param maxStale how long past its freshness an entry may still answer on errors (and under {@code FORCE_CACHE});
 * null for no limit
 * @param maxEntrySize bodies larger than this many bytes are not stored
 * @param heuristicFraction a response without explicit freshness but with {@code Last-Modified} stays fresh
 * for this fraction of its age (RFC 9111 §4.2.2 suggests 0.1); 0 turns heuristic freshness off
 * @param heuristicMaxAge the most heuristic freshness gives
 * @param allowAuthorization whether responses to requests with {@code Authorization} are stored (then under a
 * key derived from that credential, so users never share entries); off by default
 * @param cacheStreams whether {@code STREAM} responses and downloads are stored (as they are read)
 * @param clock the time source
 */
public record CacheOptions(Cache store, CachePolicy policy, Set<Integer> hitCacheOnErrorCodes,
		boolean hitCacheOnNetworkFailure, @Nullable Duration maxStale, long maxEntrySize, double heuristicFraction,
		Duration heuristicMaxAge, boolean allowAuthorization, boolean cacheStreams, Clock clock) {

	/** Default for {@link #maxEntrySize()}: 1 MiB. */
	public static final long DEFAULT_MAX_ENTRY_SIZE = 1024 * 1024;

	/** Validates, naming the field that is wrong. */
	public CacheOptions {
		Objects.requireNonNull(store, "store");
		Objects.requireNonNull(policy, "policy");
		hitCacheOnErrorCodes = Set.copyOf(hitCacheOnErrorCodes);
		for (int code : hitCacheOnErrorCodes) {
			if (code < 100 || code > 599) {
				throw new IllegalArgumentException("hitCacheOnErrorCodes: " + code + " is not an HTTP status (100-599)");
			}
		}
		if (maxStale != null && maxStale.isNegative()) {
			throw new IllegalArgumentException("maxStale: " + maxStale + " is negative; use a positive duration or none");
		}
		if (maxEntrySize <= 0) {
			throw new IllegalArgumentException("maxEntrySize: " + maxEntrySize + " must be positive");
		}
		if (!(heuristicFraction >= 0 && heuristicFraction <= 1)) {
			throw new IllegalArgumentException("heuristicFraction: " + heuristicFraction
					+ " must be between 0 (off) and 1; RFC 9111 suggests 0.1");
		}
		Objects.requireNonNull(heuristicMaxAge, "heuristicMaxAge");
		if (heuristicMaxAge.isNegative()) {
			throw new IllegalArgumentException("heuristicMaxAge: " + heuristicMaxAge + " is negative");
		}
		Objects.requireNonNull(clock, "clock");
	}

	/**
	 * @param store where entries live
	 * @return a builder with the defaults
	 */
	public static Builder builder(Cache store) {
		return new Builder(store);
	}

	/** @return a builder holding these values */
	public Builder toBuilder() {
		return new Builder(this.store).policy(this.policy)
			.hitCacheOnErrorCodes(this.hitCacheOnErrorCodes)
			.hitCacheOnNetworkFailure(this.hitCacheOnNetworkFailure)
			.maxStale(this.maxStale)
			.maxEntrySize(this.maxEntrySize)
			.heuristicFraction(this.heuristicFraction)
			.heuristicMaxAge(this.heuristicMaxAge)
			.allowAuthorization(this.allowAuthorization)
			.cacheStreams(this.cacheStreams)
			.clock(this.clock);
	}

	/** Builds {@link CacheOptions}. */
	public static final class Builder {

		private final Cache store;

		private CachePolicy policy = CachePolicy.REQUEST;

		private Set<Integer> hitCacheOnErrorCodes = Set.of();

		private boolean hitCacheOnNetworkFailure;

		private @Nullable Duration maxStale;

		private long maxEntrySize = DEFAULT_MAX_ENTRY_SIZE;

		private double heuristicFraction;

		private Duration heuristicMaxAge = Duration.ofDays(1);

		private boolean allowAuthorization;

		private boolean cacheStreams;

		private Clock clock = Clock.systemUTC();

		private Builder(Cache store) {
			this.store = store;
		}

		/** @param policy the default policy (REQUEST) @return this */
		public Builder policy(CachePolicy policy) {
			this.policy = policy;
			return this;
		}

		/** @param codes statuses answered with a stored entry (none) @return this */
		public Builder hitCacheOnErrorCodes(Set<Integer> codes) {
			this.hitCacheOnErrorCodes = codes;
			return this;
		}

		/** @param hit whether network failures are answered with a stored entry (false) @return this */
		public Builder hitCacheOnNetworkFailure(boolean hit) {
			this.hitCacheOnNetworkFailure = hit;
			return this;
		}

		/** @param maxStale how long past freshness an entry may answer on errors (no limit) @return this */
		public Builder maxStale(@Nullable Duration maxStale) {
			this.maxStale = maxStale;
			return this;
		}

		/** @param bytes bodies larger than this are not stored (1 MiB) @return this */
		public Builder maxEntrySize(long bytes) {
			this.maxEntrySize = bytes;
			return this;
		}

		/** @param fraction heuristic freshness as a fraction of the time since Last-Modified (0: off) @return this */
		public Builder heuristicFraction(double fraction) {
			this.heuristicFraction = fraction;
			return this;
		}

		/** @param max the most heuristic freshness gives (1 day) @return this */
		public Builder heuristicMaxAge(Duration max) {
			this.heuristicMaxAge = max;
			return this;
		}

		/** @param allow whether responses to requests with Authorization are stored, per credential (false) @return this */
		public Builder allowAuthorization(boolean allow) {
			this.allowAuthorization = allow;
			return this;
		}

		/** @param cache whether STREAM responses and downloads are stored (false) @return this */
		public Builder cacheStreams(boolean cache) {
			this.cacheStreams = cache;
			return this;
		}

		/** @param clock the time source @return this */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/** @return the options @throws IllegalArgumentException naming the field that is wrong */
		public CacheOptions build() {
			return new CacheOptions(this.store, this.policy, this.hitCacheOnErrorCodes, this.hitCacheOnNetworkFailure,
					this.maxStale, this.maxEntrySize, this.heuristicFraction, this.heuristicMaxAge,
					this.allowAuthorization, this.cacheStreams, this.clock);
		}

	}

}
