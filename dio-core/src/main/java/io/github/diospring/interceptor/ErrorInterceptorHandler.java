package io.github.diospring.interceptor;

import io.github.diospring.DioException;
import io.github.diospring.Response;
import io.github.diospring.internal.HandlerSink;
import io.github.diospring.internal.InterceptorState.Type;

/**
 * Completes an {@link Interceptor#onError} callback; call exactly one method, once.
 *
 * <pre>{@code
 * (error, handler) -> error.type() == DioExceptionType.CONNECTION_ERROR
 *         ? handler.resolve(Response.of(error.requestOptions(), fallback))
 *         : handler.next(error)
 * }</pre>
 */
public final class ErrorInterceptorHandler {

	private final HandlerSink sink;

	/**
	 * Made by the request pipeline.
	 * @param sink where the outcome goes
	 */
	public ErrorInterceptorHandler(HandlerSink sink) {
		this.sink = sink;
	}

	/**
	 * Passes the error (or another one) to the next error interceptor.
	 * @param error the error
	 */
	public void next(DioException error) {
		this.sink.fail(error, Type.NEXT);
	}

	/**
	 * Recovers: the request succeeds with this response; no further interceptor runs.
	 * @param response the response
	 */
	public void resolve(Response<?> response) {
		this.sink.complete(response, Type.RESOLVE);
	}

	/**
	 * Fails the request now; the remaining error interceptors are skipped.
	 * @param error the error
	 */
	public void reject(DioException error) {
		reject(error, false);
	}

	/**
	 * Fails the request.
	 * @param error the error
	 * @param callFollowingErrorInterceptor whether the remaining error interceptors still run
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
