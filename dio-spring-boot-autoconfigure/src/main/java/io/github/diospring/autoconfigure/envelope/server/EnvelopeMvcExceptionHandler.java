package io.github.diospring.autoconfigure.envelope.server;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Spring MVC's side of the error envelope: every exception a handler (or Spring, such as 404 and
 * 405) raises is answered by {@link ServerEnvelopes} and logged once with its traceId. Ordered last,
 * so the application's own {@code @ExceptionHandler}s still win.
 *
 * <pre>{@code
 * throw new BizError("BALANCE_LOW", "余额不足");
 * // 200 {"success":false,"errorCode":"BALANCE_LOW","errorMessage":"余额不足","showType":2,"traceId":"...","host":"web-1"}
 * }</pre>
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class EnvelopeMvcExceptionHandler {

	private final ServerEnvelopes envelopes;

	/** @param envelopes the shared mapping */
	public EnvelopeMvcExceptionHandler(ServerEnvelopes envelopes) {
		this.envelopes = envelopes;
	}

	/**
	 * @param error what was thrown
	 * @param request the request
	 * @return the envelope, with the status the policy chose
	 */
	@ExceptionHandler(Throwable.class)
	public ResponseEntity<Map<String, Object>> handle(Throwable error, HttpServletRequest request) {
		String traceId = ServerTraceIds.orNew(request.getAttribute(ServerTraceIds.ATTRIBUTE), this.envelopes);
		ErrorAnswer answer = this.envelopes.error(error, request.getMethod() + " " + request.getRequestURI(), traceId);
		this.envelopes.log(answer);
		return ResponseEntity.status(answer.status())
			.headers(answer.headers())
			.contentType(MediaType.APPLICATION_JSON)
			.body(answer.body());
	}

}
