package io.github.diospring.cache;

/**
 * How the cache answered a request. A response the cache took part in carries it in
 * {@code response.extra().get(CacheInterceptor.STATUS)} and in the {@code x-dio-cache} header, so
 * callers and logs can tell a cached answer from a fresh one.
 *
 * <pre>{@code
 * Response<User> r = dio.get("/users/1", User.class).block();
 * if (r.extra().get(CacheInterceptor.STATUS) == CacheStatus.STALE) log.warn("upstream down, served stale");
 * }</pre>
 */
public enum CacheStatus {

	/** Answered from a fresh entry; nothing was sent. */
	HIT,

	/** A stale entry was confirmed by a {@code 304 Not Modified}; the body came from the cache. */
	REVALIDATED,

	/** A stale entry answered because the network failed or returned an error status. */
	STALE,

	/** Answered by the network (and stored when allowed). */
	MISS

}
