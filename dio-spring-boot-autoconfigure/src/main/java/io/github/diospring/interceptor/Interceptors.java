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
 * }</pre>
 */
public final class Interceptors implements Iterable<Interceptor> {

	private final CopyOnWriteArrayList<Interceptor> list = new CopyOnWriteArrayList<>();

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

	/** Removes every interceptor. */
	public void clear() {
		this.list.clear();
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

	@Override
	public Iterator<Interceptor> iterator() {
		return this.list.iterator();
	}

}
