package io.github.diospring.internal;

import java.time.Duration;
import java.util.function.Function;

import io.github.diospring.CancelToken;
import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.internal.InterceptorState.Rejected;
import io.github.diospring.observation.DioObservationContext;
import io.github.diospring.retry.RetryAttempt;
import io.github.diospring.retry.RetryInterceptor;
import reactor.core.publisher.Mono;

/**
 * Runs one call's attempts for a {@link RetryInterceptor}: each attempt from the same options
 * (numbered in {@code extra}), the interceptor decides about each failure, and the wait between
 * attempts ends at once on cancellation. Errors keep their interceptor state, so the error phase
 * after the last attempt runs as it would without retries.
 */
final class RetryLoop {

	private RetryLoop() {
	}

	static Mono<InterceptorState> run(RetryInterceptor retry, RequestOptions options, RequestScope scope,
			Function<RequestOptions, Mono<InterceptorState>> attempt) {
		return Mono.defer(() -> {
			retry.recordRequest();
			return attempt(retry, options, RetryAttempt.FIRST, scope, attempt);
		});
	}

	private static Mono<InterceptorState> attempt(RetryInterceptor retry, RequestOptions options, RetryAttempt current,
			RequestScope scope, Function<RequestOptions, Mono<InterceptorState>> attempt) {
		// a first attempt goes as it is (RetryAttempt.of reads it as FIRST), unless it is a copy of an
		// earlier call's attempt (a token refresh re-sending a failed request) that still carries its number
		boolean numbered = current.isRetry() || options.extra().containsKey(RetryInterceptor.ATTEMPT);
		RequestOptions sent = numbered ? options.copyWith(b -> b.extra(RetryInterceptor.ATTEMPT, current)) : options;
		return attempt.apply(sent).onErrorResume(error -> {
			DioException failure = (error instanceof Rejected r) ? r.error : DioException.from(sent, error);
			Duration delay = retry.retryDelay(options, current, failure, RequestBodies.isReplayable(options));
			if (delay == null) {
				return Mono.error(error);
			}
			DioObservationContext observation = scope.observation;
			if (observation != null) {
				observation.attempts().incrementAndGet();
			}
			return sleep(delay, options).then(Mono.defer(() -> attempt(retry, options, current.next(failure), scope, attempt)));
		});
	}

	/** The backoff; a cancel token ends it at once, and so does unsubscribing (a whole-call timeout). */
	private static Mono<Void> sleep(Duration delay, RequestOptions options) {
		Mono<Void> wait = Mono.delay(delay).then();
		CancelToken token = options.cancelToken();
		if (token == null) {
			return wait;
		}
		return Mono.firstWithSignal(wait,
				token.whenCancel().then(Mono.error(() -> DioException.requestCancelled(options, token.reason()))));
	}

}
