package io.github.diospring.interceptor;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.internal.HandlerSink;
import io.github.diospring.internal.InterceptorState.Type;

/**
 * Completes an {@link Interceptor#onRequest} callback; call exactly one method, once.
 *
 * <pre>{@code
 * (options, handler) -> cache.containsKey(options.uri())
 *         ? handler.resolve(Response.of(options, cache.get(options.uri())))
 *         : handler.next(options)
 * }</pre>
 */
public final class RequestInterceptorHandler {

	private final HandlerSink sink;

	/**
	 * Made by the request pipeline.
	 * @param sink where the outcome goes
	 */
	public RequestInterceptorHandler(HandlerSink sink) {
		this.sink = sink;
	}

	/**
	 * Goes on to the next interceptor, then the network.
	 * @param options the request to continue with (may be a changed copy)
	 */
	public void next(RequestOptions options) {
		this.sink.complete(options, Type.NEXT);
	}

	/**
	 * Answers without the network; no response interceptor runs.
	 * @param response the answer
	 */
	public void resolve(Response<?> response) {
		resolve(response, false);
	}

	/**
	 * Answers without the network.
	 * @param response the answer
	 * @param callFollowingResponseInterceptor whether every interceptor's {@code onResponse} then
	 * runs, from the first one (as dio does; cache interceptors rely on it)
	 */
	public void resolve(Response<?> response, boolean callFollowingResponseInterceptor) {
		this.sink.complete(response, callFollowingResponseInterceptor ? Type.RESOLVE_CALL_FOLLOWING : Type.RESOLVE);
	}

	/**
	 * Fails the request; no error interceptor runs.
	 * @param error the error
	 */
	public void reject(DioException error) {
		reject(error, false);
	}

	/**
	 * Fails the request.
	 * @param error the error
	 * @param callFollowingErrorInterceptor whether every interceptor's {@code onError} then runs
	 */
	public void reject(DioException error, boolean callFollowingErrorInterceptor) {
		this.sink.fail(error, callFollowingErrorInterceptor ? Type.REJECT_CALL_FOLLOWING : Type.REJECT);
	}

	/**
	 * Lets the pipeline watch this callback's asynchronous work (dio observes the Future an async
	 * callback returns): if the work fails before the handler is completed, the failure counts as
	 * an exception thrown by the callback; if it ends without completing the handler, the request
	 * fails with a message naming the interceptor instead of hanging. Cancelling the request
	 * cancels the work.
	 * @param work the asynchronous work, which completes this handler along the way
	 */
	public void observe(org.reactivestreams.Publisher<?> work) {
		this.sink.observe(work);
	}

	/**
	 * The Reactor context the call was subscribed with, for interceptors that act on behalf of the
	 * caller (the inbound web request, its session, the trace). Work handed to {@link #observe}
	 * is subscribed without it: a retry made there passes on what it needs itself (in the
	 * request's {@code extra}, or with {@code contextWrite}).
	 * @return the request's Reactor context
	 */
	public reactor.util.context.ContextView contextView() {
		return this.sink.contextView();
	}

}
