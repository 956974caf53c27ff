package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.diospring.Dio;
import io.github.diospring.cache.CacheInterceptor;
import io.github.diospring.cache.CacheOptions;
import io.github.diospring.cache.MemoryCaches;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.LogInterceptor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;

/**
 * The built-in HTTP cache of one client, from {@code cache.*}: a {@link CacheInterceptor} on the
 * client's own in-memory store, or on a named cache of a Spring {@link CacheManager} (Redis...)
 * that every client and instance naming it shares. It joins the chain at
 * {@link CacheInterceptor#ORDER}, unless the chain already has a {@code CacheInterceptor} bean.
 */
final class ClientCache {

	private final ListableBeanFactory beans;

	private final Map<Interceptor, Integer> beanOrders = new IdentityHashMap<>();

	ClientCache(ListableBeanFactory beans) {
		this.beans = beans;
		beans.getBeansOfType(Interceptor.class).forEach((name, bean) -> {
			Order order = beans.findAnnotationOnBean(name, Order.class);
			this.beanOrders.put(bean, (bean instanceof Ordered ordered) ? ordered.getOrder()
					: (order != null) ? order.value() : Ordered.LOWEST_PRECEDENCE);
		});
	}

	List<Interceptor> apply(ClientSettings settings, List<Interceptor> chain) {
		if (!Boolean.TRUE.equals(settings.pick(p -> p.getCache().getEnabled()))
				|| chain.stream().anyMatch(CacheInterceptor.class::isInstance)) {
			return chain;
		}
		List<Interceptor> result = new ArrayList<>(chain);
		int at = 0;
		while (at < result.size() && order(result.get(at)) <= CacheInterceptor.ORDER) {
			at++;
		}
		result.add(at, new CacheInterceptor(options(settings)));
		return result;
	}

	private int order(Interceptor interceptor) {
		Integer order = this.beanOrders.get(interceptor);
		if (order != null) {
			return order;
		}
		if (interceptor instanceof CookieManager) {
			return CookieManager.ORDER;
		}
		if (interceptor instanceof ErrorAdaptorInterceptor) {
			return ErrorAdaptorInterceptor.ORDER;
		}
		if (interceptor instanceof LogInterceptor) {
			return LogInterceptor.ORDER;
		}
		return (interceptor instanceof Ordered ordered) ? ordered.getOrder() : Ordered.LOWEST_PRECEDENCE;
	}

	private CacheOptions options(ClientSettings s) {
		long maxEntries = positive(s, "max-entries", p -> p.getCache().getMaxEntries(), 1000L);
		long maxSize = positive(s, "max-size", p -> size(p.getCache().getMaxSize()), DataSize.ofMegabytes(10).toBytes());
		long maxEntrySize = positive(s, "max-entry-size", p -> size(p.getCache().getMaxEntrySize()),
				CacheOptions.DEFAULT_MAX_ENTRY_SIZE);
		Duration maxStale = notNegative(s, "max-stale", p -> p.getCache().getMaxStale());
		Duration heuristicMaxAge = notNegative(s, "heuristic-max-age", p -> p.getCache().getHeuristicMaxAge());
		Double fraction = s.pick(p -> p.getCache().getHeuristicFraction());
		if (fraction != null && !(fraction >= 0 && fraction <= 1)) {
			throw new DioConfigurationException(property(s, "heuristic-fraction", p -> p.getCache().getHeuristicFraction()),
					fraction, "is not between 0 and 1", "Use 0 (off) or a fraction such as 0.1, as RFC 9111 suggests.");
		}
		List<Integer> codes = s.pick(p -> p.getCache().getHitCacheOnErrorCodes());
		for (int code : (codes != null) ? codes : List.<Integer>of()) {
			if (code < 100 || code > 599) {
				throw new DioConfigurationException(property(s, "hit-cache-on-error-codes",
						p -> p.getCache().getHitCacheOnErrorCodes()), codes, "holds " + code + ", which is not an HTTP status",
						"List statuses between 100 and 599, such as 500, 502, 503, 504.");
			}
		}
		CacheOptions.Builder options = CacheOptions.builder(store(s, maxEntries, maxSize))
			.maxEntrySize(maxEntrySize)
			.maxStale(maxStale)
			.hitCacheOnErrorCodes((codes != null) ? Set.copyOf(codes) : Set.of())
			.hitCacheOnNetworkFailure(Boolean.TRUE.equals(s.pick(p -> p.getCache().getHitCacheOnNetworkFailure())))
			.heuristicFraction((fraction != null) ? fraction : 0)
			.allowAuthorization(Boolean.TRUE.equals(s.pick(p -> p.getCache().getAllowAuthorization())))
			.cacheStreams(Boolean.TRUE.equals(s.pick(p -> p.getCache().getCacheStreams())));
		if (heuristicMaxAge != null) {
			options.heuristicMaxAge(heuristicMaxAge);
		}
		if (s.pick(p -> p.getCache().getPolicy()) != null) {
			options.policy(s.pick(p -> p.getCache().getPolicy()));
		}
		return options.build();
	}

	private Cache store(ClientSettings s, long maxEntries, long maxSize) {
		String name = s.pick(p -> p.getCache().getStore());
		if (name == null) {
			try {
				return MemoryCaches.create("dio-" + s.name, maxEntries, maxSize);
			}
			catch (IllegalStateException ex) {
				throw new DioConfigurationException(property(s, "enabled", p -> p.getCache().getEnabled()), true,
						"needs an in-memory store, and Caffeine is not on the class path",
						"Add com.github.ben-manes.caffeine:caffeine and org.springframework:spring-context-support "
								+ "(Spring Boot manages their versions), or set cache.store to a cache of a Spring CacheManager.");
			}
		}
		CacheManager manager = cacheManager(s, name);
		Cache cache = manager.getCache(name);
		if (cache == null) {
			throw new DioConfigurationException(property(s, "store", p -> p.getCache().getStore()), name,
					"is not a cache of the CacheManager " + manager.getCacheNames(),
					"Add it to the CacheManager (with Spring Boot: spring.cache.cache-names) or use one of its caches.");
		}
		return cache;
	}

	private CacheManager cacheManager(ClientSettings s, String store) {
		String bean = s.pick(p -> p.getCache().getCacheManager());
		if (bean != null) {
			if (!this.beans.containsBean(bean) || !this.beans.isTypeMatch(bean, CacheManager.class)) {
				throw new DioConfigurationException(property(s, "cache-manager", p -> p.getCache().getCacheManager()),
						bean, "is not the name of a CacheManager bean",
						"Use one of " + List.of(this.beans.getBeanNamesForType(CacheManager.class)) + ", or remove it.");
			}
			return this.beans.getBean(bean, CacheManager.class);
		}
		CacheManager manager = this.beans.getBeanProvider(CacheManager.class).getIfUnique();
		if (manager == null) {
			throw new DioConfigurationException(property(s, "store", p -> p.getCache().getStore()), store,
					"needs one CacheManager bean, and there is none or several without a primary one",
					"Enable Spring's caching (spring-boot-starter-cache and @EnableCaching; for Redis also "
							+ "spring-boot-starter-data-redis), name the CacheManager with cache.cache-manager, "
							+ "or remove cache.store to cache in memory.");
		}
		return manager;
	}

	private static long positive(ClientSettings s, String kebab, Function<DioClientProperties, @Nullable Long> getter,
			long fallback) {
		Long value = s.pick(getter);
		if (value != null && value <= 0) {
			throw new DioConfigurationException(property(s, kebab, getter::apply), value, "is not positive",
					"Use a positive value, or remove it for the default.");
		}
		return (value != null) ? value : fallback;
	}

	private static @Nullable Duration notNegative(ClientSettings s, String kebab,
			Function<DioClientProperties, @Nullable Duration> getter) {
		Duration value = s.pick(getter);
		if (value != null && value.isNegative()) {
			throw new DioConfigurationException(property(s, kebab, getter::apply), value, "is negative",
					"Use a positive duration such as 1h, or remove it.");
		}
		return value;
	}

	private static @Nullable Long size(@Nullable DataSize size) {
		return (size != null) ? size.toBytes() : null;
	}

	private static String property(ClientSettings s, String kebab, Function<DioClientProperties, @Nullable Object> getter) {
		return s.property("cache." + kebab, getter);
	}

	/** What {@code /actuator/dio} shows of a client's cache: its settings, its store and its counts. */
	static Map<String, Object> describe(Dio dio) {
		for (Interceptor interceptor : dio.interceptors()) {
			if (interceptor instanceof CacheInterceptor cache) {
				CacheOptions options = cache.options();
				Map<String, Object> described = new LinkedHashMap<>();
				described.put("store", options.store().getName());
				described.put("storeType", options.store().getClass().getSimpleName());
				long size = MemoryCaches.estimatedSize(options.store());
				if (size >= 0) {
					described.put("entries", size);
				}
				described.put("policy", options.policy().name());
				described.put("maxEntrySize", options.maxEntrySize());
				described.put("maxStale", String.valueOf(options.maxStale()));
				described.put("hitCacheOnErrorCodes", options.hitCacheOnErrorCodes().stream().sorted().toList());
				described.put("hitCacheOnNetworkFailure", options.hitCacheOnNetworkFailure());
				described.put("heuristicFraction", options.heuristicFraction());
				described.put("allowAuthorization", options.allowAuthorization());
				described.put("cacheStreams", options.cacheStreams());
				described.put("statistics", cache.statistics().asMap());
				return described;
			}
		}
		return Map.of("enabled", false);
	}

}
