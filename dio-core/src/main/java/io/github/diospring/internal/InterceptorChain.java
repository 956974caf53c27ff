package io.github.diospring.internal;

import java.util.List;
import java.util.function.Function;

import io.github.diospring.CancelToken;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.Interceptors;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import io.github.diospring.interceptor.ResponseInterceptorHandler;
import io.github.diospring.internal.InterceptorState.Rejected;
import io.github.diospring.internal.InterceptorState.Type;
import io.github.diospring.retry.RetryInterceptor;
import reactor.core.publisher.Mono;

/**
 * dio 5's interceptor pipeline as one Reactor chain: every interceptor's {@code onRequest}, then
 * the dispatch (adapter and transformer), then every {@code onResponse}, then every
 * {@code onError}, all in insertion order. Each step runs only in the states dio allows it to
 * (see {@link InterceptorState.Type}); each step is raced against the cancel token. Handlers that
 * complete synchronously add no thread hop. With a {@link RetryInterceptor} in the chain, the
 * request steps after it and the dispatch form one attempt, which {@link RetryLoop} repeats.
 */
final class InterceptorChain {

	private InterceptorChain() {
	}

	@SuppressWarnings("unchecked")
	static Mono<Response<Object>> run(RequestOptions options, Interceptors guards, List<Interceptor> interceptors,
			RequestScope scope, Function<RequestOptions, Mono<Response<Object>>> dispatch) {
		int retryAt = indexOfRetry(interceptors);
		Mono<InterceptorState> chain = requestPhase(Mono.just(new InterceptorState(options, Type.NEXT)),
				interceptors.subList(0, retryAt + 1), scope, guards);
		List<Interceptor> perAttempt = interceptors.subList(retryAt + 1, interceptors.size());
		Function<RequestOptions, Mono<InterceptorState>> attempt = o -> requestPhase(
				Mono.just(new InterceptorState(o, Type.NEXT)), perAttempt, scope, guards)
			.flatMap(s -> (s.type == Type.NEXT) ? dispatchStep((RequestOptions) s.data, dispatch) : Mono.just(s));
		if (retryAt < 0) {
			chain = chain.flatMap(s -> (s.type == Type.NEXT) ? attempt.apply((RequestOptions) s.data) : Mono.just(s));
		}
		else {
			RetryInterceptor retry = (RetryInterceptor) interceptors.get(retryAt);
			chain = chain.flatMap(s -> (s.type == Type.NEXT)
					? RetryLoop.run(retry, (RequestOptions) s.data, scope, attempt) : Mono.just(s));
		}
		for (Interceptor interceptor : interceptors) {
			chain = chain.flatMap(s -> (s.type == Type.NEXT || s.type == Type.RESOLVE_CALL_FOLLOWING)
					? responseStep(interceptor, (Response<Object>) s.data, scope, guards) : Mono.just(s));
		}
		for (Interceptor interceptor : interceptors) {
			chain = chain.onErrorResume(error -> errorStep(interceptor, error, options, scope, guards));
		}
		return chain.map(s -> (Response<Object>) s.data)
			.onErrorMap(error -> (error instanceof Rejected r) ? r.error : DioException.from(options, error));
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

	private static Mono<InterceptorState> requestPhase(Mono<InterceptorState> start, List<Interceptor> interceptors,
			RequestScope scope, Interceptors guards) {
		Mono<InterceptorState> chain = start;
		for (Interceptor interceptor : interceptors) {
			chain = chain.flatMap(s -> (s.type == Type.NEXT)
					? requestStep(interceptor, (RequestOptions) s.data, scope, guards) : Mono.just(s));
		}
		return chain;
	}

	private static Mono<InterceptorState> requestStep(Interceptor interceptor, RequestOptions options,
			RequestScope scope, Interceptors guards) {
		Mono<InterceptorState> step = Mono.create(sink -> {
			HandlerSink handlerSink = new HandlerSink(sink, scope, options, interceptor, Type.REJECT_CALL_FOLLOWING);
			handlerSink.enterCallback();
			try {
				interceptor.onRequest(options, new RequestInterceptorHandler(handlerSink));
			}
			catch (Throwable ex) {
				handlerSink.failFromCallback(ex, options, Type.REJECT_CALL_FOLLOWING);
			}
			finally {
				handlerSink.leaveCallback();
			}
		});
		return raceCancel(guards.guard(interceptor, 0, step, options), options);
	}

	private static Mono<InterceptorState> dispatchStep(RequestOptions options,
			Function<RequestOptions, Mono<Response<Object>>> dispatch) {
		Mono<InterceptorState> step = Mono.defer(() -> dispatch.apply(options))
			.map(response -> new InterceptorState(response, Type.RESOLVE_CALL_FOLLOWING))
			.onErrorMap(error -> new Rejected(DioException.from(options, error), Type.REJECT_CALL_FOLLOWING));
		return raceCancel(step, options);
	}

	private static Mono<InterceptorState> responseStep(Interceptor interceptor, Response<Object> response,
			RequestScope scope, Interceptors guards) {
		RequestOptions options = response.requestOptions();
		Mono<InterceptorState> step = Mono.create(sink -> {
			HandlerSink handlerSink = new HandlerSink(sink, scope, options, interceptor, Type.REJECT_CALL_FOLLOWING);
			handlerSink.enterCallback();
			try {
				interceptor.onResponse(response, new ResponseInterceptorHandler(handlerSink));
			}
			catch (Throwable ex) {
				handlerSink.failFromCallback(ex, options, Type.REJECT_CALL_FOLLOWING);
			}
			finally {
				handlerSink.leaveCallback();
			}
		});
		return raceCancel(guards.guard(interceptor, 1, step, options), options);
	}

	private static Mono<InterceptorState> errorStep(Interceptor interceptor, Throwable error,
			RequestOptions requestOptions, RequestScope scope, Interceptors guards) {
		Rejected rejected = (error instanceof Rejected r) ? r
				: new Rejected(DioException.from(requestOptions, error), Type.NEXT);
		boolean runs = rejected.type == Type.NEXT || rejected.type == Type.REJECT_CALL_FOLLOWING
				|| rejected.error.type() == DioExceptionType.CANCEL;
		if (!runs) {
			return Mono.error(rejected);
		}
		// dio gives onError the trace the caller will get: where the request was made
		rejected.error.attachCallSite(scope.callSite());
		RequestOptions options = (rejected.error.requestOptions() != null) ? rejected.error.requestOptions()
				: requestOptions;
		Mono<InterceptorState> step = Mono.create(sink -> {
			HandlerSink handlerSink = new HandlerSink(sink, scope, options, interceptor, Type.NEXT);
			handlerSink.enterCallback();
			try {
				interceptor.onError(rejected.error, new ErrorInterceptorHandler(handlerSink));
			}
			catch (Throwable ex) {
				handlerSink.failFromCallback(ex, options, Type.NEXT);
			}
			finally {
				handlerSink.leaveCallback();
			}
		});
		return raceCancel(guards.guard(interceptor, 2, step, options), options);
	}

	/** dio races each step with {@code cancelToken.whenCancel}: a cancel fails the waiting step at once. */
	private static Mono<InterceptorState> raceCancel(Mono<InterceptorState> step, RequestOptions options) {
		CancelToken token = options.cancelToken();
		if (token == null) {
			return step;
		}
		Mono<InterceptorState> cancelled = token.whenCancel()
			.then(Mono.error(() -> DioException.requestCancelled(options, token.reason())));
		return Mono.firstWithSignal(step, cancelled);
	}

}
