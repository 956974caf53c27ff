package io.github.diospring.demo.upstream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Ant Design Pro envelope the upstream speaks: {@code success}, {@code data}, {@code errorCode},
 * {@code errorMessage}, {@code showType}, {@code traceId}, {@code host}.
 *
 * <pre>{@code
 * return Envelope.ok(user);
 * return Envelope.fail("USER_NOT_FOUND", "用户不存在", 2);
 * }</pre>
 */
public final class Envelope {

	private Envelope() {
	}

	public static Map<String, Object> ok(Object data) {
		Map<String, Object> body = base(true);
		body.put("data", data);
		return body;
	}

	public static Map<String, Object> fail(String errorCode, String errorMessage, int showType) {
		Map<String, Object> body = base(false);
		body.put("errorCode", errorCode);
		body.put("errorMessage", errorMessage);
		body.put("showType", showType);
		return body;
	}

	private static Map<String, Object> base(boolean success) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", success);
		body.put("traceId", UUID.randomUUID().toString().replace("-", ""));
		body.put("host", "upstream-1");
		return body;
	}

}
