package io.github.diospring.cache;

import java.util.function.Function;

import io.github.diospring.RequestOptions;
import io.github.diospring.adapter.ExchangeDecorator;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import reactor.core.publisher.Mono;

/**
 * An HTTP cache (dio_cache_interceptor, with RFC 9111's rules for a private cache) on any Spring
 * {@link org.springframework.cache.Cache}: in memory by default ({@link MemoryCaches}), or a
 * {@code CacheManager}'s cache such as Redis, shared by every instance of an application.
 * <ul>
 * <li>Only {@code GET} responses are stored, and only when their headers allow it: a cacheable
 * status, no {@code no-store}, and explicit freshness ({@code max-age}, {@code Expires}) or a
 * validator ({@code ETag}, {@code Last-Modified}). {@code private} is fine (this is a private
 * cache); {@code s-maxage} is ignored; heuristic freshness is off unless configured. Bodies over
 * {@link CacheOptions#maxEntrySize()} are not stored, nor {@code Set-Cookie} and hop-by-hop headers.</li>
 * <li>Responses to requests with {@code Authorization} are never stored unless
 * {@link CacheOptions#allowAuthorization()}; then each credential has its own entries (keyed by a
 * digest, never the credential).</li>
 * <li>A fresh entry answers without the network; a stale one with a validator is revalidated with
 * {@code If-None-Match} / {@code If-Modified-Since}, and a {@code 304} becomes the stored response
 * with its headers updated — one logical response for the caller, the interceptors and the metrics.</li>
 * <li>{@code Vary} is honoured: each combination of the request headers it names is its own entry.</li>
 * <li>Policies per request ({@link CachePolicy}) through {@code extra(CacheInterceptor.POLICY, ...)};
 * {@code max-stale} through {@link #MAX_STALE}; stale entries answer configured error statuses and
 * network failures ({@link CacheOptions#hitCacheOnErrorCodes()},
 * {@link CacheOptions#hitCacheOnNetworkFailure()}) unless they say {@code must-revalidate} or
 * {@code no-cache}.</li>
 * <li>A successful {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} evicts the URI's entries.</li>
 * <li>{@code STREAM} responses and downloads are not stored unless asked ({@link #CACHE_STREAM}).</li>
 * <li>A response the cache took part in says how: {@code response.extra().get(STATUS)} is a
 * {@link CacheStatus}, and the {@code x-dio-cache} header carries its name.</li>
 * </ul>
 *
 * <p>The cache works at the network step ({@link ExchangeDecorator}), on the request exactly as
 * it is sent after every interceptor changed it, and what it answers is decoded like a response
 * from the network: typed calls, the envelope's unwrapping, {@code validateStatus}, cancellation
 * and the observation behave the same for a cached answer. Its place in the chain therefore
 * matters little; Spring Boot puts it at {@link #ORDER}, before the log interceptor.
 *
 * <pre>{@code
 * dio.interceptors().add(new CacheInterceptor(CacheOptions.builder(MemoryCaches.create("dio", 1000, 10_000_000))
 *         .hitCacheOnNetworkFailure(true)
 *         .build()));
 * dio.get("/users/1", User.class).block();                                       // network, stored
 * dio.get("/users/1", User.class).block();                                       // from the cache
 * dio.get("/users/1", User.class, r -> r.extra(CacheInterceptor.POLICY, CachePolicy.REFRESH)).block();
 * }</pre>
 */
public class CacheInterceptor implements Interceptor {

	/**
	 * Where the auto-configuration puts it: after the cookie manager, the error adaptor and the
	 * application's ordered interceptors, before the log interceptor. Since the cache decides on the
	 * request as finally sent, an interceptor after it still changes what is cached (its headers
	 * are part of the key when they are {@code Authorization} or named by {@code Vary}).
	 */
	public static final int ORDER = ErrorAdaptorInterceptor.ORDER + 50;

	/** Request extra key: the {@link CachePolicy} of this request (or its name, {@code "refresh"}). */
	public static final String POLICY = "dio.cache.policy";

	/** Request extra key: a {@link java.time.Duration} replacing {@link CacheOptions#maxStale()} for this request. */
	public static final String MAX_STALE = "dio.cache.maxStale";

	/** Request extra key: {@code true} stores this {@code STREAM} response (or download) as it is read. */
	public static final String CACHE_STREAM = "dio.cache.stream";

	/** Response extra key: the {@link CacheStatus} of a response the cache took part in. */
	public static final String STATUS = "dio.cache";

	/** Response header carrying the {@link CacheStatus} name, for logs. */
	public static final String STATUS_HEADER = "x-dio-cache";

	private final CacheOptions options;

	private final CacheStatistics statistics = new CacheStatistics();

	private final CacheExchange exchange;

	/** @param options the store and settings */
	public CacheInterceptor(CacheOptions options) {
		this.options = options;
		this.exchange = new CacheExchange(options, new CacheEntries(new CacheStore(options.store())), this.statistics);
	}

	/** @return the settings */
	public CacheOptions options() {
		return this.options;
	}

	/** @return what this cache did so far */
	public CacheStatistics statistics() {
		return this.statistics;
	}

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		Object present = options.extra().get(ExchangeDecorator.EXTRA_KEY);
		boolean concerned = options.method().equals("GET") || CacheExchange.UNSAFE.contains(options.method());
		if (!concerned || present == this.exchange || (present instanceof Wrapping wrapping && wrapping.cache == this.exchange)) {
			// a request sent again (a retry through fetch) already carries this cache
			handler.next(options);
			return;
		}
		ExchangeDecorator decorator = (present instanceof ExchangeDecorator other) ? new Wrapping(this.exchange, other)
				: this.exchange;
		handler.next(options.copyWith(b -> b.extra(ExchangeDecorator.EXTRA_KEY, decorator)));
	}

	/** The cache around a decorator an earlier interceptor put there: the cache decides first. */
	private record Wrapping(CacheExchange cache, ExchangeDecorator inner) implements ExchangeDecorator {

		@Override
		public Mono<ResponseBody> decorate(RequestOptions options, Function<RequestOptions, Mono<ResponseBody>> exchange) {
			return this.cache.decorate(options, sent -> this.inner.decorate(sent, exchange));
		}

	}

	@Override
	public String toString() {
		return "CacheInterceptor[" + this.options.store().getName() + "]";
	}

}
