package io.github.diospring;

/**
 * How the response body is turned into {@link Response#data()}, as in dio.
 *
 * <pre>{@code
 * Response<Object> r = dio.get("/page", o -> o.responseType(ResponseType.PLAIN)).block();
 * String html = (String) r.data();
 * }</pre>
 */
public enum ResponseType {

	/**
	 * Parse the body as JSON when the response content type is JSON ({@code application/json},
	 * {@code text/json} or {@code +json}); otherwise the body is text. Set
	 * {@code forceJsonDecode(true)} to parse mislabelled JSON too.
	 */
	JSON,

	/** Hand the body over unread as a {@link io.github.diospring.adapter.ResponseBody}. */
	STREAM,

	/** Decode the body as text, with the charset of the content type (UTF-8 by default). */
	PLAIN,

	/** Read the body into a {@code byte[]}. */
	BYTES

}
