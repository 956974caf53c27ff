package io.github.diospring.autoconfigure.envelope.server;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.LogLevel;
import org.springframework.http.HttpHeaders;

/**
 * How one error is answered: the status, the envelope the browser receives, the headers Spring
 * chose (such as {@code Allow} for a 405), and the one log line the server writes about it.
 *
 * <pre>{@code
 * ErrorAnswer answer = envelopes.error(exception, "GET /api/orders/1", traceId);
 * return ResponseEntity.status(answer.status()).headers(answer.headers()).body(answer.body());
 * }</pre>
 *
 * @param status the HTTP status
 * @param body the envelope, in umi's field order
 * @param headers extra response headers (may be empty)
 * @param level the level of the log line
 * @param logMessage the log line: the request, the errorCode, the traceId and the detail the browser does not get
 * @param logged the exception whose stack trace is logged, or null for none
 */
public record ErrorAnswer(int status, Map<String, Object> body, HttpHeaders headers, LogLevel level, String logMessage,
		@Nullable Throwable logged) {
}
