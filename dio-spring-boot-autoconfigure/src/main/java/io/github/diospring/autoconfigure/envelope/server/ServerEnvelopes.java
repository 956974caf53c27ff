package io.github.diospring.autoconfigure.envelope.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.envelope.BizException;
import io.github.diospring.envelope.EnvelopeError;
import io.github.diospring.envelope.ErrorInfo;
import io.github.diospring.envelope.ShowType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.logging.LogLevel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.web.ErrorResponse;

/**
 * The one mapping from results and exceptions to the envelope, shared by the MVC and the WebFlux
 * adapters (and usable in your own handlers):
 * <ul>
 * <li>a {@link BizException} from a dio client passes on what the upstream's envelope said
 * (errorCode as sent, errorMessage, showType numbered for {@link FrontEnd this front end},
 * traceId, host); an error the upstream did not explain gets a safe message;</li>
 * <li>an application's {@link EnvelopeError} (such as {@code BizError}) becomes its envelope;</li>
 * <li>a dio transport failure gets a stable errorCode, its {@link DioExceptionType}'s name, and a
 * message without URLs, hosts, ports or bodies: the detail goes to the log with the traceId;</li>
 * <li>Spring's errors (validation with field messages, 404, 405, {@code ResponseStatusException},
 * any {@code ErrorResponse}) keep the status Spring chose;</li>
 * <li>anything else is a 500 whose stack trace is logged, never answered.</li>
 * </ul>
 *
 * <pre>{@code
 * ErrorAnswer answer = envelopes.error(new BizError("BALANCE_LOW", "余额不足"), "POST /api/pay", traceId);
 * // 200 {"success":false,"errorCode":"BALANCE_LOW","errorMessage":"余额不足","showType":2,"traceId":"...","host":"web-1"}
 * }</pre>
 */
public class ServerEnvelopes {

	private static final Logger logger = LoggerFactory.getLogger(ServerEnvelopes.class);

	/** errorCode of validation failures. */
	public static final String VALIDATION_FAILED = "VALIDATION_FAILED";

	/** errorCode of unexpected exceptions. */
	public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

	private static final Map<String, String> DEFAULT_MESSAGES = Map.of(
			DioExceptionType.CONNECTION_TIMEOUT.name(), "The upstream service did not accept the connection in time, please retry.",
			DioExceptionType.SEND_TIMEOUT.name(), "Sending the request to the upstream service took too long, please retry.",
			DioExceptionType.RECEIVE_TIMEOUT.name(), "The upstream service did not answer in time, please retry.",
			DioExceptionType.BAD_CERTIFICATE.name(), "The upstream service could not be verified.",
			DioExceptionType.CONNECTION_ERROR.name(), "The upstream service cannot be reached, please retry.",
			DioExceptionType.CANCEL.name(), "The request was cancelled.",
			DioExceptionType.BAD_RESPONSE.name(), "The upstream service answered with an error.",
			DioExceptionType.BIZ_ERROR.name(), "The upstream service reported a failure.",
			DioExceptionType.UNKNOWN.name(), "The upstream service's answer could not be processed.",
			INTERNAL_ERROR, "Internal server error, please retry.");

	private final FrontEnd frontEnd;

	private final StatusPolicy statusPolicy;

	private final String host;

	private final Map<String, String> messages;

	private final @Nullable TraceIdSource traceIds;

	/**
	 * @param frontEnd the numbering of showType
	 * @param statusPolicy the status of error envelopes
	 * @param host the envelope's host
	 * @param messages safe messages by errorCode, overriding the defaults
	 * @param traceIds the current trace, or null to make one per request
	 */
	public ServerEnvelopes(FrontEnd frontEnd, StatusPolicy statusPolicy, String host, Map<String, String> messages,
			@Nullable TraceIdSource traceIds) {
		this.frontEnd = frontEnd;
		this.statusPolicy = statusPolicy;
		this.host = host;
		Map<String, String> all = new LinkedHashMap<>(DEFAULT_MESSAGES);
		all.putAll(messages);
		this.messages = Map.copyOf(all);
		this.traceIds = traceIds;
	}

	/** @return the front end answered */
	public FrontEnd frontEnd() {
		return this.frontEnd;
	}

	/** @return the envelope's host */
	public String host() {
		return this.host;
	}

	/**
	 * The trace id of a new request: the current span's when the application traces, else a fresh
	 * 32-hex-digit id (the shape of a W3C trace id).
	 * @return the trace id
	 */
	public String newTraceId() {
		String current = (this.traceIds != null) ? this.traceIds.currentTraceId() : null;
		if (current != null && !current.isBlank()) {
			return current;
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("%016x%016x", random.nextLong(), random.nextLong());
	}

	/**
	 * @param data the result
	 * @param traceId the request's trace id
	 * @return {@code {success: true, data, traceId, host}}
	 */
	public Map<String, Object> success(@Nullable Object data, String traceId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", true);
		body.put("data", data);
		body.put("traceId", traceId);
		body.put("host", this.host);
		return body;
	}

	/**
	 * @param error what the handler threw
	 * @param request {@code METHOD /path}, for the log line (no query: it may carry tokens)
	 * @param traceId the request's trace id
	 * @return the answer, and its log line
	 */
	public ErrorAnswer error(Throwable error, String request, String traceId) {
		Throwable e = unwrap(error);
		if (e instanceof BizException biz) {
			return upstream(biz, request, traceId);
		}
		if (e instanceof EnvelopeError app) {
			Map<String, Object> body = body(app.data(), app.errorCode(), app.errorMessage(), app.showType(), traceId, this.host);
			return answer(HttpStatus.OK.value(), true, body, HttpHeaders.EMPTY, LogLevel.INFO,
					request + " answered business error " + app.errorCode() + ": " + app.errorMessage() + " (traceId=" + traceId + ")", null);
		}
		if (e instanceof DioException dio) {
			String code = dio.type().name();
			int status = isTimeout(dio.type()) ? HttpStatus.GATEWAY_TIMEOUT.value() : HttpStatus.BAD_GATEWAY.value();
			return answer(status, false, body(null, code, message(code), ShowType.ERROR_MESSAGE, traceId, this.host),
					HttpHeaders.EMPTY, LogLevel.WARN, request + " failed upstream: " + code + " (traceId=" + traceId + "): "
							+ dio.getMessage(), null);
		}
		if (e instanceof BindingResult binding) {
			return validation(fieldMessages(binding), request, traceId);
		}
		if (e instanceof MethodValidationResult validation) {
			Map<String, String> fields = new TreeMap<>();
			validation.getParameterValidationResults().forEach(result -> result.getResolvableErrors()
				.forEach(r -> fields.merge(name(result.getMethodParameter().getParameterName()),
						String.valueOf(r.getDefaultMessage()), (a, b) -> a)));
			return validation(fields, request, traceId);
		}
		if (e instanceof ErrorResponse response) {
			return spring(response.getStatusCode().value(), response.getBody(), response.getHeaders(), request, traceId, e);
		}
		if (e instanceof HttpMessageNotReadableException) {
			return spring(400, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body cannot be read."),
					HttpHeaders.EMPTY, request, traceId, e);
		}
		if (e instanceof TypeMismatchException mismatch) {
			String name = (mismatch.getPropertyName() != null) ? mismatch.getPropertyName() : "a parameter";
			return spring(400, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid value for " + name + "."),
					HttpHeaders.EMPTY, request, traceId, e);
		}
		return answer(HttpStatus.INTERNAL_SERVER_ERROR.value(), false,
				body(null, INTERNAL_ERROR, message(INTERNAL_ERROR), ShowType.ERROR_MESSAGE, traceId, this.host),
				HttpHeaders.EMPTY, LogLevel.ERROR, request + " failed: " + INTERNAL_ERROR + " (traceId=" + traceId + ")", e);
	}

	/**
	 * Logs an answer's line once, at its level, with the traceId in it.
	 * @param answer the answer
	 */
	public void log(ErrorAnswer answer) {
		String line = answer.logMessage();
		Throwable stack = answer.logged();
		switch (answer.level()) {
			case ERROR, FATAL -> logger.error(line, stack);
			case WARN -> logger.warn(line, stack);
			case INFO -> logger.info(line, stack);
			case DEBUG -> logger.debug(line, stack);
			default -> logger.trace(line, stack);
		}
	}

	private ErrorAnswer upstream(BizException biz, String request, String traceId) {
		ErrorInfo info = biz.errorInfo();
		boolean envelope = info.isEnvelope();
		String code = biz.type().name();
		if (envelope) {
			// the upstream's own words: passed on, its showType renumbered for this front end
			String message = (biz.serverMessage() != null) ? biz.serverMessage() : message(code);
			String trace = (info.traceId() != null) ? info.traceId() : traceId;
			String host = (info.host() != null) ? info.host() : this.host;
			int status = (biz.type() == DioExceptionType.BIZ_ERROR) ? 200 : biz.response().statusCode();
			return answer(status, biz.type() == DioExceptionType.BIZ_ERROR,
					body(null, info.errorCode(), message, info.showType(), trace, host), HttpHeaders.EMPTY, LogLevel.DEBUG,
					request + " passed on the upstream's " + info.errorCodeText() + " (traceId=" + trace + ")", null);
		}
		int upstreamStatus = biz.response().statusCode();
		return answer(HttpStatus.BAD_GATEWAY.value(), false,
				body(null, code, message(code), ShowType.ERROR_MESSAGE, traceId, this.host), HttpHeaders.EMPTY,
				(upstreamStatus >= 500) ? LogLevel.WARN : LogLevel.INFO,
				request + " failed upstream: " + code + " " + upstreamStatus + " (traceId=" + traceId + "): " + biz.getMessage(), null);
	}

	private ErrorAnswer validation(Map<String, String> fields, String request, String traceId) {
		StringBuilder message = new StringBuilder();
		fields.forEach((field, text) -> message.append((message.length() > 0) ? "; " : "").append(field).append(": ").append(text));
		String text = (message.length() > 0) ? message.toString() : "The request is invalid.";
		return answer(HttpStatus.BAD_REQUEST.value(), false,
				body(fields.isEmpty() ? null : fields, VALIDATION_FAILED, text, ShowType.WARN_MESSAGE, traceId, this.host),
				HttpHeaders.EMPTY, LogLevel.INFO, request + " was invalid: " + text + " (traceId=" + traceId + ")", null);
	}

	private ErrorAnswer spring(int status, ProblemDetail problem, HttpHeaders headers, String request, String traceId,
			Throwable error) {
		HttpStatus known = HttpStatus.resolve(status);
		String code = (known != null) ? known.name() : String.valueOf(status);
		String message = (problem.getDetail() != null) ? problem.getDetail()
				: (problem.getTitle() != null) ? problem.getTitle() : (known != null) ? known.getReasonPhrase() : code;
		LogLevel level = (status >= 500) ? LogLevel.ERROR : LogLevel.INFO;
		return answer(status, false, body(null, code, message, ShowType.ERROR_MESSAGE, traceId, this.host), headers, level,
				request + " answered " + status + " " + code + ": " + message + " (traceId=" + traceId + ")",
				(status >= 500) ? error : null);
	}

	private ErrorAnswer answer(int status, boolean business, Map<String, Object> body, HttpHeaders headers, LogLevel level,
			String logMessage, @Nullable Throwable logged) {
		int answered = (this.statusPolicy == StatusPolicy.ALWAYS_OK || business) ? HttpStatus.OK.value() : status;
		return new ErrorAnswer(answered, body, headers, level, logMessage, logged);
	}

	private Map<String, Object> body(@Nullable Object data, @Nullable Object errorCode, String errorMessage,
			ShowType showType, String traceId, String host) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", false);
		if (data != null) {
			body.put("data", data);
		}
		if (errorCode != null) {
			body.put("errorCode", errorCode);
		}
		body.put("errorMessage", errorMessage);
		body.put("showType", showType.code(this.frontEnd.notificationShowType()));
		body.put("traceId", traceId);
		body.put("host", host);
		return body;
	}

	private String message(String code) {
		return this.messages.getOrDefault(code, this.messages.get(INTERNAL_ERROR));
	}

	private static boolean isTimeout(DioExceptionType type) {
		return type == DioExceptionType.CONNECTION_TIMEOUT || type == DioExceptionType.SEND_TIMEOUT
				|| type == DioExceptionType.RECEIVE_TIMEOUT;
	}

	/** Field (or object) names to their first message, in name order: a validator's order is not stable. */
	private static Map<String, String> fieldMessages(BindingResult binding) {
		Map<String, String> fields = new TreeMap<>();
		for (ObjectError error : binding.getAllErrors()) {
			String name = (error instanceof FieldError field) ? field.getField() : error.getObjectName();
			fields.merge(name, String.valueOf(error.getDefaultMessage()), (a, b) -> (a.compareTo(b) <= 0) ? a : b);
		}
		return fields;
	}

	private static String name(@Nullable String parameter) {
		return (parameter != null) ? parameter : "parameter";
	}

	/** Futures, proxies and Reactor's {@code block()} wrap what handlers throw; answer the cause. */
	private static Throwable unwrap(Throwable error) {
		Throwable e = reactor.core.Exceptions.unwrap(error);
		while ((e instanceof java.util.concurrent.CompletionException
				|| e instanceof java.util.concurrent.ExecutionException
				|| e instanceof java.lang.reflect.UndeclaredThrowableException) && e.getCause() != null) {
			e = reactor.core.Exceptions.unwrap(e.getCause());
		}
		return e;
	}

}
