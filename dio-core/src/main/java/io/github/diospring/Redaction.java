package io.github.diospring;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one policy that keeps secrets out of messages and logs: {@link DioException} messages and
 * {@code toString()}, {@link RequestOptions#toString()}, the {@code LogInterceptor} and the
 * actuator endpoint all print through it. An immutable value.
 * <ul>
 * <li>URL user info ({@code user:password@}) is always masked.</li>
 * <li>Values of sensitive <b>headers</b>, <b>query parameters</b> and <b>body fields</b> (JSON
 * objects, maps, {@code x-www-form-urlencoded} text) are replaced by {@value #MASK}; names match
 * ignoring case, and a nested form key {@code user[password]} matches by its last part.</li>
 * <li>The three name lists default to {@link #DEFAULT_NAMES} each.</li>
 * <li>Only bodies already in memory are redacted; streams are never read to be logged.</li>
 * </ul>
 * A client carries its policy in its options' {@code extra} under {@link #EXTRA_KEY} (the Spring
 * Boot starter puts the one configured under {@code dio.log.redact.*} there); a request without one
 * uses {@link #defaults()}.
 *
 * <pre>{@code
 * Redaction policy = Redaction.defaults().withHeaders(Set.of("authorization", "x-tenant-secret"));
 * Dio dio = Dio.create(BaseOptions.builder().baseUrl("https://api.example.com")
 *         .extra(Redaction.EXTRA_KEY, policy).build());
 * policy.uri(URI.create("https://ann:pw@api.example.com/x?access_token=abc&page=2"));
 * // "https://██@api.example.com/x?access_token=██&page=2"
 * }</pre>
 */
public final class Redaction {

	/** What replaces a secret. */
	public static final String MASK = "██";

	/** The {@code extra} key under which a client's options carry its policy. */
	public static final String EXTRA_KEY = "dio.redaction";

	/** The names redacted by default, as headers, query parameters and body fields alike. */
	public static final Set<String> DEFAULT_NAMES = Set.of("authorization", "cookie", "set-cookie",
			"proxy-authorization", "x-api-key", "api-key", "token", "access_token", "refresh_token", "password",
			"secret", "client_secret");

	private static final Redaction DEFAULTS = new Redaction(DEFAULT_NAMES, DEFAULT_NAMES, DEFAULT_NAMES);

	/** {@code scheme://userinfo@}: the user info of any URL in a text. */
	private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#@\\s]+@");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Set<String> headers;

	private final Set<String> queryParameters;

	private final Set<String> bodyFields;

	/** {@code ?name=value} or {@code &name=value} of a sensitive query parameter, anywhere in a text. */
	private final @Nullable Pattern queryInText;

	private Redaction(Collection<String> headers, Collection<String> queryParameters, Collection<String> bodyFields) {
		this.headers = lower(headers);
		this.queryParameters = lower(queryParameters);
		this.bodyFields = lower(bodyFields);
		this.queryInText = this.queryParameters.isEmpty() ? null
				: Pattern.compile("(?i)([?&](?:" + this.queryParameters.stream().map(Pattern::quote)
					.collect(Collectors.joining("|")) + ")=)[^&#\\s\"'<>]*");
	}

	/** @return the default policy: {@link #DEFAULT_NAMES} as headers, query parameters and body fields */
	public static Redaction defaults() {
		return DEFAULTS;
	}

	/**
	 * @param options a request, or null
	 * @return the policy its client carries under {@link #EXTRA_KEY}, or the defaults
	 */
	public static Redaction of(@Nullable RequestOptions options) {
		return (options != null && options.extra().get(EXTRA_KEY) instanceof Redaction policy) ? policy : DEFAULTS;
	}

	/**
	 * @param options a client's options
	 * @return the policy they carry under {@link #EXTRA_KEY}, or the defaults
	 */
	public static Redaction of(BaseOptions options) {
		return (options.extra().get(EXTRA_KEY) instanceof Redaction policy) ? policy : DEFAULTS;
	}

	/**
	 * @param parameters query parameters (or any name-to-value map)
	 * @return a copy whose sensitive values are masked
	 */
	public Map<String, @Nullable Object> queryParameters(Map<String, @Nullable Object> parameters) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		parameters.forEach((k, v) -> out.put(k, isSensitiveName(k, this.queryParameters) ? MASK : v));
		return out;
	}

	/** @param names sensitive header names, replacing these (empty: none) @return the new policy */
	public Redaction withHeaders(Collection<String> names) {
		return new Redaction(names, this.queryParameters, this.bodyFields);
	}

	/** @param names sensitive query parameter names, replacing these (empty: none) @return the new policy */
	public Redaction withQueryParameters(Collection<String> names) {
		return new Redaction(this.headers, names, this.bodyFields);
	}

	/** @param names sensitive body field names, replacing these (empty: none) @return the new policy */
	public Redaction withBodyFields(Collection<String> names) {
		return new Redaction(this.headers, this.queryParameters, names);
	}

	/** @return the sensitive header names, lower case */
	public Set<String> headers() {
		return this.headers;
	}

	/** @return the sensitive query parameter names, lower case */
	public Set<String> queryParameters() {
		return this.queryParameters;
	}

	/** @return the sensitive body field names, lower case */
	public Set<String> bodyFields() {
		return this.bodyFields;
	}

	/**
	 * @param name a header name, any case
	 * @return whether its value is masked
	 */
	public boolean isSensitiveHeader(String name) {
		return this.headers.contains(name.trim().toLowerCase(Locale.ROOT));
	}

	/**
	 * @param name a header name
	 * @param value its value
	 * @return the value, or {@link #MASK} for a sensitive header
	 */
	public String headerValue(String name, String value) {
		return isSensitiveHeader(name) ? MASK : value;
	}

	/**
	 * @param headers headers
	 * @return one {@code name: value} line per header, sensitive values masked
	 */
	public Map<String, String> headers(Headers headers) {
		Map<String, String> out = new LinkedHashMap<>();
		headers.forEach((name, values) -> out.put(name, isSensitiveHeader(name) ? MASK : String.join(", ", values)));
		return out;
	}

	/**
	 * @param uri a URI
	 * @return its text with user info and sensitive query values masked
	 */
	public String uri(URI uri) {
		if (uri.isOpaque() || uri.getRawAuthority() == null) {
			return text(uri.toString());
		}
		StringBuilder out = new StringBuilder();
		if (uri.getScheme() != null) {
			out.append(uri.getScheme()).append(':');
		}
		out.append("//");
		if (uri.getRawUserInfo() != null) {
			out.append(MASK).append('@');
		}
		out.append((uri.getHost() != null) ? uri.getHost() : uri.getRawAuthority().replaceFirst("^.*@", ""));
		if (uri.getHost() != null && uri.getPort() >= 0) {
			out.append(':').append(uri.getPort());
		}
		if (uri.getRawPath() != null) {
			out.append(uri.getRawPath());
		}
		if (uri.getRawQuery() != null) {
			out.append('?').append(pairs(uri.getRawQuery(), this.queryParameters));
		}
		if (uri.getRawFragment() != null) {
			out.append('#').append(uri.getRawFragment());
		}
		return out.toString();
	}

	/**
	 * Masks what looks like a secret in free text, such as an error message that quotes a URL:
	 * the user info of every {@code scheme://user@host} and the values of sensitive query parameters.
	 * @param text any text
	 * @return the text with those parts masked
	 */
	public String text(String text) {
		String out = USER_INFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
		if (this.queryInText != null && (out.indexOf('?') >= 0 || out.indexOf('&') >= 0)) {
			out = this.queryInText.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
		}
		return out;
	}

	/**
	 * A body as it may be shown: maps and lists (JSON bodies before encoding, decoded JSON
	 * responses) copied with sensitive fields masked at any depth; JSON text and
	 * {@code x-www-form-urlencoded} text likewise; anything else as it is. Never reads a stream.
	 * @param data a body
	 * @param contentType its content type, or null
	 * @return the body to show
	 */
	public @Nullable Object body(@Nullable Object data, @Nullable String contentType) {
		if (this.bodyFields.isEmpty()) {
			return data;
		}
		if (data instanceof Map<?, ?> || data instanceof List<?>) {
			return redactValue(data);
		}
		if (data instanceof String text) {
			String type = (contentType != null) ? contentType.toLowerCase(Locale.ROOT) : "";
			String trimmed = text.stripLeading();
			if (type.contains("json") || trimmed.startsWith("{") || trimmed.startsWith("[")) {
				return json(text);
			}
			if (type.startsWith(Headers.FORM_URL_ENCODED_CONTENT_TYPE)) {
				return pairs(text, this.bodyFields);
			}
		}
		return data;
	}

	private @Nullable Object redactValue(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, @Nullable Object> copy = new LinkedHashMap<>();
			map.forEach((k, v) -> copy.put(k, isSensitiveName(String.valueOf(k), this.bodyFields) ? MASK : redactValue(v)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>(list.size());
			list.forEach(v -> copy.add(redactValue(v)));
			return copy;
		}
		return value;
	}

	private String json(String text) {
		try {
			JsonNode tree = JSON.readTree(text);
			if (tree.isObject() || tree.isArray()) {
				redactTree(tree);
				return tree.toString();
			}
			return text;
		}
		catch (JacksonException ex) {
			// Not JSON after all (or cut short): mask "name": value pairs as text.
			String out = text;
			for (String field : this.bodyFields) {
				out = out.replaceAll("(?i)(\"" + Pattern.quote(field) + "\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]*)",
						"$1\"" + Matcher.quoteReplacement(MASK) + "\"");
			}
			return out;
		}
	}

	private void redactTree(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (String name : new ArrayList<>(object.propertyNames())) {
				if (isSensitiveName(name, this.bodyFields)) {
					object.put(name, MASK);
				}
				else {
					redactTree(object.get(name));
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(this::redactTree);
		}
	}

	/** {@code a=1&password=x} with the values of sensitive names masked; the rest unchanged. */
	private static String pairs(String text, Set<String> names) {
		if (names.isEmpty()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (String pair : text.split("&", -1)) {
			if (out.length() > 0 || text.startsWith("&")) {
				out.append('&');
			}
			int eq = pair.indexOf('=');
			String name = (eq >= 0) ? pair.substring(0, eq) : pair;
			out.append((eq >= 0 && isSensitiveName(decode(name), names)) ? name + "=" + MASK : pair);
		}
		return out.toString();
	}

	private static boolean isSensitiveName(String name, Set<String> names) {
		String lower = name.trim().toLowerCase(Locale.ROOT);
		if (names.contains(lower)) {
			return true;
		}
		// user[password] and user[password][] are the password of a nested form or query
		String last = lower.replaceAll("(\\[\\])+$", "");
		int open = last.lastIndexOf('[');
		return open >= 0 && last.endsWith("]") && names.contains(last.substring(open + 1, last.length() - 1));
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	private static Set<String> lower(Collection<String> names) {
		Set<String> out = new LinkedHashSet<>();
		names.forEach(n -> out.add(n.trim().toLowerCase(Locale.ROOT)));
		return Set.copyOf(out);
	}

	@Override
	public String toString() {
		return "Redaction[headers=" + this.headers + ", queryParameters=" + this.queryParameters + ", bodyFields="
				+ this.bodyFields + "]";
	}

}
