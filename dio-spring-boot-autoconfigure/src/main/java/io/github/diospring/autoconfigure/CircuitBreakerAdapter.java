package io.github.diospring.autoconfigure;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import io.github.diospring.adapter.HttpClientAdapter;
import io.github.diospring.adapter.RequestBody;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.retry.CircuitOpenException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A client's transport behind a resilience4j {@link CircuitBreaker}: every exchange (so every
 * retry attempt) asks the breaker for permission and reports its outcome — a transport error or a
 * 5xx status as a failure, anything else through the breaker's result predicate — and an open
 * breaker fails at once with a {@link CircuitOpenException}, without touching the network. A
 * cancelled exchange gives its permission back. All the state and every threshold are
 * resilience4j's.
 */
final class CircuitBreakerAdapter implements HttpClientAdapter {

	private final HttpClientAdapter delegate;

	private final CircuitBreaker circuitBreaker;

	CircuitBreakerAdapter(HttpClientAdapter delegate, CircuitBreaker circuitBreaker) {
		this.delegate = delegate;
		this.circuitBreaker = circuitBreaker;
	}

	CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	@Override
	public Mono<ResponseBody> fetch(RequestOptions options, @Nullable RequestBody body) {
		return Mono.defer(() -> {
			CircuitBreaker breaker = this.circuitBreaker;
			if (!breaker.tryAcquirePermission()) {
				return Mono.error(new CircuitOpenException(options, breaker.getName(), breaker.getState().name()));
			}
			long start = breaker.getCurrentTimestamp();
			TimeUnit unit = breaker.getTimestampUnit();
			AtomicBoolean reported = new AtomicBoolean();
			return this.delegate.fetch(options, body).doOnSuccess(response -> {
				if (reported.compareAndSet(false, true)) {
					long duration = breaker.getCurrentTimestamp() - start;
					if (response == null) {
						breaker.releasePermission();
					}
					else if (response.statusCode() >= 500) {
						breaker.onError(duration, unit, new DioException(DioExceptionType.BAD_RESPONSE, options, null,
								"status " + response.statusCode(), null));
					}
					else {
						breaker.onResult(duration, unit, response);
					}
				}
			}).doOnError(error -> {
				if (reported.compareAndSet(false, true)) {
					breaker.onError(breaker.getCurrentTimestamp() - start, unit, error);
				}
			}).doOnCancel(() -> {
				if (reported.compareAndSet(false, true)) {
					breaker.releasePermission();
				}
			});
		});
	}

	@Override
	public void close(boolean force) {
		this.delegate.close(force);
	}

}
