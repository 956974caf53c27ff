package io.github.diospring.internal;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.internal.InterceptorState.Rejected;
import io.github.diospring.internal.InterceptorState.Type;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
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

	/** Where a step's outcome is delivered: the chain itself, or a Reactor sink for a guarded step. */
	interface Target {

		void succeeded(HandlerSink step, Object data, Type type);

		void failed(HandlerSink step, Throwable error);

		ContextView contextView();

		/** The step's asynchronous work, to cancel when the step is cancelled. */
		void watch(Disposable work);

	}

	private final Target target;

	private final RequestScope scope;

	private final RequestOptions options;

	private final Object interceptor;

	private final Type onThrow;

	/** Guarded by this. */
	private boolean done;

	/** Guarded by this: whether the interceptor's callback has not returned yet. */
	private boolean inCallback;

	/** Guarded by this: whether the request stopped waiting for this step (cancelled). */
	private boolean abandoned;

	/**
	 * Guarded by this: the outcome waiting for the callback to return, as fields rather than a
	 * closure, so that a synchronous interceptor costs no allocation beyond its handler.
	 */
	private boolean pending;

	private @Nullable Object pendingData;

	private @Nullable Type pendingType;

	private @Nullable Throwable pendingError;

	/** Guarded by this. */
	private Disposable.@Nullable Composite work;

	HandlerSink(Target target, RequestScope scope, RequestOptions options, Object interceptor, Type onThrow) {
		this.target = target;
		this.scope = scope;
		this.options = options;
		this.interceptor = interceptor;
		this.onThrow = onThrow;
	}

	/** The interceptor's callback starts: outcomes wait until {@link #leaveCallback()}. */
	synchronized void enterCallback() {
		this.inCallback = true;
	}

	/** The interceptor's callback returned (or threw): releases its outcome, if it gave one. */
	void leaveCallback() {
		Object data;
		Type type;
		Throwable error;
		synchronized (this) {
			this.inCallback = false;
			if (!this.pending) {
				return;
			}
			data = this.pendingData;
			type = this.pendingType;
			error = this.pendingError;
			this.pending = false;
			this.pendingData = null;
			this.pendingType = null;
			this.pendingError = null;
		}
		deliver(data, type, error);
	}

	/** The request no longer waits for this step: cancels the work it watches. */
	void abandon() {
		Disposable running;
		synchronized (this) {
			this.abandoned = true;
			running = this.work;
		}
		if (running != null) {
			running.dispose();
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
		boolean fresh = false;
		synchronized (this) {
			if (this.work == null) {
				this.work = Disposables.composite();
				fresh = true;
				if (this.abandoned) {
					this.work.dispose();
				}
			}
			composite = this.work;
		}
		if (fresh) {
			this.target.watch(composite);
		}
		composite.add(Flux.from(work).subscribe(value -> {
		}, error -> failFromCallback(error, this.options, this.onThrow), () -> {
			if (!isDone()) {
				failFromCallback(new IllegalStateException("Interceptor " + this.interceptor.getClass().getName()
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
		return this.target.contextView();
	}

	/**
	 * Continues the chain.
	 * @param data the options or response to continue with
	 * @param type the outcome
	 * @throws IllegalStateException when the handler was already completed
	 */
	public void complete(Object data, Type type) {
		settle(data, type, null);
	}

	/**
	 * Fails the step.
	 * @param error the error
	 * @param type {@code NEXT}, {@code REJECT} or {@code REJECT_CALL_FOLLOWING}
	 * @throws IllegalStateException when the handler was already completed
	 */
	public void fail(DioException error, Type type) {
		settle(null, null, new Rejected(error, type));
	}

	/** @return whether the handler was completed */
	synchronized boolean isDone() {
		return this.done;
	}

	/** An exception escaped the callback: reject with it unless the handler was already completed. */
	void failFromCallback(Throwable error, RequestOptions options, Type type) {
		synchronized (this) {
			if (this.done) {
				if (!(error instanceof IllegalStateException ise && ALREADY_CALLED.equals(ise.getMessage()))) {
					logger.warn("An interceptor threw after completing its handler; the request ignores it", error);
				}
				return;
			}
			this.done = true;
			if (this.inCallback) {
				hold(null, null, new Rejected(DioException.from(options, error), type));
				return;
			}
		}
		deliver(null, null, new Rejected(DioException.from(options, error), type));
	}

	private void settle(@Nullable Object data, @Nullable Type type, @Nullable Throwable error) {
		boolean misusedLater;
		synchronized (this) {
			if (!this.done) {
				this.done = true;
				if (this.inCallback) {
					hold(data, type, error);
					return;
				}
				misusedLater = false;
			}
			else if (this.inCallback) {
				// the first outcome has not left yet: replace it, the request fails whatever the timing
				IllegalStateException misuse = new IllegalStateException(ALREADY_CALLED);
				hold(null, null, new Rejected(DioException.from(this.options, misuse), this.onThrow));
				throw misuse;
			}
			else {
				misusedLater = true;
			}
		}
		if (misusedLater) {
			IllegalStateException misuse = new IllegalStateException(ALREADY_CALLED);
			this.scope.fail(misuse);
			throw misuse;
		}
		deliver(data, type, error);
	}

	/** Called holding the lock. */
	private void hold(@Nullable Object data, @Nullable Type type, @Nullable Throwable error) {
		this.pending = true;
		this.pendingData = data;
		this.pendingType = type;
		this.pendingError = error;
	}

	private void deliver(@Nullable Object data, @Nullable Type type, @Nullable Throwable error) {
		if (error != null) {
			this.target.failed(this, error);
		}
		else {
			this.target.succeeded(this, data, type);
		}
	}

}
