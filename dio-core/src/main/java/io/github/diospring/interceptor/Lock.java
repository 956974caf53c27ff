package io.github.diospring.interceptor;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One phase's lock of the original dio 2.x/3.x API ({@code interceptors.requestLock} and
 * friends): while it is locked, every request entering that phase's interceptors waits;
 * {@link #unlock()} lets them all go on, {@link #clear(String)} fails them. Requests already
 * inside an interceptor carry on. Kept for code ported from that API; {@link QueuedInterceptor}
 * is the modern, per-interceptor way to serialise work.
 *
 * <pre>{@code
 * dio.lock();                      // = dio.interceptors().requestLock().lock()
 * tokenDio.get("/token", Token.class)
 *         .doFinally(s -> dio.unlock())
 *         .subscribe(r -> { csrfToken = r.data().value(); handler.next(options.withHeader("csrfToken", csrfToken)); },
 *                    e -> handler.reject(DioException.from(options, e)));
 * }</pre>
 */
public final class Lock {

	private final String phase;

	private volatile Sinks.@Nullable Empty<Void> gate;

	Lock(String phase) {
		this.phase = phase;
	}

	/** Makes requests entering this phase wait, until {@link #unlock()} or {@link #clear(String)}. */
	public synchronized void lock() {
		if (this.gate == null) {
			this.gate = Sinks.empty();
		}
	}

	/** Lets every waiting request go on. */
	public synchronized void unlock() {
		Sinks.Empty<Void> g = this.gate;
		this.gate = null;
		if (g != null) {
			g.tryEmitEmpty();
		}
	}

	/**
	 * Unlocks and fails every waiting request.
	 * @param message the message of their {@link DioException}s
	 */
	public synchronized void clear(@Nullable String message) {
		Sinks.Empty<Void> g = this.gate;
		this.gate = null;
		if (g != null) {
			g.tryEmitError(new IllegalStateException((message != null) ? message : "cleared"));
		}
	}

	/** Unlocks and fails every waiting request with a default message. */
	public void clear() {
		clear(null);
	}

	/** @return whether requests entering this phase wait */
	public boolean isLocked() {
		return this.gate != null;
	}

	/**
	 * Runs a step once the lock is open (at once when it is not locked).
	 * @param <T> the step's value
	 * @param step the step
	 * @param options the request, for the error when the lock is cleared
	 * @return the gated step
	 */
	<T> Mono<T> gate(Mono<T> step, RequestOptions options) {
		// called when the request enters the step, so reading the gate now is reading it on entry
		Sinks.Empty<Void> g = this.gate;
		if (g == null) {
			return step;
		}
		return g.asMono()
			.onErrorMap(ex -> new DioException(DioExceptionType.UNKNOWN, options, null, ex.getMessage()
					+ " (the " + this.phase + " lock was cleared while this request waited)", null))
			.then(step);
	}

}
