package io.github.diospring.internal;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.diospring.DioException;
import io.github.diospring.ProgressCallback;
import io.github.diospring.adapter.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Streams a response body into a {@link DownloadFile} with constant memory. The body arrives on an
 * event-loop thread; everything that touches the disk (open, each write, commit, clean-up) runs on
 * one worker of {@link Schedulers#boundedElastic()} reserved for this download, so those steps run
 * one after the other even when a cancellation comes from elsewhere. At most {@value #PREFETCH}
 * buffers wait for the disk, and the socket is not read while they do; each is released after its
 * write.
 */
final class DownloadWriter {

	/** Buffers in flight between socket and disk: bounds memory, and keeps the disk busy while the socket reads. */
	static final int PREFETCH = 8;

	private DownloadWriter() {
	}

	/**
	 * @param body the response body, not yet read
	 * @param file where it goes
	 * @param progress told after each write, or null
	 * @param base added to the bytes written for progress (a resumed file's earlier part)
	 * @param total the total for progress, or -1
	 * @param cancel the request's cancellation, checked before each write, after each progress report
	 * and before the file is moved into place, so nothing is written or reported after a cancel
	 * @param explain turns a failure into the error to report, once the file is cleaned up
	 * @return completes when the file is in place; fails after the clean-up
	 */
	static Mono<Void> write(ResponseBody body, DownloadFile file, @Nullable ProgressCallback progress, long base,
			long total, Cancellation cancel, Function<Throwable, Throwable> explain) {
		return Mono.defer(() -> {
			Scheduler lane = Schedulers.single(Schedulers.boundedElastic());
			AtomicBoolean cancelled = new AtomicBoolean();
			Mono<Void> open = Mono.fromCallable(() -> {
				file.open();
				return file;
			}).subscribeOn(lane).onErrorMap(ex -> new FileFailure(Stage.OPEN, ex)).then();
			Mono<Void> writes = body.stream().publishOn(lane, PREFETCH).<Long>handle((buffer, sink) -> {
				DioException cancelError = cancel.error();
				if (cancelError != null) {
					// chunks already buffered are dropped, not written
					DataBufferUtils.release(buffer);
					sink.error(cancelError);
					return;
				}
				try {
					file.write(buffer);
				}
				catch (IOException | RuntimeException ex) {
					if (!cancelled.get()) {
						sink.error(new FileFailure(Stage.WRITE, ex));
					}
					return;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
				if (progress != null) {
					try {
						progress.onProgress(base + file.written(), total);
					}
					catch (RuntimeException ex) {
						sink.error(new FileFailure(Stage.PROGRESS, ex));
						return;
					}
					DioException cancelledByProgress = cancel.error();
					if (cancelledByProgress != null) {
						sink.error(cancelledByProgress);
					}
				}
			}).doOnDiscard(DataBuffer.class, DataBufferUtils::release).then();
			Mono<Void> commit = Mono.fromCallable(() -> {
				DioException cancelError = cancel.error();
				if (cancelError != null) {
					// the whole body may be here already: a cancel seen now still wins over the file
					throw cancelError;
				}
				file.commit();
				return file;
			}).subscribeOn(lane).onErrorMap(ex -> (ex instanceof DioException) ? ex : new FileFailure(Stage.COMMIT, ex)).then();
			return open.then(writes)
				.then(commit)
				.onErrorResume(error -> {
					abort(body);
					return Mono.fromRunnable(file::rollback).subscribeOn(lane).then(Mono.error(() -> explain.apply(error)));
				})
				.doOnCancel(() -> {
					cancelled.set(true);
					abort(body);
					cleanUpLater(file, lane);
				})
				.doFinally(signal -> {
					if (signal != SignalType.CANCEL) {
						lane.dispose();
					}
				});
		});
	}

	/**
	 * Gives up a body without reading it: cancelling its subscription closes the connection, instead
	 * of draining what may be gigabytes. Does nothing to a body that is being or was read.
	 * @param body the body
	 */
	static void abort(ResponseBody body) {
		body.stream().subscribe(new BaseSubscriber<DataBuffer>() {

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.cancel();
			}

			@Override
			protected void hookOnNext(DataBuffer buffer) {
				DataBufferUtils.release(buffer);
			}

			@Override
			protected void hookOnError(Throwable error) {
				// already read by someone else, or the transport failed: nothing to give back
			}

		});
	}

	/** Cleans up after the write in progress, if any, on the same worker; then lets the worker go. */
	private static void cleanUpLater(DownloadFile file, Scheduler lane) {
		try {
			lane.schedule(() -> {
				try {
					file.rollback();
				}
				finally {
					lane.dispose();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the worker is gone, so the download already ended and nothing writes any more
			file.rollback();
		}
	}

	/** Whether the download was cancelled, and the error to end it with. */
	@FunctionalInterface
	interface Cancellation {

		/** Never cancelled. */
		Cancellation NONE = () -> null;

		/** @return the cancel error, or null while not cancelled */
		@Nullable DioException error();

	}

	/** What the file side was doing when it failed. */
	enum Stage {

		/** Creating the directories or the file. */
		OPEN,

		/** Writing a chunk. */
		WRITE,

		/** The caller's progress callback threw. */
		PROGRESS,

		/** Moving the finished file into place. */
		COMMIT

	}

	/** A failure on the file side, as opposed to one that came with the body. */
	static final class FileFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		final Stage stage;

		FileFailure(Stage stage, Throwable cause) {
			super(cause.toString(), cause, false, false);
			this.stage = stage;
		}

	}

}
