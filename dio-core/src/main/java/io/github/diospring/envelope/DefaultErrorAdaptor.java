package io.github.diospring.envelope;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads umi's envelope with configurable field names, and Spring Boot's own error JSON
 * ({@code {timestamp, status, error, message, path}}: {@code message}, else {@code error}, becomes
 * the errorMessage and {@code status} the errorCode). A body is an envelope when it is a JSON
 * object holding the success field, the error message field or the error code field. Only a JSON
 * boolean {@code false} fails (never Jackson's coercion of {@code "false"}), unless a success value
 * is configured.
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
			Object message = map.get("message");
			String text = (message instanceof String s && !s.isBlank()) ? s : string(map.get("error"));
			return new ErrorInfo(false, null, map.get("status"), text, ShowType.ERROR_MESSAGE, string(map.get("traceId")),
					null, Map.of());
		}
		return null;
	}

	/**
	 * The top level of a tree as plain values; nested objects and arrays stay trees, so a large
	 * {@code data} is not converted here (the pipeline converts it once, into the caller's type).
	 */
	private Map<String, @Nullable Object> shallow(JsonNode node) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		for (String name : node.propertyNames()) {
			JsonNode value = node.get(name);
			map.put(name, value.isValueNode() ? this.jsonMapper.convertValue(value, Object.class) : value);
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
