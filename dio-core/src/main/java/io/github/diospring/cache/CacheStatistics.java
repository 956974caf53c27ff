package io.github.diospring.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one {@link CacheInterceptor} did since it was made: hits, misses, revalidations (a
 * {@code 304} answered from the cache) and stale answers. Each logical request counts once.
 * Micrometer meters ({@code dio.client.cache.*}) come from the request observations; these counts
 * need no meter registry.
 *
 * <pre>{@code
 * CacheStatistics stats = cacheInterceptor.statistics();
 * double hitRatio = (double) stats.hits() / (stats.hits() + stats.misses());
 * }</pre>
 */
public final class CacheStatistics {

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder revalidations = new LongAdder();

	private final LongAdder staleServes = new LongAdder();

	void record(CacheStatus status) {
		switch (status) {
			case HIT -> this.hits.increment();
			case MISS -> this.misses.increment();
			case REVALIDATED -> this.revalidations.increment();
			case STALE -> this.staleServes.increment();
		}
	}

	/** @return requests answered from a fresh entry */
	public long hits() {
		return this.hits.sum();
	}

	/** @return requests answered by the network */
	public long misses() {
		return this.misses.sum();
	}

	/** @return requests answered from the cache after a {@code 304} */
	public long revalidations() {
		return this.revalidations.sum();
	}

	/** @return requests answered with a stale entry because the network failed */
	public long staleServes() {
		return this.staleServes.sum();
	}

	/** @return the counts by name, for display */
	public Map<String, Long> asMap() {
		Map<String, Long> map = new LinkedHashMap<>();
		map.put("hits", hits());
		map.put("misses", misses());
		map.put("revalidations", revalidations());
		map.put("staleServes", staleServes());
		return map;
	}

}
