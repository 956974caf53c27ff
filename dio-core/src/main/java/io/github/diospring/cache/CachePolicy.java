package io.github.diospring.cache;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How one request uses the cache (dio_cache_interceptor's {@code CachePolicy}). The client's
 * default is set in {@link CacheOptions}; one request picks another through its extra.
 *
 * <pre>{@code
 * dio.get("/prices", r -> r.extra(CacheInterceptor.POLICY, CachePolicy.REFRESH));
 * }</pre>
 */
public enum CachePolicy {

	/**
	 * Follow the HTTP headers: a fresh entry answers without the network; a stale one is
	 * revalidated ({@code If-None-Match} / {@code If-Modified-Since}); responses are stored when
	 * their headers allow it. The default.
	 */
	REQUEST,

	/** Always ask the network (without a conditional request); store the response when its headers allow it. */
	REFRESH,

	/** Always ask the network; store every successful response, whatever its headers say. */
	REFRESH_FORCE_CACHE,

	/**
	 * Answer from any stored entry, fresh or stale, without the network; on a miss, ask the
	 * network and store every successful response, whatever its headers say.
	 */
	FORCE_CACHE,

	/** Ask the network; neither read nor write the cache. */
	NO_CACHE;

	/** @return whether responses are stored whatever their cache headers say */
	boolean forcesStorage() {
		return this == REFRESH_FORCE_CACHE || this == FORCE_CACHE;
	}

	/**
	 * Reads a policy from a request's extra: the enum itself, or its name in any case with
	 * {@code -} or {@code _} ({@code "force-cache"}).
	 * @param value the value
	 * @return the policy, or null when the value is null
	 * @throws IllegalArgumentException naming the valid policies
	 */
	static @Nullable CachePolicy of(@Nullable Object value) {
		if (value == null || value instanceof CachePolicy) {
			return (CachePolicy) value;
		}
		String name = value.toString().trim().replace('-', '_').toUpperCase(Locale.ROOT);
		try {
			return valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("extra " + CacheInterceptor.POLICY + ": '" + value
					+ "' is not a cache policy; use one of " + java.util.Arrays.toString(values()), ex);
		}
	}

}
