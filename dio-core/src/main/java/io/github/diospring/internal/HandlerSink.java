package io.github.diospring.internal;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.MonoSink;
import reactor.util.context.ContextView;

/**
 * Where an interceptor handler's outcome goes: completes one step of the chain, exactly once.
 * While the interceptor's callback is running, the outcome is held back and released when the
 * callback returns, so a second completion made during the callback (the usual mistake:
 * {@code resolve} then {@code next}) always fails the request with {@link #ALREADY_CALLED}, however
 * fast the rest of the request would have finished. A second completion made later, from other
 * work, fails the request if it is still running; either way it throws to the caller, as dio's
 * handlers do.
 */
public final class HandlerSink {

	private static final Logger logger = LoggerFactory.getLogger(HandlerSink.class);

	static final String ALREADY_CALLED = "The handler has already been called; make sure each handler "
			+ "(next, resolve or reject) is called exactly once per interceptor callback.";

	private final MonoSink<InterceptorState> sink;

	private final RequestScope scope;

	private final RequestOptions options;

	private final String interceptor;

	private final InterceptorState.Type onThrow;

	/** Guarded by this. */
	private boolean done;

	/** Guarded by this: whether the interceptor's callback has not returned yet. */
	private boolean inCallback;

	/** Guarded by this: the outcome waiting for the callback to return. */
	private @Nullable Runnable pending;

	private Disposable.@Nullable Composite work;

	HandlerSink(MonoSink<InterceptorState> sink, RequestScope scope, RequestOptions options, Object interceptor,
			InterceptorState.Type onThrow) {
		this.sink = sink;
		this.scope = scope;
		this.options = options;
		this.interceptor = interceptor.getClass().getName();
		this.onThrow = onThrow;
	}

	/** The interceptor's callback starts: outcomes wait until {@link #leaveCallback()}. */
	synchronized void enterCallback() {
		this.inCallback = true;
	}

	/** The interceptor's callback returned (or threw): releases its outcome, if it gave one. */
	void leaveCallback() {
		Runnable outcome;
		synchronized (this) {
			this.inCallback = false;
			outcome = this.pending;
			this.pending = null;
		}
		if (outcome != null) {
			outcome.run();
		}
	}

	/**
	 * Watches a callback's asynchronous work, as dio watches the Future an async callback returns:
	 * an error it ends with counts as an exception thrown by the callback, and work that ends
	 * without completing the handler fails the request instead of leaving it hanging. Cancelling
	 * the request cancels the work.
	 * @param work the work
	 */
	public void observe(Publisher<?> work) {
		Disposable.Composite composite;
		synchronized (this) {
			if (this.work == null) {
				this.work = Disposables.composite();
				this.sink.onCancel(this.work);
			}
			composite = this.work;
		}
		composite.add(Flux.from(work).subscribe(value -> {
		}, error -> failFromCallback(error, this.options, this.onThrow), () -> {
			if (!isDone()) {
				failFromCallback(new IllegalStateException("Interceptor " + this.interceptor
						+ " finished its asynchronous work without calling next, resolve or reject"), this.options,
						this.onThrow);
			}
		}));
	}

	/**
	 * @return the Reactor context of the request (what the caller's subscription carried: the
	 * inbound web exchange, the trace...)
	 */
	public ContextView contextView() {
		return this.sink.contextView();
	}

	/**
	 * Continues the chain.
	 * @param data the options or response to continue with
	 * @param type the outcome
	 * @throws IllegalStateException when the handler was already completed
	 */
	public void complete(Object data, InterceptorState.Type type) {
		settle(() -> this.sink.success(new InterceptorState(data, type)));
	}

	/**
	 * Fails the step.
	 * @param error the error
	 * @param type {@code NEXT}, {@code REJECT} or {@code REJECT_CALL_FOLLOWING}
	 * @throws IllegalStateException when the handler was already completed
	 */
	public void fail(DioException error, InterceptorState.Type type) {
		settle(() -> this.sink.error(new InterceptorState.Rejected(error, type)));
	}

	/** @return whether the handler was completed */
	synchronized boolean isDone() {
		return this.done;
	}

	/** An exception escaped the callback: reject with it unless the handler was already completed. */
	void failFromCallback(Throwable error, RequestOptions options, InterceptorState.Type type) {
		Runnable outcome = () -> this.sink.error(new InterceptorState.Rejected(DioException.from(options, error), type));
		synchronized (this) {
			if (this.done) {
				if (!(error instanceof IllegalStateException ise && ALREADY_CALLED.equals(ise.getMessage()))) {
					logger.warn("An interceptor threw after completing its handler; the request ignores it", error);
				}
				return;
			}
			this.done = true;
			if (this.inCallback) {
				this.pending = outcome;
				return;
			}
		}
		outcome.run();
	}

	private void settle(Runnable outcome) {
		boolean misusedLater;
		synchronized (this) {
			if (!this.done) {
				this.done = true;
				if (this.inCallback) {
					this.pending = outcome;
					return;
				}
				misusedLater = false;
			}
			else if (this.inCallback) {
				// the first outcome has not left yet: replace it, the request fails whatever the timing
				IllegalStateException error = new IllegalStateException(ALREADY_CALLED);
				this.pending = () -> this.sink.error(
						new InterceptorState.Rejected(DioException.from(this.options, error), this.onThrow));
				throw error;
			}
			else {
				misusedLater = true;
			}
		}
		if (misusedLater) {
			IllegalStateException error = new IllegalStateException(ALREADY_CALLED);
			this.scope.fail(error);
			throw error;
		}
		outcome.run();
	}

}
