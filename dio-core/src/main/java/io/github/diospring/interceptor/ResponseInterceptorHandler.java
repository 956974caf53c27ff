package io.github.diospring.interceptor;

import io.github.diospring.DioException;
import io.github.diospring.Response;
import io.github.diospring.internal.HandlerSink;
import io.github.diospring.internal.InterceptorState.Type;

/**
 * Completes an {@link Interceptor#onResponse} callback; call exactly one method, once.
 *
 * <pre>{@code
 * (response, handler) -> handler.next(response.withData(unwrap(response.data())))
 * }</pre>
 */
public final class ResponseInterceptorHandler {

	private final HandlerSink sink;

	/**
	 * Made by the request pipeline.
	 * @param sink where the outcome goes
	 */
	public ResponseInterceptorHandler(HandlerSink sink) {
		this.sink = sink;
	}

	/**
	 * Passes the response to the next interceptor.
	 * @param response the response (may be a changed copy)
	 */
	public void next(Response<?> response) {
		this.sink.complete(response, Type.NEXT);
	}

	/**
	 * Finishes with this response; the remaining response interceptors are skipped.
	 * @param response the response
	 */
	public void resolve(Response<?> response) {
		this.sink.complete(response, Type.RESOLVE);
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
