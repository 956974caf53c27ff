package io.github.diospring;

import org.jspecify.annotations.Nullable;

/**
 * Turns response bytes into text, replacing the charset-driven default (dio's
 * {@code responseDecoder}). When the content type is JSON the text is then parsed as JSON;
 * returning {@code null} makes the data {@code null}.
 *
 * <pre>{@code
 * BaseOptions.builder().responseDecoder((bytes, options, status) -> new String(bytes, Charset.forName("GBK"))).build();
 * }</pre>
 */
@FunctionalInterface
public interface ResponseDecoder {

	/**
	 * @param body the raw body
	 * @param options the request
	 * @param statusCode the response status
	 * @return the text, or {@code null}
	 */
	@Nullable String decode(byte[] body, RequestOptions options, int statusCode);

}
