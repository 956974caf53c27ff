package io.github.diospring.interceptor;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;

/**
 * Sees every request, response and error of a {@link io.github.diospring.Dio}, with dio 5's
 * semantics: interceptors run in the order they were added in <em>every</em> phase (response and
 * error interceptors are not reversed); each callback must complete its handler exactly once, now
 * or later and from any thread, with {@code next}, {@code resolve} or {@code reject}. The defaults
 * pass everything on.
 *
 * <p>A handler completed during the callback takes effect when the callback returns, so calling a
 * second one in the same callback always fails the request with "The handler has already been
 * called" (and throws {@code IllegalStateException} at the second call), as dio does. Work that
 * goes on after the handler is completed belongs in {@code handler.observe(...)} or on another
 * thread, not in a blocking wait inside the callback.
 *
 * <p>An exception thrown by {@code onRequest} or {@code onResponse} rejects the request and runs
 * the error interceptors; one thrown by {@code onError} passes the new error on. A callback may
 * make other requests, on another {@code Dio} or on the same one.
 *
 * <p>Whoever replaces or short-circuits a response owns the body it drops: with
 * {@link io.github.diospring.ResponseType#STREAM}, close the unread
 * {@link io.github.diospring.adapter.ResponseBody}.
 *
 * <pre>{@code
 * class AuthInterceptor implements Interceptor {
 *     public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
 *         handler.next(options.withHeader("Authorization", "Bearer " + tokens.current()));
 *     }
 *     public void onError(DioException error, ErrorInterceptorHandler handler) {
 *         if (error.response() != null && error.response().statusCode() == 401) tokens.invalidate();
 *         handler.next(error);
 *     }
 * }
 * }</pre>
 */
public interface Interceptor {

	/**
	 * Called before the request is sent.
	 * @param options the request
	 * @param handler complete it once: {@code next(options)} to go on (possibly with changed
	 * options), {@code resolve(response)} to answer without the network, {@code reject(error)} to fail
	 */
	default void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		handler.next(options);
	}

	/**
	 * Called with each successful response; its data is already decoded.
	 * @param response the response
	 * @param handler complete it once: {@code next}, {@code resolve} (skip the remaining response
	 * interceptors) or {@code reject}
	 */
	default void onResponse(Response<Object> response, ResponseInterceptorHandler handler) {
		handler.next(response);
	}

	/**
	 * Called when the request failed (also for cancellations).
	 * @param error the error
	 * @param handler complete it once: {@code next} (pass on, possibly another error),
	 * {@code resolve} (recover with a response) or {@code reject} (stop here)
	 */
	default void onError(DioException error, ErrorInterceptorHandler handler) {
		handler.next(error);
	}

}
