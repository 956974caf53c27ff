package io.github.diospring.envelope;

import org.jspecify.annotations.Nullable;

/**
 * Reads a response body as an envelope (umi's {@code errorConfig.adaptor}). The default,
 * {@link DefaultErrorAdaptor}, reads configurable field names and Spring Boot's error JSON; write
 * your own for other formats. Bodies arrive as decoded JSON: {@code Map}/{@code List}, a Jackson
 * {@code JsonNode}, or text. For a typed call the data is decoded once, into the caller's type: a
 * JSON object's data field holds it as a {@code POJONode}, and a top-level JSON array (no envelope)
 * arrives as that value itself.
 *
 * <pre>{@code
 * // {"code":"0","msg":"ok","payload":{...}}
 * ErrorAdaptor adaptor = (body, context) -> body instanceof Map<?, ?> map && map.containsKey("code")
 *         ? new ErrorInfo("0".equals(String.valueOf(map.get("code"))), map.get("payload"), map.get("code"),
 *                 (String) map.get("msg"), ShowType.ERROR_MESSAGE, null, null, Map.of())
 *         : null;
 * }</pre>
 */
@FunctionalInterface
public interface ErrorAdaptor {

	/**
	 * @param body the decoded body
	 * @param context the request and response
	 * @return what the envelope says, or {@code null} when the body is not an envelope
	 */
	@Nullable ErrorInfo adapt(@Nullable Object body, ErrorContext context);

}
