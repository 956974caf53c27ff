package io.github.diospring;

/**
 * How a download writes its file (dio's {@code FileAccessMode}).
 *
 * <pre>{@code
 * dio.download("/logs/today", Path.of("app.log"), null,
 *         DownloadOptions.builder().fileAccessMode(FileAccessMode.APPEND).build()).block();
 * }</pre>
 */
public enum FileAccessMode {

	/**
	 * Replaces the file, and only once the whole body has arrived: the bytes go to a temporary file
	 * beside it, which is then moved into place atomically. A failed download leaves the file as it was.
	 */
	WRITE,

	/**
	 * Adds the body to the end of the file (created if missing). A failed download cuts the file back to
	 * its original length unless {@link DownloadOptions#deleteOnError()} is off.
	 */
	APPEND

}
