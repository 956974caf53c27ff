package io.github.diospring.cache;

import io.github.diospring.Headers;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.cache.CacheEntries.Found;

/**
 * RFC 9111's decisions for a private cache, with the settings and the request's policy: what may
 * be stored, what is fresh, and when a stale entry may still answer.
 */
final class CacheRules {

	private final CacheOptions settings;

	CacheRules(CacheOptions settings) {
		this.settings = settings;
	}

	/** REFRESH policies read the store only to have something to answer with when the network fails. */
	boolean readsCache(CachePolicy policy) {
		return policy == CachePolicy.REQUEST || policy == CachePolicy.FORCE_CACHE
				|| this.settings.hitCacheOnNetworkFailure() || !this.settings.hitCacheOnErrorCodes().isEmpty();
	}

	/** An entry stale for longer than max-stale is as good as none. */
	Found withinMaxStale(CacheRequest request, Found found, long now) {
		CachedResponse entry = found.entry();
		Long maxStale = request.maxStaleMillis();
		if (entry == null || maxStale == null) {
			return found;
		}
		long staleFor = entry.currentAgeMillis(now) - lifetime(entry, entry.cacheControl());
		return (staleFor > maxStale) ? new Found(null, found.index(), found.baseKey()) : found;
	}

	/** RFC 9111 §4.2 with the request's directives (§5.2.1): max-age, min-fresh, max-stale, no-cache. */
	boolean isFresh(CacheRequest request, CachedResponse entry, long now) {
		CacheControl asked = request.directives();
		CacheControl stored = entry.cacheControl();
		if (asked.noCache || stored.noCache) {
			return false;
		}
		long age = entry.currentAgeMillis(now);
		long remaining = lifetime(entry, stored) - age;
		if ((asked.maxAge != null && age > asked.maxAge * 1000)
				|| (asked.minFresh != null && remaining < asked.minFresh * 1000)) {
			return false;
		}
		if (remaining > 0) {
			return true;
		}
		return asked.maxStale != null && !stored.mustRevalidate
				&& (asked.maxStale == Long.MAX_VALUE || -remaining <= asked.maxStale * 1000);
	}

	/** must-revalidate and no-cache forbid answering without the origin's consent, unless the policy forces the cache. */
	boolean staleAllowed(CacheRequest request, CachedResponse entry) {
		CacheControl directives = entry.cacheControl();
		return request.policy().forcesStorage() || !(directives.mustRevalidate || directives.noCache);
	}

	/** RFC 9111 §3, or any successful response under a forcing policy; never a {@code Vary: *} or a body over the limit. */
	boolean storable(CacheRequest request, ResponseBody body) {
		Headers headers = body.headers();
		int status = body.statusCode();
		if (request.directives().noStore || CachedResponse.varyNames(headers).contains("*")
				|| body.contentLength() > this.settings.maxEntrySize()) {
			return false;
		}
		if (request.policy().forcesStorage()) {
			return status >= 200 && status < 300 && status != 206;
		}
		CacheControl directives = CacheControl.parse(headers.get("cache-control"));
		if (directives.noStore || !CachedResponse.HEURISTICALLY_CACHEABLE.contains(status)) {
			return false;
		}
		return directives.maxAge != null || headers.contains("expires") || headers.contains("etag")
				|| headers.contains("last-modified");
	}

	private long lifetime(CachedResponse entry, CacheControl directives) {
		return entry.freshnessLifetimeMillis(directives, this.settings.heuristicFraction(),
				this.settings.heuristicMaxAge().toMillis());
	}

}
