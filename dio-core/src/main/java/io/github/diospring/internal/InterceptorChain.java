package io.github.diospring.internal;

import java.util.List;
import java.util.function.Function;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.Interceptors;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import io.github.diospring.interceptor.ResponseInterceptorHandler;
import io.github.diospring.internal.InterceptorState.Type;
import io.github.diospring.retry.RetryInterceptor;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * dio 5's interceptor pipeline: every interceptor's {@code onRequest}, then the dispatch (adapter
 * and transformer), then every {@code onResponse}, then every {@code onError}, all in insertion
 * order. Each step runs only in the states dio allows it to (see {@link InterceptorState.Type});
 * a cancel token fails the waiting step at once.
 * <p>
 * This Mono holds what one request's chain is made of; each subscription runs it as a small state
 * machine ({@link ChainRun}) rather than as a Reactor pipeline assembled per request: it calls each
 * interceptor itself and allocates only the handler objects, so a request through synchronous
 * interceptors runs on the calling thread and costs little more than the dispatch. A step that must
 * wait (a {@code QueuedInterceptor}, a locked phase, the dispatch) is a Mono the machine subscribes
 * to with the caller's context ({@link StepSubscriber}). With a {@link RetryInterceptor} in the chain,
 * the request steps after it and the dispatch form one attempt, which {@link RetryLoop} repeats.
 */
final class InterceptorChain<T> extends Mono<T> {

	final RequestOptions options;

	final Interceptors guards;

	final List<Interceptor> requestSteps;

	/** Empty for one attempt of a retried request: its responses and errors go back to the loop. */
	final List<Interceptor> laterSteps;

	final RequestScope scope;

	final Function<RequestOptions, Mono<Response<Object>>> dispatch;

	final @Nullable RetryInterceptor retry;

	final List<Interceptor> perAttempt;

	/** Whether this is one attempt of a retried request, which ends with a state, not a response. */
	final boolean attempt;

	private InterceptorChain(RequestOptions options, Interceptors guards, List<Interceptor> requestSteps,
			List<Interceptor> laterSteps, RequestScope scope, Function<RequestOptions, Mono<Response<Object>>> dispatch,
			@Nullable RetryInterceptor retry, List<Interceptor> perAttempt, boolean attempt) {
		this.options = options;
		this.guards = guards;
		this.requestSteps = requestSteps;
		this.laterSteps = laterSteps;
		this.scope = scope;
		this.dispatch = dispatch;
		this.retry = retry;
		this.perAttempt = perAttempt;
		this.attempt = attempt;
	}

	static Mono<Response<Object>> run(RequestOptions options, Interceptors guards, List<Interceptor> interceptors,
			RequestScope scope, Function<RequestOptions, Mono<Response<Object>>> dispatch) {
		int retryAt = indexOfRetry(interceptors);
		if (retryAt < 0) {
			return onAssembly(new InterceptorChain<>(options, guards, interceptors, interceptors, scope, dispatch, null,
					List.of(), false));
		}
		return onAssembly(new InterceptorChain<>(options, guards, interceptors.subList(0, retryAt + 1), interceptors,
				scope, dispatch, (RetryInterceptor) interceptors.get(retryAt),
				interceptors.subList(retryAt + 1, interceptors.size()), false));
	}

	/** One attempt of a retried request: the request steps after the retry interceptor, then the dispatch. */
	Mono<InterceptorState> attempt(RequestOptions sent) {
		return onAssembly(new InterceptorChain<>(sent, this.guards, this.perAttempt, List.of(), this.scope,
				this.dispatch, null, List.of(), true));
	}

	/** The first {@link RetryInterceptor}, from which on each attempt runs again; -1 when none. */
	private static int indexOfRetry(List<Interceptor> interceptors) {
		for (int i = 0; i < interceptors.size(); i++) {
			if (interceptors.get(i) instanceof RetryInterceptor) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		ChainRun<T> run = new ChainRun<>(this, actual);
		actual.onSubscribe(run);
		run.start();
	}

	static void callRequest(Interceptor interceptor, RequestOptions options, HandlerSink step) {
		step.enterCallback();
		try {
			interceptor.onRequest(options, new RequestInterceptorHandler(step));
		}
		catch (Throwable ex) {
			step.failFromCallback(ex, options, Type.REJECT_CALL_FOLLOWING);
		}
		finally {
			step.leaveCallback();
		}
	}

	static void callResponse(Interceptor interceptor, Response<Object> response, HandlerSink step) {
		step.enterCallback();
		try {
			interceptor.onResponse(response, new ResponseInterceptorHandler(step));
		}
		catch (Throwable ex) {
			step.failFromCallback(ex, response.requestOptions(), Type.REJECT_CALL_FOLLOWING);
		}
		finally {
			step.leaveCallback();
		}
	}

	static void callError(Interceptor interceptor, DioException error, RequestOptions options,
			HandlerSink step) {
		step.enterCallback();
		try {
			interceptor.onError(error, new ErrorInterceptorHandler(step));
		}
		catch (Throwable ex) {
			step.failFromCallback(ex, options, Type.NEXT);
		}
		finally {
			step.leaveCallback();
		}
	}

}
