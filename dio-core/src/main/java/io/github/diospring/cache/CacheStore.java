package io.github.diospring.cache;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The interceptor's view of a Spring {@link Cache} holding {@code byte[]} records. In-memory
 * caches are called where the request runs; any other cache (Redis...) may block on the network,
 * so it is called on the bounded-elastic scheduler, never on an event-loop thread. A failing store
 * never fails a request: it is logged and counts as a miss.
 */
final class CacheStore {

	private static final Logger logger = LoggerFactory.getLogger(CacheStore.class);

	private final Cache cache;

	private final boolean inMemory;

	CacheStore(Cache cache) {
		this.cache = cache;
		String type = cache.getClass().getName();
		this.inMemory = type.equals("org.springframework.cache.caffeine.CaffeineCache")
				|| type.equals("org.springframework.cache.concurrent.ConcurrentMapCache")
				|| type.equals("org.springframework.cache.support.NoOpCache");
	}

	Cache cache() {
		return this.cache;
	}

	/** @return the stored record, empty when there is none (or the store failed) */
	Mono<byte[]> get(String key) {
		return call(() -> {
			Cache.ValueWrapper wrapper = this.cache.get(key);
			return (wrapper != null && wrapper.get() instanceof byte[] bytes) ? bytes : null;
		}, "read", key);
	}

	Mono<Void> put(String key, byte[] value) {
		return call(() -> {
			this.cache.put(key, value);
			return null;
		}, "write", key).then();
	}

	Mono<Void> evict(String key) {
		return call(() -> {
			this.cache.evict(key);
			return null;
		}, "evict", key).then();
	}

	private <T> Mono<T> call(Callable<@Nullable T> work, String what, String key) {
		Mono<T> call = Mono.fromCallable(work);
		if (!this.inMemory) {
			call = call.subscribeOn(Schedulers.boundedElastic());
		}
		return call.onErrorResume(ex -> {
			// the key is not logged: its URI may carry credentials in the query
			logger.warn("dio cache '{}': could not {} an entry; the request goes on without the cache",
					this.cache.getName(), what, ex);
			return Mono.empty();
		});
	}

}
