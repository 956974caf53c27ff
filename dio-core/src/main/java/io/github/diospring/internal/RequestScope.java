package io.github.diospring.internal;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.observation.DioObservationContext;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.MonoSink;

/**
 * One request's life: lets a misused handler fail the request from outside the chain, knows where
 * the request was made, and remembers what the transformer decoded so the final conversion does
 * not decode twice.
 */
final class RequestScope {

	private final RequestOptions options;

	private final MonoSink<?> outer;

	private volatile @Nullable Disposable chain;

	private volatile boolean failed;

	volatile @Nullable Object decodedData;

	/** Counts the bytes of this request when it is observed. */
	final @Nullable DioObservationContext observation;

	private final CallSite callSite;

	RequestScope(RequestOptions options, MonoSink<?> outer, @Nullable DioObservationContext observation,
			CallSite callSite) {
		this.options = options;
		this.outer = outer;
		this.observation = observation;
		this.callSite = callSite;
	}

	/** @return the frames of the place the request was made, for the errors it raises */
	StackTraceElement[] callSite() {
		return this.callSite.userFrames();
	}

	/** The running chain; disposed at once if the request already failed while it started. */
	void running(Disposable chain) {
		this.chain = chain;
		if (this.failed) {
			chain.dispose();
		}
	}

	void fail(Throwable error) {
		this.failed = true;
		this.outer.error(DioException.from(this.options, error));
		Disposable running = this.chain;
		if (running != null) {
			running.dispose();
		}
	}

}
