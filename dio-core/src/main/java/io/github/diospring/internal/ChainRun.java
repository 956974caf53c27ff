package io.github.diospring.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.github.diospring.CancelToken;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.internal.InterceptorState.Rejected;
import io.github.diospring.internal.InterceptorState.Type;
import io.github.diospring.retry.RetryInterceptor;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;
import reactor.util.context.ContextView;

/**
 * One run of the chain. Steps complete through {@link #succeeded} and {@link #failed}, from the
 * interceptor's callback or later from any thread; only the step the run waits for is heard
 * ({@link #current}), and outcomes are processed in a drain loop, so a long chain of synchronous
 * steps does not grow the stack and two threads never move the run at once.
 */
final class ChainRun<T> extends Operators.MonoSubscriber<Object, T> implements HandlerSink.Target {

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<ChainRun, Object> CURRENT = AtomicReferenceFieldUpdater
		.newUpdater(ChainRun.class, Object.class, "current");

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<ChainRun> WIP = AtomicIntegerFieldUpdater.newUpdater(ChainRun.class,
			"wip");

	private static final int REQUEST = 0;

	private static final int RESPONSE = 1;

	private static final int ERROR = 2;

	private static final int DISPATCH = 3;

	private final InterceptorChain<T> chain;

	private final @Nullable CancelToken token;

	/** The step the run waits for: a {@link HandlerSink} or a {@link StepSubscriber}; null between steps. */
	private volatile @Nullable Object current;

	/** The request the current step works on, for the error a cancel token raises. */
	private volatile @Nullable RequestOptions currentOptions;

	private volatile int wip;

	/** Only touched by the thread that drains. */
	private int phase = REQUEST;

	private int index = -1;

	/** The outcome handed to the drain loop; one at a time, since only one step runs at a time. */
	private @Nullable Object nextData;

	private @Nullable Type nextType;

	private @Nullable Throwable nextError;

	private boolean nextEmpty;

	/** Set before the first step, disposed from whichever thread ends or cancels the run. */
	private volatile @Nullable Disposable tokenWatch;

	ChainRun(InterceptorChain<T> chain, CoreSubscriber<? super T> actual) {
		super(actual);
		this.chain = chain;
		this.token = chain.options.cancelToken();
	}

	void start() {
		CancelToken cancelToken = this.token;
		if (cancelToken != null && !isCancelled()) {
			this.tokenWatch = cancelToken.whenCancel().subscribe(null, null, this::tokenCancelled);
			if (isCancelled()) {
				stopWatchingToken();
			}
		}
		deliver(this.chain.options, Type.NEXT, null, false);
	}

	// ---- outcomes of steps

	@Override
	public void succeeded(HandlerSink step, Object data, Type type) {
		accept(step, data, type, null, false);
	}

	@Override
	public void failed(HandlerSink step, Throwable error) {
		accept(step, null, null, error, false);
	}

	@Override
	public ContextView contextView() {
		return this.actual.currentContext();
	}

	@Override
	public void watch(Disposable work) {
		// the step's work is cancelled through HandlerSink#abandon
	}

	void accept(Object step, @Nullable Object data, @Nullable Type type, @Nullable Throwable error,
			boolean empty) {
		if (CURRENT.compareAndSet(this, step, null)) {
			deliver(data, type, error, empty);
		}
	}

	private void deliver(@Nullable Object data, @Nullable Type type, @Nullable Throwable error, boolean empty) {
		this.nextData = data;
		this.nextType = type;
		this.nextError = error;
		this.nextEmpty = empty;
		if (WIP.getAndIncrement(this) != 0) {
			return;
		}
		do {
			Object d = this.nextData;
			Type t = this.nextType;
			Throwable e = this.nextError;
			boolean nothing = this.nextEmpty;
			this.nextData = null;
			this.nextType = null;
			this.nextError = null;
			this.nextEmpty = false;
			if (isCancelled()) {
				continue;
			}
			try {
				if (nothing) {
					finishEmpty();
				}
				else {
					advance(d, t, e);
				}
			}
			catch (Throwable ex) {
				Exceptions.throwIfJvmFatal(ex);
				abandonCurrent();
				finishError(ex);
			}
		}
		while (WIP.decrementAndGet(this) != 0);
	}

	// ---- the state machine

	@SuppressWarnings("unchecked")
	private void advance(@Nullable Object data, @Nullable Type type, @Nullable Throwable error) {
		List<Interceptor> later = this.chain.laterSteps;
		if (error != null) {
			int from = (this.phase == ERROR) ? this.index + 1 : 0;
			if (from < later.size()) {
				Rejected rejected = (error instanceof Rejected r) ? r
						: new Rejected(DioException.from(this.chain.options, error), Type.NEXT);
				if (rejected.type == Type.NEXT || rejected.type == Type.REJECT_CALL_FOLLOWING
						|| rejected.error.type() == DioExceptionType.CANCEL) {
					startError(from, rejected);
					return;
				}
				finishError(rejected);
				return;
			}
			finishError(error);
			return;
		}
		if (this.phase == REQUEST && type == Type.NEXT) {
			RequestOptions options = (RequestOptions) data;
			if (this.index + 1 < this.chain.requestSteps.size()) {
				startRequest(this.index + 1, options);
			}
			else {
				startDispatch(options);
			}
			return;
		}
		if (this.phase == ERROR) {
			finishSuccess(data, type);
			return;
		}
		int from = (this.phase == RESPONSE) ? this.index + 1 : 0;
		if ((type == Type.NEXT || type == Type.RESOLVE_CALL_FOLLOWING) && from < later.size()) {
			startResponse(from, (Response<Object>) data);
		}
		else {
			finishSuccess(data, type);
		}
	}

	private void startRequest(int at, RequestOptions options) {
		this.phase = REQUEST;
		this.index = at;
		Interceptor interceptor = this.chain.requestSteps.get(at);
		if (this.chain.guards.isGuarded(interceptor, 0)) {
			Mono<InterceptorState> step = Mono.create(sink -> InterceptorChain.callRequest(interceptor, options,
					new HandlerSink(new GuardedTarget(sink), this.chain.scope, options, interceptor,
							Type.REJECT_CALL_FOLLOWING)));
			subscribeStep(this.chain.guards.guard(interceptor, 0, step, options), options, false);
			return;
		}
		HandlerSink step = new HandlerSink(this, this.chain.scope, options, interceptor, Type.REJECT_CALL_FOLLOWING);
		if (enter(step, options)) {
			InterceptorChain.callRequest(interceptor, options, step);
			checkToken(step, options);
		}
	}

	private void startResponse(int at, Response<Object> response) {
		this.phase = RESPONSE;
		this.index = at;
		Interceptor interceptor = this.chain.laterSteps.get(at);
		RequestOptions options = response.requestOptions();
		if (this.chain.guards.isGuarded(interceptor, 1)) {
			Mono<InterceptorState> step = Mono.create(sink -> InterceptorChain.callResponse(interceptor, response,
					new HandlerSink(new GuardedTarget(sink), this.chain.scope, options, interceptor,
							Type.REJECT_CALL_FOLLOWING)));
			subscribeStep(this.chain.guards.guard(interceptor, 1, step, options), options, false);
			return;
		}
		HandlerSink step = new HandlerSink(this, this.chain.scope, options, interceptor, Type.REJECT_CALL_FOLLOWING);
		if (enter(step, options)) {
			InterceptorChain.callResponse(interceptor, response, step);
			checkToken(step, options);
		}
	}

	private void startError(int at, Rejected rejected) {
		this.phase = ERROR;
		this.index = at;
		// dio gives onError the trace the caller will get: where the request was made
		rejected.error.attachCallSite(this.chain.scope.callSite());
		RequestOptions options = (rejected.error.requestOptions() != null) ? rejected.error.requestOptions()
				: this.chain.options;
		Interceptor interceptor = this.chain.laterSteps.get(at);
		if (this.chain.guards.isGuarded(interceptor, 2)) {
			Mono<InterceptorState> step = Mono.create(sink -> InterceptorChain.callError(interceptor, rejected.error,
					options, new HandlerSink(new GuardedTarget(sink), this.chain.scope, options, interceptor, Type.NEXT)));
			subscribeStep(this.chain.guards.guard(interceptor, 2, step, options), options, false);
			return;
		}
		HandlerSink step = new HandlerSink(this, this.chain.scope, options, interceptor, Type.NEXT);
		if (enter(step, options)) {
			InterceptorChain.callError(interceptor, rejected.error, options, step);
			checkToken(step, options);
		}
	}

	private void startDispatch(RequestOptions options) {
		this.phase = DISPATCH;
		RetryInterceptor retry = this.chain.retry;
		if (retry != null) {
			// not raced with the token as a whole: each attempt's steps and the backoff are, and the
			// retry interceptor decides what a cancelled attempt means
			StepSubscriber loop = new StepSubscriber(this, options, false, false);
			if (enter(loop, options)) {
				RetryLoop.run(retry, options, this.chain.scope, this.chain::attempt).subscribe(loop);
			}
			return;
		}
		Mono<Response<Object>> exchange;
		try {
			exchange = this.chain.dispatch.apply(options);
		}
		catch (Throwable ex) {
			Exceptions.throwIfJvmFatal(ex);
			deliver(null, null, new Rejected(DioException.from(options, ex), Type.REJECT_CALL_FOLLOWING), false);
			return;
		}
		subscribeStep(exchange, options, true);
	}

	/** Makes {@code step} the one the run waits for; false when the run was cancelled meanwhile. */
	private boolean enter(Object step, RequestOptions options) {
		this.currentOptions = options;
		this.current = step;
		if (isCancelled()) {
			abandon(step);
			return false;
		}
		return true;
	}

	private void subscribeStep(Mono<?> mono, RequestOptions options, boolean exchange) {
		StepSubscriber step = new StepSubscriber(this, options, exchange, true);
		if (enter(step, options)) {
			mono.subscribe(step);
			checkToken(step, options);
		}
	}

	/**
	 * dio races each step with {@code cancelToken.whenCancel}: a step that has not finished once
	 * it started, while the token is cancelled, fails at once.
	 */
	private void checkToken(Object step, RequestOptions options) {
		CancelToken cancelToken = this.token;
		if (cancelToken != null && this.current == step && cancelToken.isCancelled()) {
			abandon(step, DioException.requestCancelled(options, cancelToken.reason()));
		}
	}

	private void tokenCancelled() {
		Object step = this.current;
		RequestOptions options = this.currentOptions;
		CancelToken cancelToken = this.token;
		if (step != null && cancelToken != null && !(step instanceof StepSubscriber loop && !loop.raced)) {
			abandon(step, DioException.requestCancelled(options, cancelToken.reason()));
		}
	}

	/** Stops waiting for {@code step} and fails it with {@code error}, unless it finished first. */
	private void abandon(Object step, Throwable error) {
		if (CURRENT.compareAndSet(this, step, null)) {
			cancelStep(step);
			deliver(null, null, error, false);
		}
	}

	private void abandon(Object step) {
		if (CURRENT.compareAndSet(this, step, null)) {
			cancelStep(step);
		}
	}

	private void abandonCurrent() {
		Object step = this.current;
		if (step != null) {
			abandon(step);
		}
	}

	private static void cancelStep(Object step) {
		if (step instanceof HandlerSink handler) {
			handler.abandon();
		}
		else {
			((StepSubscriber) step).cancel();
		}
	}

	// ---- the end

	private void finishSuccess(@Nullable Object data, @Nullable Type type) {
		stopWatchingToken();
		Object value = this.chain.attempt ? new InterceptorState(data, type) : data;
		if (value == null) {
			finishEmpty();
			return;
		}
		@SuppressWarnings("unchecked")
		T result = (T) value;
		complete(result);
	}

	private void finishError(Throwable error) {
		stopWatchingToken();
		Throwable signalled = error;
		if (!this.chain.attempt) {
			signalled = (error instanceof Rejected r) ? r.error : DioException.from(this.chain.options, error);
		}
		if (!isCancelled()) {
			this.actual.onError(signalled);
		}
	}

	private void finishEmpty() {
		stopWatchingToken();
		if (!isCancelled()) {
			this.actual.onComplete();
		}
	}

	private void stopWatchingToken() {
		Disposable watching = this.tokenWatch;
		if (watching != null) {
			watching.dispose();
		}
	}

	@Override
	public void cancel() {
		super.cancel();
		abandonCurrent();
		stopWatchingToken();
	}

	/** A guarded step's handler completes a Reactor sink, which the queue or lock subscribed to. */
	private record GuardedTarget(MonoSink<InterceptorState> sink) implements HandlerSink.Target {

		@Override
		public void succeeded(HandlerSink step, Object data, Type type) {
			this.sink.success(new InterceptorState(data, type));
		}

		@Override
		public void failed(HandlerSink step, Throwable error) {
			this.sink.error(error);
		}

		@Override
		public ContextView contextView() {
			return this.sink.contextView();
		}

		@Override
		public void watch(Disposable work) {
			this.sink.onCancel(work);
		}

	}

}
