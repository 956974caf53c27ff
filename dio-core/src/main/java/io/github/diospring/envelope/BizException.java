package io.github.diospring.envelope;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Response;
import org.jspecify.annotations.Nullable;

/**
 * A failure the server explained with an envelope. Type {@link DioExceptionType#BIZ_ERROR} for a 2xx
 * response whose envelope says {@code success: false}; type {@link DioExceptionType#BAD_RESPONSE}
 * for an error status whose body was adapted. Its message is the envelope's {@code errorMessage}
 * (with a fallback when there is none) plus the error code, traceId and host when known; the raw
 * body is {@code response().data()}.
 *
 * <pre>{@code
 * dio.get("/orders/1", Order.class).onErrorResume(BizException.class, e ->
 *         e.errorInfo().errorCodeText().equals("ORDER_GONE") ? Mono.empty() : Mono.error(e));
 * }</pre>
 */
public class BizException extends DioException {

	private static final long serialVersionUID = 1L;

	private final transient ErrorInfo errorInfo;

	private final @Nullable String serverMessage;

	/** Set once the {@link ErrorAdaptorInterceptor} has told its notifier, so no other one tells it again. */
	volatile boolean reported;

	/**
	 * @param type {@link DioExceptionType#BIZ_ERROR} or {@link DioExceptionType#BAD_RESPONSE}
	 * @param response the response, whose data is the raw decoded body
	 * @param errorInfo what the envelope says
	 * @param message the message
	 * @param cause the original error, if any
	 */
	public BizException(DioExceptionType type, Response<?> response, ErrorInfo errorInfo, String message,
			@Nullable Throwable cause) {
		this(type, response, errorInfo, message, cause, errorInfo.errorMessage());
	}

	/**
	 * @param type {@link DioExceptionType#BIZ_ERROR} or {@link DioExceptionType#BAD_RESPONSE}
	 * @param response the response, whose data is the raw decoded body
	 * @param errorInfo what the envelope says, with a fallback message when the server gave none
	 * @param message the message
	 * @param cause the original error, if any
	 * @param serverMessage the message the server wrote itself, or null when the errorInfo's is a fallback
	 */
	public BizException(DioExceptionType type, Response<?> response, ErrorInfo errorInfo, String message,
			@Nullable Throwable cause, @Nullable String serverMessage) {
		super(type, response.requestOptions(), response, message, cause);
		this.errorInfo = errorInfo;
		this.serverMessage = serverMessage;
	}

	/** @return what the envelope says */
	public ErrorInfo errorInfo() {
		return this.errorInfo;
	}

	/**
	 * The message in the server's own words, which a back end may pass on to its front end; null
	 * when the server sent none and {@code errorInfo().errorMessage()} is dio's fallback (which
	 * names the request's URL, and so must stay inside).
	 * @return the server's message, or null
	 */
	public @Nullable String serverMessage() {
		return this.serverMessage;
	}

}
