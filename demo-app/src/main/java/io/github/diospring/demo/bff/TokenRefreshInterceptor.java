package io.github.diospring.demo.bff;

import java.lang.reflect.Type;
import java.util.function.Supplier;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import reactor.core.publisher.Mono;

/**
 * Token refresh for a server that calls the upstream on behalf of many users: each request
 * carries the token of the user it is made for (from their web session, found through the call's
 * Reactor context); on a 401 that user's token is refreshed once — concurrent 401s of the same
 * user wait for that one refresh, other users are not held up — and the request is retried with
 * {@code fetch}. A retry that fails again is passed on, not retried forever. Not a
 * {@code QueuedInterceptor}: one queue for everybody would make every user wait for every other
 * user's refresh.
 *
 * <pre>{@code
 * builder.interceptor(new TokenRefreshInterceptor(tokens::getObject, () -> clients.get("secure")));
 * }</pre>
 */
public class TokenRefreshInterceptor implements Interceptor {

	private static final String RETRIED = "demo.retried";

	private final Supplier<TokenStore> tokens;

	private final Supplier<Dio> dio;

	/**
	 * @param tokens the users' tokens (looked up on use: the store needs a client built alongside this one)
	 * @param dio the client this interceptor belongs to, for the retry
	 */
	public TokenRefreshInterceptor(Supplier<TokenStore> tokens, Supplier<Dio> dio) {
		this.tokens = tokens;
		this.dio = dio;
	}

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		if (options.headers().value("Authorization") != null) {
			handler.next(options);   // a retry: it carries the token it was retried with
			return;
		}
		TokenStore store = this.tokens.get();
		handler.observe(store.session(handler.contextView()).doOnNext(session -> {
			String token = store.accessToken(session);
			handler.next((token != null) ? options.withHeader("Authorization", "Bearer " + token) : options);
		}));
	}

	@Override
	public void onError(DioException error, ErrorInterceptorHandler handler) {
		RequestOptions failed = error.requestOptions();
		boolean unauthorized = error.response() != null && error.response().statusCode() == 401;
		if (!unauthorized || failed.extra().containsKey(RETRIED)) {
			handler.next(error);
			return;
		}
		String sent = failed.headers().value("Authorization");
		String stale = (sent != null && sent.startsWith("Bearer ")) ? sent.substring(7) : null;
		TokenStore store = this.tokens.get();
		Type type = (failed.extra().get(RequestOptions.RESULT_TYPE) instanceof Type t) ? t : null;
		handler.observe(store.session(handler.contextView())
			.flatMap(session -> store.refresh(session, stale))
			.flatMap(token -> this.dio.get().fetch(failed.copyWith(r -> r.header("Authorization", "Bearer " + token)
				.extra(RETRIED, true)), type))
			.doOnNext(handler::resolve)
			.onErrorResume(DioException.class, e -> {
				handler.reject(e);
				return Mono.empty();
			}));
	}

}
