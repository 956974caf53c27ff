package io.github.diospring.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

import io.github.diospring.CancelToken;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.Interceptors;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import io.github.diospring.interceptor.ResponseInterceptorHandler;
import io.github.diospring.internal.InterceptorState.Rejected;
import io.github.diospring.internal.InterceptorState.Type;
import io.github.diospring.retry.RetryInterceptor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * dio 5's interceptor pipeline: every interceptor's {@code onRequest}, then the dispatch (adapter
 * and transformer), then every {@code onResponse}, then every {@code onError}, all in insertion
 * order. Each step runs only in the states dio allows it to (see {@link InterceptorState.Type});
 * a cancel token fails the waiting step at once.
 * <p>
 * The chain is a small state machine rather than a Reactor pipeline assembled per request: it
 * calls each interceptor itself and allocates only the handler objects, so a request through
 * synchronous interceptors runs on the calling thread and costs little more than the dispatch.
 * A step that must wait (a {@code QueuedInterceptor}, a locked phase, the dispatch) is a Mono the
 * machine subscribes to with the caller's context. With a {@link RetryInterceptor} in the chain,
 * the request steps after it and the dispatch form one attempt, which {@link RetryLoop} repeats.
 */
final class InterceptorChain<T> extends Mono<T> {

	private static final int REQUEST = 0;

	private static final int RESPONSE = 1;

	private static final int ERROR = 2;

	private static final int DISPATCH = 3;

	private final RequestOptions options;

	private final Interceptors guards;

	private final List<Interceptor> requestSteps;

	/** Empty for one attempt of a retried request: its responses and errors go back to the loop. */
	private final List<Interceptor> laterSteps;

	private final RequestScope scope;

	private final Function<RequestOptions, Mono<Response<Object>>> dispatch;

	private final @Nullable RetryInterceptor retry;

	private final List<Interceptor> perAttempt;

	/** Whether this is one attempt of a retried request, which ends with a state, not a response. */
	private final boolean attempt;

	private InterceptorChain(RequestOptions options, Interceptors guards, List<Interceptor> requestSteps,
			List<Interceptor> laterSteps, RequestScope scope, Function<RequestOptions, Mono<Response<Object>>> dispatch,
			@Nullable RetryInterceptor retry, List<Interceptor> perAttempt, boolean attempt) {
		this.options = options;
		this.guards = guards;
		this.requestSteps = requestSteps;
		this.laterSteps = laterSteps;
		this.scope = scope;
		this.dispatch = dispatch;
		this.retry = retry;
		this.perAttempt = perAttempt;
		this.attempt = attempt;
	}

	static Mono<Response<Object>> run(RequestOptions options, Interceptors guards, List<Interceptor> interceptors,
			RequestScope scope, Function<RequestOptions, Mono<Response<Object>>> dispatch) {
		int retryAt = indexOfRetry(interceptors);
		if (retryAt < 0) {
			return onAssembly(new InterceptorChain<>(options, guards, interceptors, interceptors, scope, dispatch, null,
					List.of(), false));
		}
		return onAssembly(new InterceptorChain<>(options, guards, interceptors.subList(0, retryAt + 1), interceptors,
				scope, dispatch, (RetryInterceptor) interceptors.get(retryAt),
				interceptors.subList(retryAt + 1, interceptors.size()), false));
	}

	/** One attempt of a retried request: the request steps after the retry interceptor, then the dispatch. */
	private Mono<InterceptorState> attempt(RequestOptions sent) {
		return onAssembly(new InterceptorChain<>(sent, this.guards, this.perAttempt, List.of(), this.scope,
				this.dispatch, null, List.of(), true));
	}

	/** The first {@link RetryInterceptor}, from which on each attempt runs again; -1 when none. */
	private static int indexOfRetry(List<Interceptor> interceptors) {
		for (int i = 0; i < interceptors.size(); i++) {
			if (interceptors.get(i) instanceof RetryInterceptor) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Run<T> run = new Run<>(this, actual);
		actual.onSubscribe(run);
		run.start();
	}

	private static void callRequest(Interceptor interceptor, RequestOptions options, HandlerSink step) {
		step.enterCallback();
		try {
			interceptor.onRequest(options, new RequestInterceptorHandler(step));
		}
		catch (Throwable ex) {
			step.failFromCallback(ex, options, Type.REJECT_CALL_FOLLOWING);
		}
		finally {
			step.leaveCallback();
		}
	}

	private static void callResponse(Interceptor interceptor, Response<Object> response, HandlerSink step) {
		step.enterCallback();
		try {
			interceptor.onResponse(response, new ResponseInterceptorHandler(step));
		}
		catch (Throwable ex) {
			step.failFromCallback(ex, response.requestOptions(), Type.REJECT_CALL_FOLLOWING);
		}
		finally {
			step.leaveCallback();
		}
	}

	private static void callError(Interceptor interceptor, DioException error, RequestOptions options,
			HandlerSink step) {
		step.enterCallback();
		try {
			interceptor.onError(error, new ErrorInterceptorHandler(step));
		}
		catch (Throwable ex) {
			step.failFromCallback(ex, options, Type.NEXT);
		}
		finally {
			step.leaveCallback();
		}
	}

	/**
	 * One run of the chain. Steps complete through {@link #succeeded} and {@link #failed}, from the
	 * interceptor's callback or later from any thread; only the step the run waits for is heard
	 * ({@link #current}), and outcomes are processed in a drain loop, so a long chain of synchronous
	 * steps does not grow the stack and two threads never move the run at once.
	 */
	private static final class Run<T> extends Operators.MonoSubscriber<Object, T> implements HandlerSink.Target {

		@SuppressWarnings("rawtypes")
		private static final AtomicReferenceFieldUpdater<Run, Object> CURRENT = AtomicReferenceFieldUpdater
			.newUpdater(Run.class, Object.class, "current");

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<Run> WIP = AtomicIntegerFieldUpdater.newUpdater(Run.class,
				"wip");

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

		private @Nullable Disposable tokenWatch;

		Run(InterceptorChain<T> chain, CoreSubscriber<? super T> actual) {
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

		private void accept(Object step, @Nullable Object data, @Nullable Type type, @Nullable Throwable error,
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
				Mono<InterceptorState> step = Mono.create(sink -> callRequest(interceptor, options,
						new HandlerSink(new SinkTarget(sink), this.chain.scope, options, interceptor,
								Type.REJECT_CALL_FOLLOWING)));
				subscribeStep(this.chain.guards.guard(interceptor, 0, step, options), options, false);
				return;
			}
			HandlerSink step = new HandlerSink(this, this.chain.scope, options, interceptor, Type.REJECT_CALL_FOLLOWING);
			if (enter(step, options)) {
				callRequest(interceptor, options, step);
				checkToken(step, options);
			}
		}

		private void startResponse(int at, Response<Object> response) {
			this.phase = RESPONSE;
			this.index = at;
			Interceptor interceptor = this.chain.laterSteps.get(at);
			RequestOptions options = response.requestOptions();
			if (this.chain.guards.isGuarded(interceptor, 1)) {
				Mono<InterceptorState> step = Mono.create(sink -> callResponse(interceptor, response,
						new HandlerSink(new SinkTarget(sink), this.chain.scope, options, interceptor,
								Type.REJECT_CALL_FOLLOWING)));
				subscribeStep(this.chain.guards.guard(interceptor, 1, step, options), options, false);
				return;
			}
			HandlerSink step = new HandlerSink(this, this.chain.scope, options, interceptor, Type.REJECT_CALL_FOLLOWING);
			if (enter(step, options)) {
				callResponse(interceptor, response, step);
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
				Mono<InterceptorState> step = Mono.create(sink -> callError(interceptor, rejected.error, options,
						new HandlerSink(new SinkTarget(sink), this.chain.scope, options, interceptor, Type.NEXT)));
				subscribeStep(this.chain.guards.guard(interceptor, 2, step, options), options, false);
				return;
			}
			HandlerSink step = new HandlerSink(this, this.chain.scope, options, interceptor, Type.NEXT);
			if (enter(step, options)) {
				callError(interceptor, rejected.error, options, step);
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

	}

	/**
	 * The run's subscriber to a step that is a Mono: the dispatch, the retry loop, a guarded
	 * interceptor step. It carries the caller's context to the step.
	 */
	private static final class StepSubscriber implements CoreSubscriber<Object> {

		private final Run<?> run;

		private final RequestOptions options;

		/** Whether the step is the exchange itself, whose value is the response and whose errors call following. */
		private final boolean exchange;

		/** Whether a cancel token fails the step at once; not the retry loop, whose attempts are raced. */
		final boolean raced;

		private volatile @Nullable Subscription subscription;

		private volatile boolean cancelled;

		private boolean valued;

		StepSubscriber(Run<?> run, RequestOptions options, boolean exchange, boolean raced) {
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

	/** A guarded step's handler completes a Reactor sink, which the queue or lock subscribed to. */
	private record SinkTarget(MonoSink<InterceptorState> sink) implements HandlerSink.Target {

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
