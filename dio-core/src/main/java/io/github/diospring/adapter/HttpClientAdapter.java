package io.github.diospring.adapter;

import io.github.diospring.RequestOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The transport under dio (dio's {@code HttpClientAdapter}): performs one exchange, including any
 * redirects. The default is {@link ReactorNettyAdapter}; {@link WebClientAdapter} goes through Spring's WebClient; plug in another to use a
 * different HTTP stack, or a fake in tests.
 *
 * <p>Contract: emit a {@link ResponseBody} for <em>every</em> status (dio applies
 * {@code validateStatus}); enforce the connect, send and receive timeouts of the
 * {@link RequestOptions} and fail with typed {@link io.github.diospring.DioException}s; follow
 * redirects when {@code followRedirects} is on, up to {@code maxRedirects}, dropping credentials
 * when a redirect changes origin; abort the exchange and release the connection when the
 * subscription is cancelled.
 *
 * <pre>{@code
 * Dio dio = Dio.builder().adapter((options, body) -> Mono.just(
 *         ResponseBody.fromString("{\"ok\":true}", 200, Headers.of("content-type", "application/json"))))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface HttpClientAdapter {

	/**
	 * Performs the exchange when subscribed.
	 * @param options the request
	 * @param body the body, or {@code null} for none
	 * @return the response, body unread
	 */
	Mono<ResponseBody> fetch(RequestOptions options, @Nullable RequestBody body);

	/**
	 * Releases the transport's resources.
	 * @param force whether to abort exchanges in flight instead of letting them finish
	 */
	default void close(boolean force) {
	}

}
