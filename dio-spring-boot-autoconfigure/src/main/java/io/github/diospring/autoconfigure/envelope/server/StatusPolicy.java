package io.github.diospring.autoconfigure.envelope.server;

/**
 * Which HTTP status an error envelope is answered with.
 *
 * <pre>{@code
 * dio.envelope.server.http-status: always-ok
 * }</pre>
 */
public enum StatusPolicy {

	/**
	 * umi 3's convention: business errors (an application's {@code EnvelopeError}, an upstream's
	 * {@code success:false}) are 200; everything else keeps its status (400 for validation, 404,
	 * 405, 502/504 for upstream failures, an upstream envelope's own error status). umi 3 reads the
	 * envelope of every status; umi 4 / Pro's default {@code errorConfig} does not (it shows
	 * "Response status: N"), so a Pro front end needs the README's {@code errorHandler}.
	 */
	KEEP,

	/** Every envelope is answered with 200, as many Pro back ends do: the front end reads only {@code success}. */
	ALWAYS_OK

}
