package io.github.diospring.autoconfigure.envelope.server;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * WebFlux's side of the error envelope, the twin of {@link EnvelopeMvcExceptionHandler}: every
 * exception a handler (or Spring's dispatch, such as an unknown route) raises is answered by
 * {@link ServerEnvelopes} and logged once with its traceId. Ordered last, so the application's own
 * {@code @ExceptionHandler}s still win.
 *
 * <pre>{@code
 * Mono<Order> order(long id) { return dio.get("/orders/{id}", Order.class, ...).map(Response::data); }
 * // an upstream timeout: 504 {"success":false,"errorCode":"RECEIVE_TIMEOUT","errorMessage":"...","showType":2,...}
 * }</pre>
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class EnvelopeWebFluxExceptionHandler {

	private final ServerEnvelopes envelopes;

	/** @param envelopes the shared mapping */
	public EnvelopeWebFluxExceptionHandler(ServerEnvelopes envelopes) {
		this.envelopes = envelopes;
	}

	/**
	 * @param error what was thrown
	 * @param exchange the exchange
	 * @return the envelope, with the status the policy chose
	 */
	@ExceptionHandler(Throwable.class)
	public ResponseEntity<Map<String, Object>> handle(Throwable error, ServerWebExchange exchange) {
		String traceId = ServerTraceIds.orNew(exchange.getAttribute(ServerTraceIds.ATTRIBUTE), this.envelopes);
		ErrorAnswer answer = this.envelopes.error(error,
				exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value(), traceId);
		this.envelopes.log(answer);
		return ResponseEntity.status(answer.status())
			.headers(answer.headers())
			.contentType(MediaType.APPLICATION_JSON)
			.body(answer.body());
	}

}
