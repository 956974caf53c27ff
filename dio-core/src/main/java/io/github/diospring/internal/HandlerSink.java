package io.github.diospring.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.MonoSink;

/**
 * Where an interceptor handler's outcome goes: completes one step of the chain, exactly once.
 * A second completion throws to the caller and fails the request if it is still running.
 */
public final class HandlerSink {

	private static final Logger logger = LoggerFactory.getLogger(HandlerSink.class);

	static final String ALREADY_CALLED = "The handler has already been called; make sure each handler "
			+ "(next, resolve or reject) is called exactly once per interceptor callback.";

	private final MonoSink<InterceptorState> sink;

	private final RequestScope scope;

	private final AtomicBoolean done = new AtomicBoolean();

	private final RequestOptions options;

	private final String interceptor;

	private final InterceptorState.Type onThrow;

	private Disposable.@org.jspecify.annotations.Nullable Composite work;

	HandlerSink(MonoSink<InterceptorState> sink, RequestScope scope, RequestOptions options, Object interceptor,
			InterceptorState.Type onThrow) {
		this.sink = sink;
		this.scope = scope;
		this.options = options;
		this.interceptor = interceptor.getClass().getName();
		this.onThrow = onThrow;
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
			if (!this.done.get()) {
				failFromCallback(new IllegalStateException("Interceptor " + this.interceptor
						+ " finished its asynchronous work without calling next, resolve or reject"), this.options,
						this.onThrow);
			}
		}));
	}

	/**
	 * Continues the chain.
	 * @param data the options or response to continue with
	 * @param type the outcome
	 */
	public void complete(Object data, InterceptorState.Type type) {
		claim();
		this.sink.success(new InterceptorState(data, type));
	}

	/**
	 * Fails the step.
	 * @param error the error
	 * @param type {@code NEXT}, {@code REJECT} or {@code REJECT_CALL_FOLLOWING}
	 */
	public void fail(DioException error, InterceptorState.Type type) {
		claim();
		this.sink.error(new InterceptorState.Rejected(error, type));
	}

	/** @return whether the handler was completed */
	boolean isDone() {
		return this.done.get();
	}

	/** An exception escaped the callback: reject with it unless the handler was already completed. */
	void failFromCallback(Throwable error, RequestOptions options, InterceptorState.Type type) {
		if (this.done.compareAndSet(false, true)) {
			this.sink.error(new InterceptorState.Rejected(DioException.from(options, error), type));
		}
		else if (!(error instanceof IllegalStateException ise && ALREADY_CALLED.equals(ise.getMessage()))) {
			logger.warn("An interceptor threw after completing its handler; the request ignores it", error);
		}
	}

	private void claim() {
		if (!this.done.compareAndSet(false, true)) {
			IllegalStateException error = new IllegalStateException(ALREADY_CALLED);
			this.scope.fail(error);
			throw error;
		}
	}

}
