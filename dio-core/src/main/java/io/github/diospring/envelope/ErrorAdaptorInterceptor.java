package io.github.diospring.envelope;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.ResponseType;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import io.github.diospring.interceptor.ResponseInterceptorHandler;
import io.github.diospring.transformer.Transformer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.POJONode;

/**
 * umi 3's envelope handling, with the fixes umi users keep asking for:
 * <ul>
 * <li>a 2xx whose envelope says {@code success: false} (the JSON boolean only) fails with a
 * {@link BizException} of type BIZ_ERROR; missing, {@code null}, {@code 0} or {@code "false"}
 * succeed, as in umi;</li>
 * <li>error statuses are adapted too (envelopes and Spring Boot's error JSON): the
 * {@link ErrorInfo} travels on a BAD_RESPONSE {@link BizException} whose message is the
 * errorMessage; HTML or empty error bodies get a non-empty message;</li>
 * <li>an adaptor that throws keeps the original error as the cause;</li>
 * <li>every failure but a cancellation goes to the {@link ErrorNotifier} by its showType;</li>
 * <li>{@code traceId}/{@code host} come from the body, else from trace headers, and appear in
 * messages and logs;</li>
 * <li>typed calls get the envelope's {@code data}: {@code dio.get("/users/1", User.class)} against
 * {@code {"success":true,"data":{...}}} yields the User, decoded once; untyped calls get the whole
 * envelope;</li>
 * <li>per request, {@code extra("skipErrorHandler", true)} (umi 3's semantics): a 2xx
 * {@code success:false} resolves and failures pass through raw, unreported; and
 * {@code extra(ErrorAdaptorInterceptor.DATA_FIELD, "")} returns the whole envelope.</li>
 * </ul>
 *
 * <pre>{@code
 * dio.interceptors().add(new ErrorAdaptorInterceptor(
 *         new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, jsonMapper), new LoggingErrorNotifier(),
 *         EnvelopeSettings.DEFAULTS, jsonMapper));
 * User user = dio.get("/users/1", User.class).block().data();
 * }</pre>
 */
public class ErrorAdaptorInterceptor implements Interceptor {

	/**
	 * Where the auto-configuration puts it: after the cookie manager ({@code -1000}) and the
	 * application's interceptors (unordered beans count as {@code 0}), just before the log
	 * interceptor ({@code Integer.MAX_VALUE - 100}): it sees the final request (its response type
	 * and result type decide how the body is decoded), and the application's {@code onError} sees
	 * the raw error before it is adapted.
	 */
	public static final int ORDER = Integer.MAX_VALUE - 200;

	/** Request extra key (umi 3's option name): {@code true} bypasses the envelope handling. */
	public static final String SKIP_ERROR_HANDLER = "skipErrorHandler";

	/** Request extra key: the data field to unwrap for this request; empty for the whole envelope. */
	public static final String DATA_FIELD = "dio.envelope.dataField";

	private final ErrorAdaptor adaptor;

	private final ErrorNotifier notifier;

	private final EnvelopeSettings settings;

	private final JsonMapper jsonMapper;

	/**
	 * @param adaptor reads bodies as envelopes
	 * @param notifier told about failures
	 * @param settings unwrapping and reporting settings
	 * @param jsonMapper to turn tree bodies into plain values for exceptions
	 */
	public ErrorAdaptorInterceptor(ErrorAdaptor adaptor, ErrorNotifier notifier, EnvelopeSettings settings,
			JsonMapper jsonMapper) {
		this.adaptor = adaptor;
		this.notifier = notifier;
		this.settings = settings;
		this.jsonMapper = jsonMapper;
	}

	/** @return the settings */
	public EnvelopeSettings settings() {
		return this.settings;
	}

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		if (!skipped(options) && options.responseType() == ResponseType.JSON && unwrapsInto(options)) {
			// the data field goes straight into the caller's type while the rest is read beside it
			handler.next(options.copyWith(b -> b.extra(Transformer.DECODE_AS_TREE_MAX_BYTES, this.settings.maxInspectBytes())
				.extra(Transformer.DECODE_DATA_FIELD, dataField(options))));
			return;
		}
		handler.next(options);
	}

	@Override
	public void onResponse(Response<Object> response, ResponseInterceptorHandler handler) {
		RequestOptions options = response.requestOptions();
		if (skipped(options) || tooLarge(response) || response.data() instanceof ResponseBody) {
			handler.next(response);
			return;
		}
		ErrorInfo info;
		try {
			info = this.adaptor.adapt(response.data(),
					new ErrorContext(options, response.statusCode(), response.headers()));
		}
		catch (RuntimeException ex) {
			AdaptorFailure failure = new AdaptorFailure(DioExceptionType.UNKNOWN, plain(response),
					"The error adaptor failed on " + describe(response) + ": " + ex.getMessage(), ex);
			report(ErrorInfo.ofMessage(null, cap(failure.getMessage())), failure);
			handler.reject(failure, true);
			return;
		}
		if (info == null) {
			handler.next(response);
			return;
		}
		if (info.isFailure()) {
			String serverMessage = serverMessage(info);
			info = completed(info, response);
			BizException error = new BizException(DioExceptionType.BIZ_ERROR, plain(response), info,
					message(info), null, serverMessage);
			report(info, error);
			handler.reject(error, true);
			return;
		}
		handler.next(unwrap(response, info));
	}

	@Override
	public void onError(DioException error, ErrorInterceptorHandler handler) {
		RequestOptions options = error.requestOptions();
		if (error.type() == DioExceptionType.CANCEL || (options != null && skipped(options))) {
			handler.next(error);
			return;
		}
		if (error instanceof BizException biz) {
			// one the adaptor made has been told already; one an interceptor threw has not
			if (!biz.reported) {
				report(biz.errorInfo().capped(this.settings.maxMessageLength()), biz);
			}
			handler.next(error);
			return;
		}
		Response<?> response = error.response();
		if (error instanceof AdaptorFailure || error.type() != DioExceptionType.BAD_RESPONSE || response == null) {
			if (!(error instanceof AdaptorFailure)) {
				report(ErrorInfo.ofMessage(error.type().name(), cap(String.valueOf(error.getMessage()))), error);
			}
			handler.next(error);
			return;
		}
		ErrorInfo info;
		try {
			info = tooLarge(response) ? null
					: this.adaptor.adapt(response.data(), new ErrorContext(response.requestOptions(),
							response.statusCode(), response.headers()));
		}
		catch (RuntimeException ex) {
			AdaptorFailure failure = new AdaptorFailure(DioExceptionType.BAD_RESPONSE, response,
					"The error adaptor failed on " + describe(response) + ": " + ex.getMessage(), error);
			failure.addSuppressed(ex);
			report(ErrorInfo.ofMessage(response.statusCode(), cap(failure.getMessage())), failure);
			handler.next(failure);
			return;
		}
		if (info == null) {
			info = ErrorInfo.ofMessage(response.statusCode(), "");
		}
		String serverMessage = serverMessage(info);
		info = completed(info, response);
		BizException adapted = new BizException(DioExceptionType.BAD_RESPONSE, response, info, message(info), error,
				serverMessage);
		report(info, adapted);
		handler.next(adapted);
	}

	/** The server's own words, or null when it sent none (or dio wrote them). */
	private @Nullable String serverMessage(ErrorInfo info) {
		String text = info.errorMessage();
		return (info.origin() == ErrorInfo.Origin.CLIENT || text == null || text.isBlank()) ? null : cap(text);
	}

	/** The same fallback message and trace id on every path, everything cut at the configured length. */
	private ErrorInfo completed(ErrorInfo info, Response<?> response) {
		ErrorInfo complete = info.withTraceFallback(traceId(response), null);
		if (complete.errorMessage() == null || complete.errorMessage().isBlank()) {
			complete = complete.withErrorMessage(fallbackMessage(response, complete));
		}
		return complete.capped(this.settings.maxMessageLength());
	}

	/** The caller asked for a type the envelope's data can be unwrapped into. */
	private boolean unwrapsInto(RequestOptions options) {
		Object type = options.extra().get(io.github.diospring.RequestOptions.RESULT_TYPE);
		if (!(type instanceof Type t)) {
			return false;
		}
		Type raw = (t instanceof ParameterizedType p) ? p.getRawType() : t;
		return !(raw == Object.class || raw == String.class || raw == byte[].class || raw == ResponseBody.class
				|| (raw instanceof Class<?> c && (Map.class.isAssignableFrom(c) || JsonNode.class.isAssignableFrom(c))));
	}

	private Response<Object> unwrap(Response<Object> response, ErrorInfo info) {
		String dataField = dataField(response.requestOptions());
		if (dataField.isEmpty() || info.success() == null || !(response.data() instanceof JsonNode tree)) {
			return response;
		}
		// the field itself when the tree has it; otherwise what a custom adaptor called the data
		Object data = tree.has(dataField) ? tree.get(dataField) : info.data();
		if (data instanceof POJONode decoded) {
			// already the caller's type: the transformer decoded it while reading the envelope
			data = decoded.getPojo();
		}
		return response.withData((data != null) ? data : tools.jackson.databind.node.NullNode.getInstance());
	}

	private String dataField(RequestOptions options) {
		Object field = options.extra().get(DATA_FIELD);
		return (field instanceof String s) ? s : this.settings.dataField();
	}

	private void report(ErrorInfo info, DioException error) {
		if (error instanceof BizException biz) {
			biz.reported = true;
		}
		try {
			this.notifier.notify(info, error, this.settings);
		}
		catch (RuntimeException ex) {
			org.slf4j.LoggerFactory.getLogger(ErrorAdaptorInterceptor.class)
				.warn("The ErrorNotifier failed; the request's error is unaffected", ex);
		}
	}

	private String message(ErrorInfo info) {
		StringBuilder message = new StringBuilder(String.valueOf(info.errorMessage()));
		StringBuilder details = new StringBuilder();
		append(details, "errorCode", info.errorCodeText());
		append(details, "traceId", info.traceId());
		append(details, "host", info.host());
		if (details.length() > 0) {
			message.append(" (").append(details).append(')');
		}
		return message.toString();
	}

	private static void append(StringBuilder details, String name, @Nullable String value) {
		if (value != null) {
			if (details.length() > 0) {
				details.append(", ");
			}
			details.append(name).append('=').append(value);
		}
	}

	private String cap(String text) {
		int max = this.settings.maxMessageLength();
		return (text.length() <= max) ? text : text.substring(0, max) + "…";
	}

	/** One fallback for every failure the server did not explain: what failed, and where. */
	private static String fallbackMessage(Response<?> response, ErrorInfo info) {
		String reason = response.statusMessage().isEmpty() ? "" : " " + response.statusMessage();
		String verdict = (response.statusCode() < 400 && info.isFailure()) ? " (success: false, no errorMessage)" : "";
		return "Request failed with status " + response.statusCode() + reason + verdict + ": " + describe(response);
	}

	private static String describe(Response<?> response) {
		return response.requestOptions().method() + " " + response.realUri();
	}

	/**
	 * Larger than the inspection cap: by the bytes that really arrived (counted as they came, so a
	 * chunked body is measured too), else by its Content-Length.
	 */
	private boolean tooLarge(Response<?> response) {
		if (response.extra().get(Response.RECEIVED_BYTES) instanceof Number received) {
			return received.longValue() > this.settings.maxInspectBytes();
		}
		Headers headers = response.headers();
		String length = headers.contains(Headers.CONTENT_LENGTH) ? headers.get(Headers.CONTENT_LENGTH).get(0) : null;
		try {
			return length != null && Long.parseLong(length.trim()) > this.settings.maxInspectBytes();
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** The body's wins; then the response headers; then the trace this request was sent in (its traceparent). */
	private @Nullable String traceId(Response<?> response) {
		String fromResponse = traceIdFromHeaders(response.headers());
		if (fromResponse != null) {
			return fromResponse;
		}
		java.util.List<String> sent = response.requestOptions().headers().get("traceparent");
		if (sent != null && !sent.isEmpty()) {
			String[] parts = sent.get(0).trim().split("-");
			return (parts.length >= 4 && parts[1].length() == 32) ? parts[1] : null;
		}
		return null;
	}

	private @Nullable String traceIdFromHeaders(Headers headers) {
		for (String name : this.settings.traceHeaders()) {
			java.util.List<String> values = headers.get(name);
			if (values == null || values.isEmpty()) {
				continue;
			}
			String value = values.get(0).trim();
			if (name.equalsIgnoreCase("traceparent")) {
				String[] parts = value.split("-");
				if (parts.length >= 4 && parts[1].length() == 32) {
					return parts[1];
				}
				continue;
			}
			if (!value.isEmpty()) {
				return value;
			}
		}
		return null;
	}

	/** The exception's response carries plain Maps and Lists, not the decoding tree. */
	private Response<?> plain(Response<Object> response) {
		if (response.data() instanceof JsonNode tree) {
			return response.withData(this.jsonMapper.convertValue(tree, Object.class));
		}
		return response;
	}

	private static boolean skipped(RequestOptions options) {
		Object skip = options.extra().get(SKIP_ERROR_HANDLER);
		return Boolean.TRUE.equals(skip) || "true".equals(skip);
	}

	/** An adaptor that threw; already reported. */
	static final class AdaptorFailure extends DioException {

		private static final long serialVersionUID = 1L;

		AdaptorFailure(DioExceptionType type, Response<?> response, String message, Throwable cause) {
			super(type, response.requestOptions(), response, message, cause);
		}

	}

}
