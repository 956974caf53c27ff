package io.github.diospring.interceptor;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ordered interceptors of one {@link io.github.diospring.Dio} (dio's {@code Interceptors}):
 * safe to change while requests run; each request uses the list as it was when it started.
 *
 * <pre>{@code
 * dio.interceptors().add(new AuthInterceptor());
 * dio.interceptors().add(LogInterceptor.builder().build());
 * dio.interceptors().removeImplyContentTypeInterceptor();   // no implied application/json
 * }</pre>
 */
public final class Interceptors implements Iterable<Interceptor> {

	private final CopyOnWriteArrayList<Interceptor> list = new CopyOnWriteArrayList<>();

	private final Lock requestLock = new Lock("request");

	private final Lock responseLock = new Lock("response");

	private final Lock errorLock = new Lock("error");

	private volatile boolean implyContentType = true;

	/** Creates an empty list. */
	public Interceptors() {
	}

	/**
	 * @param interceptor appended; runs after those already added, in every phase
	 * @return this list
	 */
	public Interceptors add(Interceptor interceptor) {
		this.list.add(java.util.Objects.requireNonNull(interceptor, "interceptor"));
		return this;
	}

	/**
	 * @param interceptors appended in order
	 * @return this list
	 */
	public Interceptors addAll(Collection<? extends Interceptor> interceptors) {
		interceptors.forEach(this::add);
		return this;
	}

	/**
	 * @param index the position
	 * @param interceptor inserted there
	 * @return this list
	 */
	public Interceptors add(int index, Interceptor interceptor) {
		this.list.add(index, java.util.Objects.requireNonNull(interceptor, "interceptor"));
		return this;
	}

	/**
	 * @param interceptor removed (by identity)
	 * @return whether it was present
	 */
	public boolean remove(Interceptor interceptor) {
		return this.list.remove(interceptor);
	}

	/** Removes every interceptor; content-type implication stays on (dio's {@code clear()}). */
	public void clear() {
		this.list.clear();
	}

	/**
	 * Removes every interceptor (dio's {@code clear(keepImplyContentTypeInterceptor: ...)}).
	 * @param keepImplyContentTypeInterceptor whether JSON stays implied for structured bodies
	 */
	public void clear(boolean keepImplyContentTypeInterceptor) {
		this.list.clear();
		this.implyContentType = keepImplyContentTypeInterceptor;
	}

	/**
	 * Stops implying {@code application/json} for Maps, Lists, Strings and objects sent without a
	 * content type (dio's {@code removeImplyContentTypeInterceptor()}): they go out without a
	 * {@code Content-Type} header, still encoded by the transformer's rules. FormData keeps its
	 * multipart content type, which carries the boundary.
	 */
	public void removeImplyContentTypeInterceptor() {
		this.implyContentType = false;
	}

	/**
	 * Turns content-type implication on or off. It runs before every interceptor, as dio's
	 * {@code ImplyContentTypeInterceptor} at index 0, and is not an element of this list.
	 * @param on whether JSON is implied for structured bodies without a content type (default on)
	 * @return this list
	 */
	public Interceptors implyContentType(boolean on) {
		this.implyContentType = on;
		return this;
	}

	/** @return whether JSON is implied for structured bodies sent without a content type */
	public boolean impliesContentType() {
		return this.implyContentType;
	}

	/** @return how many interceptors there are */
	public int size() {
		return this.list.size();
	}

	/** @param index position @return the interceptor there */
	public Interceptor get(int index) {
		return this.list.get(index);
	}

	/** @return an immutable snapshot, in order */
	public List<Interceptor> toList() {
		return List.copyOf(this.list);
	}

	/** @return the lock of the request phase ({@code dio.lock()} locks it) */
	public Lock requestLock() {
		return this.requestLock;
	}

	/** @return the lock of the response phase */
	public Lock responseLock() {
		return this.responseLock;
	}

	/** @return the lock of the error phase */
	public Lock errorLock() {
		return this.errorLock;
	}

	/**
	 * Whether a step must wait its turn: the interceptor is a {@link QueuedInterceptor} or the
	 * phase is locked. For the request pipeline, which calls the other interceptors directly; not
	 * for application code.
	 * @param interceptor the interceptor
	 * @param phase 0 request, 1 response, 2 error
	 * @return whether the step needs {@link #guard}
	 */
	public boolean isGuarded(Interceptor interceptor, int phase) {
		Lock lock = (phase == 0) ? this.requestLock : (phase == 1) ? this.responseLock : this.errorLock;
		return interceptor instanceof QueuedInterceptor || lock.isLocked();
	}

	/**
	 * Runs one interceptor step behind its phase's lock and, for a {@link QueuedInterceptor}, its
	 * queue. For the request pipeline; not for application code.
	 * @param <T> the step's value
	 * @param interceptor the interceptor
	 * @param phase 0 request, 1 response, 2 error
	 * @param step the step
	 * @param options the request
	 * @return the guarded step
	 */
	public <T> reactor.core.publisher.Mono<T> guard(Interceptor interceptor, int phase, reactor.core.publisher.Mono<T> step,
			io.github.diospring.RequestOptions options) {
		reactor.core.publisher.Mono<T> guarded = (interceptor instanceof QueuedInterceptor queued)
				? queued.queue(phase).run(step, options) : step;
		Lock lock = (phase == 0) ? this.requestLock : (phase == 1) ? this.responseLock : this.errorLock;
		return lock.gate(guarded, options);
	}

	@Override
	public Iterator<Interceptor> iterator() {
		return this.list.iterator();
	}

}
