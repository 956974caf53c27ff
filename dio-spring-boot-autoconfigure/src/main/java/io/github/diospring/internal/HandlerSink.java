package io.github.diospring.internal;

import java.util.concurrent.atomic.AtomicBoolean;

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

	HandlerSink(MonoSink<InterceptorState> sink, RequestScope scope) {
		this.sink = sink;
		this.scope = scope;
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
