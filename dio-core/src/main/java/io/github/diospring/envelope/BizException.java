package io.github.diospring.envelope;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Response;

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

	/**
	 * @param type {@link DioExceptionType#BIZ_ERROR} or {@link DioExceptionType#BAD_RESPONSE}
	 * @param response the response, whose data is the raw decoded body
	 * @param errorInfo what the envelope says
	 * @param message the message
	 * @param cause the original error, if any
	 */
	public BizException(DioExceptionType type, Response<?> response, ErrorInfo errorInfo, String message,
			Throwable cause) {
		super(type, response.requestOptions(), response, message, cause);
		this.errorInfo = errorInfo;
	}

	/** @return what the envelope says */
	public ErrorInfo errorInfo() {
		return this.errorInfo;
	}

}
