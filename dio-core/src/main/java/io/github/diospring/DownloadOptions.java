package io.github.diospring;

import java.util.Objects;

/**
 * The settings only a download has (dio's {@code download} parameters besides the request's own);
 * everything about the request itself (method, data, headers, timeouts, {@link CancelToken},
 * {@code onReceiveProgress}) goes through the usual per-call customizer. An immutable value.
 *
 * <ul>
 * <li>{@code fileAccessMode}: {@link FileAccessMode#WRITE} (default) replaces the file atomically
 * when the download completes; {@link FileAccessMode#APPEND} adds to it.</li>
 * <li>{@code deleteOnError} (default {@code true}): what a failed or cancelled download leaves. On:
 * nothing of it (a temporary file is removed, an appended part is cut off again). Off: the bytes that
 * arrived stay, appended to the file or, in WRITE mode, as the file when there was none before. A file
 * that existed before a WRITE download is never damaged either way.</li>
 * <li>{@code lengthHeader} (default {@code content-length}): the header that gives the progress
 * total. With {@code content-length} and a compressed body ({@code content-encoding} gzip, deflate or
 * compress) the total is -1, as the length on the wire is not the length of the content; a server can
 * send the real length in its own header.</li>
 * <li>{@code resume} (default off): continue a file that is already partly there, by asking for
 * {@code Range: bytes=<its length>-}. A 206 answer is appended; a server that ignores Range (200)
 * has the file rewritten from scratch, atomically; 416 means it was complete, and nothing changes.
 * Needs a fixed save path. Combine with {@code deleteOnError(false)} to keep what arrives before a
 * failure, so the next resume goes on from there.</li>
 * </ul>
 *
 * <pre>{@code
 * DownloadOptions resume = DownloadOptions.builder().resume(true).deleteOnError(false).build();
 * dio.download("/images/debian.iso", Path.of("debian.iso"),
 *         r -> r.onReceiveProgress((n, total) -> log.info("{}/{}", n, total)), resume)
 *     .retry(3)
 *     .block();
 * }</pre>
 *
 * @param fileAccessMode replace or append
 * @param deleteOnError whether a failed download leaves nothing behind
 * @param lengthHeader the header that holds the total for progress
 * @param resume whether to continue a partial file with a Range request
 */
public record DownloadOptions(FileAccessMode fileAccessMode, boolean deleteOnError, String lengthHeader,
		boolean resume) {

	private static final DownloadOptions DEFAULTS = new DownloadOptions(FileAccessMode.WRITE, true,
			Headers.CONTENT_LENGTH, false);

	/** Validates the combination. */
	public DownloadOptions {
		Objects.requireNonNull(fileAccessMode, "fileAccessMode");
		Objects.requireNonNull(lengthHeader, "lengthHeader");
		if (lengthHeader.isBlank()) {
			throw new IllegalArgumentException("lengthHeader: must name a header, such as content-length");
		}
		if (resume && fileAccessMode == FileAccessMode.APPEND) {
			throw new IllegalArgumentException("resume and fileAccessMode APPEND: resume appends when the server "
					+ "sends the missing range (206) and rewrites the file otherwise; drop fileAccessMode(APPEND)");
		}
	}

	/** @return dio's defaults: WRITE, deleteOnError, {@code content-length}, no resume */
	public static DownloadOptions defaults() {
		return DEFAULTS;
	}

	/** @return a builder starting from the defaults */
	public static Builder builder() {
		return new Builder(DEFAULTS);
	}

	/** @return a builder holding these values */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Builds {@link DownloadOptions}.
	 *
	 * <pre>{@code
	 * DownloadOptions.builder().fileAccessMode(FileAccessMode.APPEND).deleteOnError(false).build();
	 * }</pre>
	 */
	public static final class Builder {

		private FileAccessMode fileAccessMode;

		private boolean deleteOnError;

		private String lengthHeader;

		private boolean resume;

		private Builder(DownloadOptions from) {
			this.fileAccessMode = from.fileAccessMode;
			this.deleteOnError = from.deleteOnError;
			this.lengthHeader = from.lengthHeader;
			this.resume = from.resume;
		}

		/** @param mode replace (default) or append @return this */
		public Builder fileAccessMode(FileAccessMode mode) {
			this.fileAccessMode = mode;
			return this;
		}

		/** @param delete whether a failed download leaves nothing behind (default true) @return this */
		public Builder deleteOnError(boolean delete) {
			this.deleteOnError = delete;
			return this;
		}

		/** @param name the header holding the total for progress (default content-length) @return this */
		public Builder lengthHeader(String name) {
			this.lengthHeader = name;
			return this;
		}

		/** @param resume whether to continue a partial file with a Range request @return this */
		public Builder resume(boolean resume) {
			this.resume = resume;
			return this;
		}

		/**
		 * @return the options
		 * @throws IllegalArgumentException when the combination is invalid
		 */
		public DownloadOptions build() {
			return new DownloadOptions(this.fileAccessMode, this.deleteOnError, this.lengthHeader, this.resume);
		}

	}

}
