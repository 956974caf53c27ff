package io.github.diospring.interceptor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.diospring.RequestOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One phase's FIFO of a {@link QueuedInterceptor}: one callback at a time. The slot is released
 * when the step ends (handler completed, exception) or is cancelled; a waiting request that is
 * cancelled leaves the queue. A request derived from the one holding the slot (a retry sent with
 * {@code dio.fetch(error.requestOptions())} from inside the callback) does not wait for it:
 * waiting would deadlock, as it does in dio.
 */
final class SerialQueue {

	/** The extra key under which a request's lineage travels into its retries. */
	static final String LINEAGE = "dio.lineage";

	private final Deque<Task<?>> waiting = new ArrayDeque<>();

	private @Nullable Task<?> running;

	<T> Mono<T> run(Mono<T> step, RequestOptions options) {
		Object lineage = options.extra().get(LINEAGE);
		return Mono.create(sink -> {
			Task<T> task = new Task<>(step, sink, lineage);
			sink.onCancel(() -> cancel(task));
			boolean startNow;
			synchronized (this) {
				Task<?> holder = this.running;
				boolean reentrant = holder != null && lineage != null && Objects.equals(lineage, holder.lineage);
				startNow = holder == null || reentrant;
				if (holder == null) {
					this.running = task;
				}
				else if (!reentrant) {
					this.waiting.add(task);
				}
			}
			if (startNow) {
				task.start(this);
			}
		});
	}

	private void cancel(Task<?> task) {
		boolean wasWaiting;
		synchronized (this) {
			wasWaiting = this.waiting.remove(task);
		}
		if (!wasWaiting) {
			task.dispose();
		}
	}

	void release(Task<?> task) {
		Task<?> next;
		synchronized (this) {
			if (this.running != task) {
				return;
			}
			next = this.waiting.poll();
			this.running = next;
		}
		if (next != null) {
			next.start(this);
		}
	}

	private static final class Task<T> {

		private final Mono<T> step;

		private final MonoSink<T> sink;

		final @Nullable Object lineage;

		private volatile @Nullable Disposable subscription;

		private volatile boolean disposed;

		Task(Mono<T> step, MonoSink<T> sink, @Nullable Object lineage) {
			this.step = step;
			this.sink = sink;
			this.lineage = lineage;
		}

		void start(SerialQueue queue) {
			if (this.disposed) {
				queue.release(this);
				return;
			}
			// complete empty only when the step had no value: the completion callback also runs right
			// after a value, and a MonoSink whose subscriber has not asked yet would then drop the value
			AtomicBoolean emitted = new AtomicBoolean();
			this.subscription = this.step.doFinally(signal -> queue.release(this))
				.contextWrite(this.sink.contextView())
				.subscribe(value -> {
					emitted.set(true);
					this.sink.success(value);
				}, this.sink::error, () -> {
					if (!emitted.get()) {
						this.sink.success();
					}
				});
		}

		void dispose() {
			this.disposed = true;
			Disposable d = this.subscription;
			if (d != null) {
				d.dispose();
			}
		}

	}

}
