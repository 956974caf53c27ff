package io.github.diospring.cache;

import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCache;

/**
 * The default store: an in-memory Spring {@link Cache} on Caffeine, bounded both by entry count
 * and by bytes. Needs {@code com.github.ben-manes.caffeine:caffeine} and
 * {@code org.springframework:spring-context-support} on the class path (optional dependencies of
 * dio-core; Spring Boot manages their versions).
 *
 * <pre>{@code
 * Cache store = MemoryCaches.create("dio", 1000, 10 * 1024 * 1024);   // 1000 entries, 10 MiB
 * dio.interceptors().add(new CacheInterceptor(CacheOptions.builder(store).build()));
 * }</pre>
 */
public final class MemoryCaches {

	private MemoryCaches() {
	}

	/**
	 * @param name the cache name (shown by the actuator endpoint)
	 * @param maxEntries entries kept at most
	 * @param maxBytes stored bytes (keys and values) kept at most
	 * @return the cache; least recently used entries go first
	 * @throws IllegalStateException when Caffeine or spring-context-support is missing, saying what to add
	 */
	public static Cache create(String name, long maxEntries, long maxBytes) {
		if (maxEntries <= 0 || maxBytes <= 0) {
			throw new IllegalArgumentException("maxEntries and maxBytes must be positive: " + maxEntries + ", " + maxBytes);
		}
		if (!present("com.github.benmanes.caffeine.cache.Caffeine")
				|| !present("org.springframework.cache.caffeine.CaffeineCache")) {
			throw new IllegalStateException("The in-memory dio cache needs com.github.ben-manes.caffeine:caffeine and "
					+ "org.springframework:spring-context-support on the class path; add them (Spring Boot manages their "
					+ "versions) or store the cache in a Spring CacheManager's cache instead");
		}
		return Caffeine.create(name, maxEntries, maxBytes);
	}

	/**
	 * @param cache a cache
	 * @return how many entries it holds when it is one of these in-memory caches, else -1
	 */
	public static long estimatedSize(Cache cache) {
		if (!present("com.github.benmanes.caffeine.cache.Caffeine")
				|| !present("org.springframework.cache.caffeine.CaffeineCache")) {
			return -1;
		}
		return Caffeine.estimatedSize(cache);
	}

	private static long size(Object value) {
		if (value instanceof byte[] bytes) {
			return bytes.length;
		}
		return (value instanceof String text) ? text.length() : 64;
	}

	/** Touches Caffeine's classes only once they are known to be there. */
	private static final class Caffeine {

		static Cache create(String name, long maxEntries, long maxBytes) {
			// Caffeine bounds by count or by weight, not both: every entry weighs at least maxBytes / maxEntries,
			// so the weight bound also keeps the count at or below maxEntries.
			long floor = Math.max(1, maxBytes / maxEntries);
			com.github.benmanes.caffeine.cache.Cache<Object, Object> caffeine = com.github.benmanes.caffeine.cache.Caffeine
				.newBuilder()
				.maximumWeight(maxBytes)
				.weigher((Object key, Object value) -> (int) Math.min(Integer.MAX_VALUE,
						Math.max(floor, size(key) + size(value))))
				.build();
			return new CaffeineCache(name, caffeine, false);
		}

		static long estimatedSize(Cache cache) {
			if (cache instanceof CaffeineCache caffeine) {
				caffeine.getNativeCache().cleanUp();
				return caffeine.getNativeCache().estimatedSize();
			}
			return -1;
		}

	}

	private static boolean present(String className) {
		try {
			Class.forName(className, false, MemoryCaches.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
