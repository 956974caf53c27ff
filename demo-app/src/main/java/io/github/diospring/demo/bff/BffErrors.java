package io.github.diospring.demo.bff;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.envelope.BizException;
import io.github.diospring.envelope.ErrorInfo;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns upstream failures into the envelope for the browser, so an Ant Design Pro front end shows
 * them by showType: a business error stays a 200 with {@code success: false} (as umi expects); an
 * adapted error status keeps its status; transport failures become 502/504 with a readable message.
 *
 * <pre>{@code
 * {"success":false,"errorCode":"USER_NOT_FOUND","errorMessage":"用户不存在: 9","showType":2,"traceId":"...","host":"upstream-1"}
 * }</pre>
 */
@RestControllerAdvice
class BffErrors {

	@ExceptionHandler(BizException.class)
	ResponseEntity<Map<String, Object>> business(BizException e) {
		ErrorInfo info = e.errorInfo();
		HttpStatus status = (e.type() == DioExceptionType.BIZ_ERROR) ? HttpStatus.OK
				: HttpStatus.valueOf(e.response().statusCode());
		return ResponseEntity.status(status).body(envelope(info.errorCodeText(), info.errorMessage(),
				info.showType().code(), info.traceId(), info.host()));
	}

	@ExceptionHandler(DioException.class)
	ResponseEntity<Map<String, Object>> transport(DioException e) {
		HttpStatus status = switch (e.type()) {
			case CONNECTION_TIMEOUT, SEND_TIMEOUT, RECEIVE_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
			default -> HttpStatus.BAD_GATEWAY;
		};
		return ResponseEntity.status(status).body(envelope(e.type().name(), e.getMessage(), 2, null, null));
	}

	private static Map<String, Object> envelope(String errorCode, String errorMessage, int showType, String traceId,
			String host) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", false);
		body.put("errorCode", errorCode);
		body.put("errorMessage", errorMessage);
		body.put("showType", showType);
		body.put("traceId", traceId);
		body.put("host", host);
		return body;
	}

}
