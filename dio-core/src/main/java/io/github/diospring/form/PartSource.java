package io.github.diospring.form;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Where the bytes of a {@link MultipartFile} come from. Every read is lazy (nothing is opened
 * before subscription) and chunked, so an upload holds one buffer at a time, not the file.
 */
sealed interface PartSource {

	/** Files and streams are read in chunks of this size. */
	int CHUNK_SIZE = 64 * 1024;

	/**
	 * @param what names the file in error messages
	 * @return the bytes; a fresh stream per call when {@link #replayable()}
	 */
	Flux<DataBuffer> read(String what);

	/** @return whether {@link #read} can be called more than once */
	boolean replayable();

	/** In-memory bytes. Wrapped, not copied, per read: DataBuffers over a shared array are read-only here. */
	record Bytes(byte[] bytes) implements PartSource {

		@Override
		public Flux<DataBuffer> read(String what) {
			return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.bytes)));
		}

		@Override
		public boolean replayable() {
			return true;
		}

	}

	/**
	 * A file on disk, re-read on every send. Its size was taken when the MultipartFile was made
	 * (it is part of the Content-Length), so a file that is gone or has another size by now fails
	 * before a single byte is sent, rather than sending a body that does not match its length.
	 */
	record FileOnDisk(Path path, long length) implements PartSource {

		@Override
		public Flux<DataBuffer> read(String what) {
			return Flux.defer(() -> {
				long now;
				try {
					now = Files.size(this.path);
				}
				catch (NoSuchFileException ex) {
					return Flux.error(new IllegalStateException(what + " no longer exists (it had " + this.length
							+ " bytes when the MultipartFile was made). Keep the file in place until the upload "
							+ "has finished, or make a new MultipartFile for the new file.", ex));
				}
				catch (IOException ex) {
					return Flux.error(new IllegalStateException(what + " cannot be read any more: " + ex, ex));
				}
				if (now != this.length) {
					return Flux.error(new IllegalStateException(what + " has " + now + " bytes now but had "
							+ this.length + " when the MultipartFile was made, and the Content-Length was computed "
							+ "from that; nothing was sent. Make the MultipartFile (and FormData) after the file "
							+ "is complete, or make a new one now."));
				}
				return DataBufferUtils.read(this.path, DefaultDataBufferFactory.sharedInstance, CHUNK_SIZE);
			});
		}

		@Override
		public boolean replayable() {
			return true;
		}

	}

	/** A fresh InputStream per read; read on boundedElastic because InputStream reads block. */
	record Streams(Supplier<? extends InputStream> supplier) implements PartSource {

		@Override
		public Flux<DataBuffer> read(String what) {
			return DataBufferUtils.readInputStream(() -> open(this.supplier, what),
					DefaultDataBufferFactory.sharedInstance, CHUNK_SIZE)
				.subscribeOn(Schedulers.boundedElastic());
		}

		@Override
		public boolean replayable() {
			return true;
		}

		private static InputStream open(Supplier<? extends InputStream> supplier, String what) {
			InputStream in = supplier.get();
			if (in == null) {
				throw new IllegalStateException(what + ": the InputStream supplier returned null");
			}
			return in;
		}

	}

	/**
	 * One InputStream, readable once. The flag is shared with clones on purpose: a clone reads
	 * the same stream, so it cannot make the content readable a second time.
	 */
	record SingleStream(InputStream stream, AtomicBoolean used) implements PartSource {

		@Override
		public Flux<DataBuffer> read(String what) {
			return Flux.defer(() -> {
				if (this.used.getAndSet(true)) {
					return Flux.error(new IllegalStateException(what + " was made from a single InputStream, which "
							+ "has already been read (an earlier send, a retry or a redirect). Use "
							+ "MultipartFile.fromStream(() -> openStream(), length, filename) with a supplier so it "
							+ "can be read again; clone() does not help here, a clone shares the same stream."));
				}
				return DataBufferUtils.readInputStream(this::stream, DefaultDataBufferFactory.sharedInstance, CHUNK_SIZE)
					.subscribeOn(Schedulers.boundedElastic());
			});
		}

		@Override
		public boolean replayable() {
			return false;
		}

	}

	/** A fresh publisher per read, for reactive sources. */
	record Publishers(Supplier<? extends Publisher<? extends DataBuffer>> supplier) implements PartSource {

		@Override
		public Flux<DataBuffer> read(String what) {
			return Flux.defer(() -> {
				Publisher<? extends DataBuffer> publisher = this.supplier.get();
				if (publisher == null) {
					return Flux.error(new IllegalStateException(what + ": the publisher supplier returned null"));
				}
				return Flux.from(publisher);
			});
		}

		@Override
		public boolean replayable() {
			return true;
		}

	}

}
