package io.github.diospring.internal;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.MonoSink;

/**
 * One request's life: lets a misused handler fail the request from outside the chain, and
 * remembers what the transformer decoded so the final conversion does not decode twice.
 */
final class RequestScope {

	private final RequestOptions options;

	private volatile @Nullable MonoSink<?> outer;

	private volatile @Nullable Disposable chain;

	volatile @Nullable Object decodedData;

	RequestScope(RequestOptions options) {
		this.options = options;
	}

	void attach(MonoSink<?> outer, Disposable chain) {
		this.outer = outer;
		this.chain = chain;
	}

	void fail(Throwable error) {
		MonoSink<?> sink = this.outer;
		Disposable running = this.chain;
		if (sink != null) {
			sink.error(DioException.from(this.options, error));
		}
		if (running != null) {
			running.dispose();
		}
	}

}
