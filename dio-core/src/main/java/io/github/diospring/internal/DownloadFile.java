package io.github.diospring.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * The file side of a download: where the bytes go while they arrive, what success publishes, and
 * what a failure leaves ({@link #aftermath()}, for the error message). Blocking file I/O: called on
 * the download's own worker thread, never on an event loop. Synchronized because a cancellation may
 * clean up from another thread once that worker is gone; after {@link #commit()} or
 * {@link #rollback()} nothing more is written.
 */
abstract class DownloadFile {

	private static final Logger logger = LoggerFactory.getLogger(DownloadFile.class);

	final Path target;

	@Nullable FileChannel channel;

	long written;

	private boolean finished;

	private String aftermath = "";

	DownloadFile(Path target) {
		this.target = target;
	}

	/**
	 * Bytes go to a temporary file beside the target, moved over it only when complete.
	 * @param target the file to replace
	 * @param keepPartial whether a failure leaves what arrived as the target, when no file was there
	 * @return the file
	 */
	static DownloadFile replacing(Path target, boolean keepPartial) {
		return new Replacing(target, keepPartial);
	}

	/**
	 * Bytes are added to the end of the target.
	 * @param target the file to append to, created if missing
	 * @param expectedLength the length the file must have (a resume asked for the range after it), or -1
	 * @param deleteOnError whether a failure cuts the file back to its original length
	 * @return the file
	 */
	static DownloadFile appending(Path target, long expectedLength, boolean deleteOnError) {
		return new Appending(target, expectedLength, deleteOnError);
	}

	/** Creates missing directories and the file the bytes go to. */
	final synchronized void open() throws IOException {
		Path dir = directoryOf(this.target);
		Files.createDirectories(dir);
		if (Files.isDirectory(this.target)) {
			throw new FileSystemException(this.target.toString(), null, "is a directory");
		}
		doOpen(dir);
	}

	/**
	 * @param buffer the bytes to write, all of them; not released here
	 * @return the bytes written
	 */
	final synchronized int write(DataBuffer buffer) throws IOException {
		FileChannel out = this.channel;
		if (out == null || this.finished) {
			throw new ClosedChannelException();
		}
		int count = 0;
		try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
			while (buffers.hasNext()) {
				ByteBuffer bytes = buffers.next();
				while (bytes.hasRemaining()) {
					int n = out.write(bytes);
					count += n;
					this.written += n;
				}
			}
		}
		return count;
	}

	/** Makes the download visible: flushed to the device first, so a crash cannot publish a torn file. */
	final synchronized void commit() throws IOException {
		if (this.finished) {
			throw new ClosedChannelException();
		}
		FileChannel out = this.channel;
		if (out != null) {
			try {
				out.force(true);
			}
			finally {
				out.close();
			}
		}
		doCommit();
		this.finished = true;
	}

	/** Undoes what the download did (also after a failed commit), as far as the options allow; never throws. */
	final synchronized void rollback() {
		if (this.finished) {
			return;
		}
		this.finished = true;
		closeQuietly(this.channel);
		try {
			this.aftermath = doRollback();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not clean up after the failed download to {}", this.target, ex);
			this.aftermath = "cleaning up failed (" + ex + "); check " + directoryOf(this.target);
		}
	}

	/** @return what the failed download left, for the error message */
	final synchronized String aftermath() {
		return this.aftermath;
	}

	/** @return bytes written so far */
	final synchronized long written() {
		return this.written;
	}

	/** @return the file the bytes go to while they arrive */
	abstract Path writingTo();

	abstract void doOpen(Path dir) throws IOException;

	abstract void doCommit() throws IOException;

	abstract String doRollback() throws IOException;

	static Path directoryOf(Path target) {
		Path parent = target.toAbsolutePath().getParent();
		return (parent != null) ? parent : target.toAbsolutePath();
	}

	static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				logger.debug("Closing a download file failed", ex);
			}
		}
	}

	/** WRITE: a temporary file, moved over the target when complete. */
	private static final class Replacing extends DownloadFile {

		private final boolean keepPartial;

		private @Nullable Path temp;

		Replacing(Path target, boolean keepPartial) {
			super(target);
			this.keepPartial = keepPartial;
		}

		@Override
		Path writingTo() {
			return (this.temp != null) ? this.temp : this.target;
		}

		@Override
		void doOpen(Path dir) throws IOException {
			// hidden, recognisable, unique; CREATE_NEW keeps the umask's permissions, unlike createTempFile's 0600
			String name = String.valueOf(this.target.getFileName());
			name = (name.length() > 100) ? name.substring(0, 100) : name;
			Path candidate = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
			this.channel = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			this.temp = candidate;
		}

		@Override
		void doCommit() throws IOException {
			Path from = this.temp;
			try {
				Files.move(from, this.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(from, this.target, StandardCopyOption.REPLACE_EXISTING);
			}
		}

		@Override
		String doRollback() throws IOException {
			Path from = this.temp;
			if (from == null) {
				return this.target + " was left as it was";
			}
			if (this.keepPartial) {
				try {
					// no REPLACE_EXISTING: a file that was there before wins over a partial download
					Files.move(from, this.target);
					return "the " + this.written + " bytes received were kept in " + this.target + " (deleteOnError is off)";
				}
				catch (IOException ex) {
					logger.debug("Keeping the partial download failed; removing it", ex);
				}
			}
			Files.deleteIfExists(from);
			return this.target + " was left as it was and the partial download was removed";
		}

	}

	/** APPEND: written in place after the original end, cut back on failure. */
	private static final class Appending extends DownloadFile {

		private final long expectedLength;

		private final boolean deleteOnError;

		private boolean created;

		private long originalLength = -1;

		Appending(Path target, long expectedLength, boolean deleteOnError) {
			super(target);
			this.expectedLength = expectedLength;
			this.deleteOnError = deleteOnError;
		}

		@Override
		Path writingTo() {
			return this.target;
		}

		@Override
		void doOpen(Path dir) throws IOException {
			boolean existed = Files.exists(this.target);
			FileChannel out = FileChannel.open(this.target, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			this.channel = out;
			this.created = !existed;
			this.originalLength = out.size();
			if (this.expectedLength >= 0 && this.originalLength != this.expectedLength) {
				throw new FileSystemException(this.target.toString(), null, "changed while resuming: it had "
						+ this.expectedLength + " bytes when the range was asked for and has " + this.originalLength + " now");
			}
			out.position(this.originalLength);
		}

		@Override
		void doCommit() {
		}

		@Override
		String doRollback() throws IOException {
			if (this.originalLength < 0) {
				return this.target + " was left as it was";
			}
			if (!this.deleteOnError) {
				return "the " + this.written + " bytes received were kept at the end of " + this.target
						+ " (deleteOnError is off)";
			}
			if (this.created) {
				Files.deleteIfExists(this.target);
				return this.target + ", created by the download, was removed";
			}
			// a fresh channel: the writing one may have been closed by an interrupt
			try (FileChannel out = FileChannel.open(this.target, StandardOpenOption.WRITE)) {
				out.truncate(this.originalLength);
			}
			return this.target + " was cut back to its original " + this.originalLength + " bytes";
		}

	}

}
