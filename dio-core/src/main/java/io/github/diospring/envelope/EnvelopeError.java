package io.github.diospring.envelope;

import org.jspecify.annotations.Nullable;

/**
 * An application's own business error, as a back end answers it to an Ant Design Pro / umi front
 * end: implement it on your existing exceptions (or throw {@link BizError}), and the server-side
 * envelope support ({@code dio.envelope.server.enabled}) answers
 * {@code {success: false, errorCode, errorMessage, showType, traceId, host}}.
 *
 * <pre>{@code
 * class OrderClosedException extends RuntimeException implements EnvelopeError {
 *     public Object errorCode() { return "ORDER_CLOSED"; }
 *     public String errorMessage() { return "订单已关闭"; }
 *     public ShowType showType() { return ShowType.WARN_MESSAGE; }
 * }
 * }</pre>
 */
public interface EnvelopeError {

	/** @return the error code the front end receives as it is (a String or a Number), or null */
	@Nullable Object errorCode();

	/** @return the message the front end shows; written for the user, it reaches the browser */
	String errorMessage();

	/** @return how the front end shows it; {@link ShowType#ERROR_MESSAGE} by default */
	default ShowType showType() {
		return ShowType.ERROR_MESSAGE;
	}

	/** @return the payload sent as the envelope's {@code data}, or null (the default) */
	default @Nullable Object data() {
		return null;
	}

}
