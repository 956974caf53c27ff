package io.github.diospring;

/**
 * Told how many bytes of a body have been sent or received so far.
 *
 * <pre>{@code
 * dio.download(url, Path.of("big.zip"),
 *         r -> r.onReceiveProgress((received, total) -> log.info("{}/{}", received, total)));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressCallback {

	/**
	 * Called after each chunk.
	 * @param count bytes so far
	 * @param total the whole length, or {@code -1} when it is not known
	 */
	void onProgress(long count, long total);

}
