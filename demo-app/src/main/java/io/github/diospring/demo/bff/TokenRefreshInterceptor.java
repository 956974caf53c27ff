package io.github.diospring.demo.bff;

import java.util.function.Supplier;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.interceptor.QueuedInterceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import reactor.core.publisher.Mono;

/**
 * Token refresh the way dio users write it: attach the token; on a 401, refresh it once (the
 * queue makes concurrent 401s wait for that one refresh) and retry the request with
 * {@code fetch}. A retry that fails again is passed on, not retried forever.
 *
 * <pre>{@code
 * builder.interceptor(new TokenRefreshInterceptor(tokens::getObject, () -> clients.get("secure")));
 * }</pre>
 */
public class TokenRefreshInterceptor extends QueuedInterceptor {

	private static final String RETRIED = "demo.retried";

	private final Supplier<TokenStore> tokens;

	private final Supplier<Dio> dio;

	/**
	 * @param tokens the token store (looked up on use: it needs a client built alongside this one)
	 * @param dio the client this interceptor belongs to, for the retry
	 */
	public TokenRefreshInterceptor(Supplier<TokenStore> tokens, Supplier<Dio> dio) {
		this.tokens = tokens;
		this.dio = dio;
	}

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		handler.next(options.withHeader("Authorization", "Bearer " + this.tokens.get().current()));
	}

	@Override
	public void onError(DioException error, ErrorInterceptorHandler handler) {
		RequestOptions failed = error.requestOptions();
		boolean unauthorized = error.response() != null && error.response().statusCode() == 401;
		if (!unauthorized || failed.extra().containsKey(RETRIED)) {
			handler.next(error);
			return;
		}
		boolean stale = ("Bearer " + this.tokens.get().current()).equals(failed.headers().value("Authorization"));
		Mono<String> token = stale ? this.tokens.get().refresh() : Mono.just(this.tokens.get().current());
		handler.observe(token
			.flatMap(t -> this.dio.get().fetch(failed.copyWith(r -> r.header("Authorization", "Bearer " + t).extra(RETRIED, true)),
					failed.extra().get(RequestOptions.RESULT_TYPE) instanceof java.lang.reflect.Type type ? type : null))
			.doOnNext(handler::resolve)
			.onErrorResume(DioException.class, e -> {
				handler.reject(e);
				return Mono.empty();
			}));
	}

}
