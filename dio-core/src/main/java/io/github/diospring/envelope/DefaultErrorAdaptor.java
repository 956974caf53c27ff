package io.github.diospring.envelope;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.POJONode;

/**
 * Reads umi's envelope with configurable field names, and the error JSON other servers send:
 * Spring Boot's own ({@code {timestamp, status, error, message, path}}: {@code message}, else
 * {@code error}, becomes the errorMessage and {@code status} the errorCode); and, on error
 * statuses, RFC 9457 problem details ({@code application/problem+json}: {@code detail}, else
 * {@code title}, with {@code status}) and plain {@code {message, status}} objects. A body is an
 * envelope when it is a JSON object holding the success field, the error message field or the
 * error code field. Only a JSON boolean {@code false} fails (never Jackson's coercion of
 * {@code "false"}), unless a success value is configured. Error JSON that is not an envelope is
 * marked {@link ErrorInfo.Origin#ERROR_BODY}: it is not a business error.
 *
 * <pre>{@code
 * ErrorAdaptor adaptor = new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, JsonMapper.builder().build());
 * }</pre>
 */
public class DefaultErrorAdaptor implements ErrorAdaptor {

	private final EnvelopeFields fields;

	private final int notificationShowType;

	private final JsonMapper jsonMapper;

	/**
	 * @param fields the field names
	 * @param notificationShowType 4 (umi 3) or 3 (umi 4, Ant Design Pro)
	 * @param jsonMapper to read tree bodies into plain values
	 */
	public DefaultErrorAdaptor(EnvelopeFields fields, int notificationShowType, JsonMapper jsonMapper) {
		this.fields = fields;
		this.notificationShowType = notificationShowType;
		this.jsonMapper = jsonMapper;
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable ErrorInfo adapt(@Nullable Object body, ErrorContext context) {
		Map<String, @Nullable Object> map;
		if (body instanceof Map<?, ?> m) {
			map = (Map<String, @Nullable Object>) m;
		}
		else if (body instanceof JsonNode node && node.isObject()) {
			map = shallow(node);
		}
		else {
			return null;
		}
		if (map.containsKey(this.fields.success()) || map.containsKey(this.fields.errorMessage())
				|| map.containsKey(this.fields.errorCode())) {
			return envelope(map);
		}
		if (isSpringBootError(map)) {
			return errorBody(map, text(map.get("message")), text(map.get("error")));
		}
		if (context.statusCode() >= 400 && isProblemDetail(map)) {
			return errorBody(map, text(map.get("detail")), text(map.get("title")));
		}
		if (context.statusCode() >= 400 && text(map.get("message")) != null) {
			return errorBody(map, text(map.get("message")), null);
		}
		return null;
	}

	/** The first non-blank text is the message; {@code status} the code. */
	private static ErrorInfo errorBody(Map<String, @Nullable Object> map, @Nullable String message,
			@Nullable String fallback) {
		return new ErrorInfo(false, null, map.get("status"), (message != null) ? message : fallback,
				ShowType.ERROR_MESSAGE, string(map.get("traceId")), null, Map.of(), ErrorInfo.Origin.ERROR_BODY);
	}

	private static boolean isProblemDetail(Map<String, @Nullable Object> map) {
		return (map.containsKey("detail") || map.containsKey("title"))
				&& (map.containsKey("status") || map.containsKey("type"));
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String s && !s.isBlank()) ? s : null;
	}

	/**
	 * The top level of a tree as plain values; nested objects and arrays stay trees, so a large
	 * {@code data} is not converted here (the pipeline converts it once, into the caller's type).
	 */
	private Map<String, @Nullable Object> shallow(JsonNode node) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		for (String name : node.propertyNames()) {
			JsonNode value = node.get(name);
			// a POJONode holds data the transformer already decoded into the caller's type
			map.put(name, (value instanceof POJONode decoded) ? decoded.getPojo()
					: value.isValueNode() ? this.jsonMapper.convertValue(value, Object.class) : value);
		}
		return map;
	}

	private ErrorInfo envelope(Map<String, @Nullable Object> map) {
		Map<String, @Nullable Object> extra = new LinkedHashMap<>(map);
		this.fields.all().forEach(extra::remove);
		return new ErrorInfo(success(map.get(this.fields.success()), map.containsKey(this.fields.success())),
				map.get(this.fields.data()), map.get(this.fields.errorCode()), string(map.get(this.fields.errorMessage())),
				ShowType.of(map.get(this.fields.showType()), this.notificationShowType),
				string(map.get(this.fields.traceId())), string(map.get(this.fields.host())), extra);
	}

	private @Nullable Boolean success(@Nullable Object raw, boolean present) {
		if (this.fields.successValue() != null) {
			return present && this.fields.successValue().equals(String.valueOf(raw));
		}
		return (raw instanceof Boolean b) ? b : null;
	}

	private static boolean isSpringBootError(Map<String, @Nullable Object> map) {
		return map.containsKey("status") && (map.containsKey("error") || map.containsKey("message"))
				&& (map.containsKey("timestamp") || map.containsKey("path"));
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value != null) ? String.valueOf(value) : null;
	}

}
