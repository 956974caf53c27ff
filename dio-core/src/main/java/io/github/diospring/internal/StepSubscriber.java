package io.github.diospring.internal;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.internal.InterceptorState.Rejected;
import io.github.diospring.internal.InterceptorState.Type;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.util.context.Context;

/**
 * The run's subscriber to a step that is a Mono: the dispatch, the retry loop, a guarded
 * interceptor step. It carries the caller's context to the step.
 */
final class StepSubscriber implements CoreSubscriber<Object> {

	private final ChainRun<?> run;

	private final RequestOptions options;

	/** Whether the step is the exchange itself, whose value is the response and whose errors call following. */
	private final boolean exchange;

	/** Whether a cancel token fails the step at once; not the retry loop, whose attempts are raced. */
	final boolean raced;

	private volatile @Nullable Subscription subscription;

	private volatile boolean cancelled;

	private boolean valued;

	StepSubscriber(ChainRun<?> run, RequestOptions options, boolean exchange, boolean raced) {
		this.run = run;
		this.options = options;
		this.exchange = exchange;
		this.raced = raced;
	}

	@Override
	public Context currentContext() {
		return this.run.currentContext();
	}

	@Override
	public void onSubscribe(Subscription s) {
		this.subscription = s;
		if (this.cancelled) {
			s.cancel();
		}
		else {
			s.request(Long.MAX_VALUE);
		}
	}

	@Override
	public void onNext(Object value) {
		this.valued = true;
		if (this.exchange) {
			this.run.accept(this, value, Type.RESOLVE_CALL_FOLLOWING, null, false);
		}
		else {
			InterceptorState state = (InterceptorState) value;
			this.run.accept(this, state.data, state.type, null, false);
		}
	}

	@Override
	public void onError(Throwable error) {
		Throwable failure = this.exchange
				? new Rejected(DioException.from(this.options, error), Type.REJECT_CALL_FOLLOWING) : error;
		this.run.accept(this, null, null, failure, false);
	}

	@Override
	public void onComplete() {
		if (!this.valued) {
			// an adapter or exchange decorator that completed empty: the caller reports it
			this.run.accept(this, null, null, null, true);
		}
	}

	void cancel() {
		this.cancelled = true;
		Subscription s = this.subscription;
		if (s != null) {
			s.cancel();
		}
	}

}
