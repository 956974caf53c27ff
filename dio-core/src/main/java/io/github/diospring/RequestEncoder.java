package io.github.diospring;

/**
 * Turns the transformer's text body into bytes, replacing the default UTF-8 encoding (dio's
 * {@code requestEncoder}). Used only for bodies the {@link io.github.diospring.transformer.Transformer}
 * produced as text (JSON, form fields, plain strings).
 *
 * <pre>{@code
 * BaseOptions.builder().requestEncoder((body, options) -> body.getBytes(Charset.forName("GBK"))).build();
 * }</pre>
 */
@FunctionalInterface
public interface RequestEncoder {

	/**
	 * @param body the encoded text
	 * @param options the request
	 * @return the bytes to send
	 */
	byte[] encode(String body, RequestOptions options);

}
