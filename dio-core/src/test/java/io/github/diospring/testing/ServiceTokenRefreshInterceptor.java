package io.github.diospring.testing;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.interceptor.QueuedInterceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import reactor.core.publisher.Mono;

/**
 * A client with one identity (a service account): refreshes its token once for many
 * concurrent 401s, the queue holding the others back, then retries each request.
 *
 * <pre>{@code
 * dio.interceptors().add(new ServiceTokenRefreshInterceptor(dio, tokenDio));
 * }</pre>
 */
public class ServiceTokenRefreshInterceptor extends QueuedInterceptor {

	private final Dio dio;          // the client this interceptor is added to

	private final Dio tokenDio;     // a separate client for the refresh call

	private volatile String token = "expired";

	public ServiceTokenRefreshInterceptor(Dio dio, Dio tokenDio) {
		this.dio = dio;
		this.tokenDio = tokenDio;
	}

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		handler.next(options.withHeader("Authorization", "Bearer " + this.token));
	}

	@Override
	public void onError(DioException error, ErrorInterceptorHandler handler) {
		RequestOptions failed = error.requestOptions();
		boolean unauthorized = error.response() != null && error.response().statusCode() == 401;
		if (!unauthorized || failed.extra().containsKey("retried")) {
			handler.next(error);
			return;
		}
		boolean stale = failed.headers().value("Authorization").equals("Bearer " + this.token);
		Mono<String> fresh = stale
				? this.tokenDio.post("/refresh", null, Token.class).map(r -> this.token = r.data().token())
				: Mono.just(this.token);
		handler.observe(fresh
				.flatMap(t -> this.dio.fetch(failed.copyWith(r -> r.header("Authorization", "Bearer " + t)
						.extra("retried", true))))
				.doOnNext(handler::resolve)
				.onErrorResume(DioException.class, e -> {
					handler.reject(e);
					return Mono.empty();
				}));
	}

	/** @param token what the refresh endpoint answers */
	public record Token(String token) {
	}

}
