package io.github.diospring.adapter;

import java.util.function.Function;

import io.github.diospring.RequestOptions;
import reactor.core.publisher.Mono;

/**
 * Wraps the network step of one request (okhttp's network interceptor): the adapter's exchange,
 * after every request interceptor and before the body is decoded. An interceptor puts one in the
 * request's extra under {@link #EXTRA_KEY} in {@code onRequest}; the pipeline then calls it with
 * the request exactly as it is sent. It may answer without the network (nothing is sent unless it
 * subscribes to an exchange), send the request with changed headers (conditional ones, say),
 * replace a response (closing the body it drops), or recover from a transport failure.
 * Whatever it emits is decoded by the transformer and passes through {@code validateStatus} and
 * the response interceptors exactly like a response from the network, so a body it supplies is
 * unwrapped, typed, observed and cancelled like a fresh one. The HTTP cache
 * ({@code io.github.diospring.cache.CacheInterceptor}) is built on it.
 *
 * <p>One decorator per request: to add another, wrap the one already there.
 *
 * <pre>{@code
 * ExchangeDecorator offline = (options, exchange) -> exchange.apply(options)
 *         .onErrorResume(DioException.class, e -> Mono.just(ResponseBody.fromString("{}", 200, Headers.empty())));
 * handler.next(options.copyWith(b -> b.extra(ExchangeDecorator.EXTRA_KEY, offline)));
 * }</pre>
 */
@FunctionalInterface
public interface ExchangeDecorator {

	/** Request extra key under which the pipeline looks for the decorator. */
	String EXTRA_KEY = "dio.exchangeDecorator";

	/**
	 * @param options the request as the interceptors left it
	 * @param exchange sends a request: {@code options} itself or a copy with changed headers (the
	 * body is already encoded); nothing is sent unless the result is subscribed
	 * @return the response to decode
	 */
	Mono<ResponseBody> decorate(RequestOptions options, Function<RequestOptions, Mono<ResponseBody>> exchange);

}
