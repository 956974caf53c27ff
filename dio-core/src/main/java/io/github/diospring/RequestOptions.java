package io.github.diospring;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.diospring.internal.ParsedUrls;
import io.github.diospring.internal.UrlEncoding;
import org.jspecify.annotations.Nullable;

/**
 * One request, fully resolved (dio's {@code RequestOptions}): what interceptors, the transformer
 * and the adapter see. An immutable value; interceptors derive changed copies with
 * {@link #withHeader}, {@link #withPath} or {@link #toBuilder()} and pass them on with
 * {@code handler.next(copy)}. A request can be re-sent as it is with {@code dio.fetch(options)}.
 *
 * <pre>{@code
 * dio.interceptors().add(InterceptorsWrapper.builder()
 *         .onRequest((options, handler) -> handler.next(options.withHeader("X-Trace", traceId())))
 *         .build());
 * }</pre>
 *
 * @param method the HTTP method, upper case
 * @param baseUrl the client's base URL (ignored when {@code path} is absolute)
 * @param path the path, or an absolute {@code http(s)} URL; may hold {@code {name}} templates
 * @param queryParameters the query, the client's merged with the call's
 * @param pathVariables values for the path's {@code {name}} templates
 * @param data the body: null, a Map/List/String (JSON by default), bytes, a stream...
 * @param headers the headers, the client's merged with the call's
 * @param extra free-form values, the client's merged with the call's
 * @param connectTimeout connect limit; null for none
 * @param sendTimeout upload limit; null for none
 * @param receiveTimeout idle receive limit; null for none
 * @param callTimeout whole-exchange limit; null for none
 * @param maxInMemorySize bytes at most of a body read into memory; -1 for none
 * @param preserveHeaderCase whether header names keep their case on the wire
 * @param responseType how the body is decoded
 * @param validateStatus which statuses succeed
 * @param receiveDataWhenStatusError whether error bodies are read
 * @param followRedirects whether redirects are followed
 * @param maxRedirects redirects followed at most
 * @param persistentConnection keep-alive
 * @param listFormat how lists are written in the query and form bodies
 * @param forceJsonDecode whether JSON is parsed whatever the content type
 * @param requestEncoder text-to-bytes for bodies; null for UTF-8
 * @param responseDecoder bytes-to-text for responses; null for the default
 * @param cancelToken the token that can cancel this request
 * @param onSendProgress told about upload progress
 * @param onReceiveProgress told about download progress
 */
public record RequestOptions(String method, String baseUrl, String path, Map<String, @Nullable Object> queryParameters,
		Map<String, @Nullable Object> pathVariables, @Nullable Object data, Headers headers,
		Map<String, @Nullable Object> extra, @Nullable Duration connectTimeout, @Nullable Duration sendTimeout,
		@Nullable Duration receiveTimeout, @Nullable Duration callTimeout, long maxInMemorySize,
		boolean preserveHeaderCase, ResponseType responseType,
		ValidateStatus validateStatus, boolean receiveDataWhenStatusError, boolean followRedirects, int maxRedirects,
		boolean persistentConnection, ListFormat listFormat, boolean forceJsonDecode,
		@Nullable RequestEncoder requestEncoder, @Nullable ResponseDecoder responseDecoder,
		@Nullable CancelToken cancelToken, @Nullable ProgressCallback onSendProgress,
		@Nullable ProgressCallback onReceiveProgress) {

	/**
	 * Extra key under which a typed call carries its result type ({@link java.lang.reflect.Type}),
	 * so interceptors know what the caller asked for (the envelope check unwraps {@code data} only
	 * for typed calls). Absent for untyped calls, and when the client has no interceptors.
	 */
	public static final String RESULT_TYPE = "dio.resultType";

	/** Validates every field, naming the one that is wrong. */
	public RequestOptions {
		method = OptionChecks.method(method);
		baseUrl = OptionChecks.baseUrl(baseUrl);
		Objects.requireNonNull(path, "path");
		queryParameters = OptionChecks.copy(queryParameters);
		pathVariables = OptionChecks.copy(pathVariables);
		Objects.requireNonNull(headers, "headers");
		extra = OptionChecks.copy(extra);
		connectTimeout = OptionChecks.timeout("connectTimeout", connectTimeout);
		sendTimeout = OptionChecks.timeout("sendTimeout", sendTimeout);
		receiveTimeout = OptionChecks.timeout("receiveTimeout", receiveTimeout);
		callTimeout = OptionChecks.timeout("callTimeout", callTimeout);
		maxInMemorySize = OptionChecks.maxInMemorySize(maxInMemorySize);
		Objects.requireNonNull(responseType, "responseType");
		Objects.requireNonNull(validateStatus, "validateStatus");
		maxRedirects = OptionChecks.maxRedirects(maxRedirects);
		Objects.requireNonNull(listFormat, "listFormat");
	}

	/**
	 * Starts a request from a client's defaults.
	 * @param base the client's options
	 * @return a builder for a GET of the base URL
	 */
	public static Builder builder(BaseOptions base) {
		return new Builder(base);
	}

	/** @return a builder holding these values */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * @param customizer changes to make
	 * @return a changed copy (dio's {@code copyWith})
	 */
	public RequestOptions copyWith(Consumer<Builder> customizer) {
		Builder b = toBuilder();
		customizer.accept(b);
		return b.build();
	}

	/**
	 * @param name header name
	 * @param value value(s); null removes the header
	 * @return a copy with this header set
	 */
	public RequestOptions withHeader(String name, @Nullable Object value) {
		return copyWith(b -> b.header(name, value));
	}

	/**
	 * @param path the new path or absolute URL
	 * @return a copy with this path
	 */
	public RequestOptions withPath(String path) {
		return copyWith(b -> b.path(path));
	}

	/**
	 * @param data the new body
	 * @return a copy with this body
	 */
	public RequestOptions withData(@Nullable Object data) {
		return copyWith(b -> b.data(data));
	}

	/** @return the content-type header, or {@code null} */
	public @Nullable String contentType() {
		java.util.List<String> values = this.headers.get(Headers.CONTENT_TYPE);
		return (values != null) ? values.get(0) : null;
	}

	/**
	 * The request as one line, for logs and debuggers, through its {@link Redaction} policy: user
	 * info, sensitive query parameters, headers and body fields masked; binary and streamed bodies
	 * described, never read; {@code extra} by keys only.
	 */
	@Override
	public String toString() {
		Redaction redaction = Redaction.of(this);
		String url;
		try {
			url = redaction.uri(uri());
		}
		catch (IllegalArgumentException ex) {
			url = redaction.text(this.baseUrl + this.path);
		}
		Object shown = redaction.body(this.data, contentType());
		String data = (shown == null || shown instanceof String || shown instanceof Map || shown instanceof java.util.List
				|| shown instanceof Number || shown instanceof Boolean) ? String.valueOf(shown)
						: (shown instanceof byte[] bytes) ? "[" + bytes.length + " bytes]"
								: "[" + shown.getClass().getSimpleName() + "]";
		return "RequestOptions[" + this.method + " " + url + ", headers=" + redaction.headers(this.headers) + ", data="
				+ data + ", extra=" + this.extra.keySet() + ", responseType=" + this.responseType + ", connectTimeout="
				+ this.connectTimeout + ", sendTimeout=" + this.sendTimeout + ", receiveTimeout=" + this.receiveTimeout
				+ "]";
	}

	/**
	 * The URL, built as dio builds it: an absolute {@code http(s)} path ignores the base URL;
	 * otherwise base URL and path are concatenated as text (so {@code https://a/api/} +
	 * {@code /users} is {@code https://a/api/users}), every run of slashes after the scheme collapses
	 * to one {@code /} (dio leaves {@code ///} as {@code //}), {@code {name}} templates are filled from {@link #pathVariables()}, the query is
	 * appended with {@code ?} or {@code &}, and dot segments are resolved.
	 * @return the URI
	 * @throws IllegalArgumentException when the result is not a valid URI or a template has no value
	 */
	public URI uri() {
		if (this.queryParameters.isEmpty() && this.path.indexOf('{') < 0) {
			// the client's base URL and a literal path: the same text on every call, parsed once
			return ParsedUrls.get(this.baseUrl, this.path, this::uri);
		}
		return uri(expandTemplates(this.path, this.pathVariables));
	}

	/** The URI of {@code p}, this request's path with its templates filled. */
	private URI uri(String p) {
		String url;
		if (isAbsolute(p)) {
			url = p;
		}
		else {
			url = this.baseUrl + p;
			int scheme = url.indexOf(":/");
			if (scheme >= 0 && url.indexOf(":/", scheme + 2) < 0) {
				String rest = url.substring(scheme + 2);
				while (rest.contains("//")) {
					rest = rest.replace("//", "/");
				}
				url = url.substring(0, scheme + 2) + rest;
			}
		}
		if (!this.queryParameters.isEmpty()) {
			String query = UrlEncoding.encodeQuery(this.queryParameters, this.listFormat);
			if (!query.isEmpty()) {
				url = url + ((url.indexOf('?') >= 0) ? "&" : "?") + query;
			}
		}
		try {
			URI uri = new URI(UrlEncoding.encodeIllegal(url));
			String rawPath = uri.getRawPath();
			if (rawPath != null && (rawPath.contains("/./") || rawPath.contains("/../") || rawPath.endsWith("/.")
					|| rawPath.endsWith("/.."))) {
				uri = uri.normalize();
			}
			if (uri.getScheme() == null || uri.getHost() == null) {
				throw new IllegalArgumentException("path: '" + this.path + "' with baseUrl '" + this.baseUrl
						+ "' gives '" + url + "', which is not an absolute http(s) URL; set baseUrl or use a full URL");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("path: '" + url + "' is not a valid URL: " + ex.getMessage(), ex);
		}
	}

	private static boolean isAbsolute(String path) {
		String lower = path.length() > 8 ? path.substring(0, 8).toLowerCase(Locale.ROOT) : path.toLowerCase(Locale.ROOT);
		return lower.startsWith("http:") || lower.startsWith("https:");
	}

	/**
	 * Fills {@code {name}} templates. A value is one path segment: {@code /} is encoded, and a
	 * segment the value would turn into {@code .}, {@code ..} or nothing is refused, because URL
	 * normalisation (ours, a proxy's, the server's) would remove it and change which resource is
	 * addressed ({@code /users/{id}/profile} with {@code ..} would become {@code /profile}).
	 */
	private static String expandTemplates(String path, Map<String, @Nullable Object> variables) {
		if (path.indexOf('{') < 0) {
			return path;
		}
		int queryStart = indexOfAny(path, "?#");
		StringBuilder out = new StringBuilder(path.length() + 16);
		int start = 0;
		while (start <= path.length()) {
			int slash = path.indexOf('/', start);
			boolean inPath = start < queryStart;
			int end = (slash < 0 || !inPath) ? path.length() : Math.min(slash, queryStart);
			String segment = path.substring(start, end);
			String expanded = expandSegment(segment, path, variables);
			if (inPath && !expanded.equals(segment) && isRemovedByNormalisation(expanded)) {
				throw new IllegalArgumentException("pathVariables: " + variableNames(segment) + " would make the path segment '"
						+ segment + "' of '" + path + "' into '" + expanded + "', which URL normalisation removes and "
						+ "so changes the path; pass a value that is a real segment");
			}
			out.append(expanded);
			if (end == path.length()) {
				break;
			}
			out.append(path.charAt(end));
			start = end + 1;
		}
		return out.toString();
	}

	private static String expandSegment(String segment, String path, Map<String, @Nullable Object> variables) {
		if (segment.indexOf('{') < 0) {
			return segment;
		}
		StringBuilder out = new StringBuilder(segment.length() + 16);
		int i = 0;
		while (i < segment.length()) {
			int open = segment.indexOf('{', i);
			int close = (open >= 0) ? segment.indexOf('}', open) : -1;
			if (open < 0 || close < 0) {
				out.append(segment, i, segment.length());
				break;
			}
			String name = segment.substring(open + 1, close);
			if (!variables.containsKey(name) || variables.get(name) == null) {
				throw new IllegalArgumentException("pathVariables: no value for {" + name + "} in path '" + path
						+ "'; add it with pathVariable(\"" + name + "\", value)");
			}
			out.append(segment, i, open).append(UrlEncoding.encodePathSegment(String.valueOf(variables.get(name))));
			i = close + 1;
		}
		return out.toString();
	}

	private static boolean isRemovedByNormalisation(String segment) {
		return segment.isEmpty() || segment.equals(".") || segment.equals("..");
	}

	private static String variableNames(String segment) {
		StringBuilder names = new StringBuilder();
		for (int open = segment.indexOf('{'); open >= 0; open = segment.indexOf('{', open + 1)) {
			int close = segment.indexOf('}', open);
			if (close > open) {
				names.append((names.length() > 0) ? ", " : "").append(segment, open, close + 1);
			}
		}
		return names.toString();
	}

	private static int indexOfAny(String s, String chars) {
		for (int i = 0; i < s.length(); i++) {
			if (chars.indexOf(s.charAt(i)) >= 0) {
				return i;
			}
		}
		return s.length();
	}

	/**
	 * Builds a {@link RequestOptions}; this is also the per-call customizer that stands in for
	 * dio's named parameters ({@code queryParameters}, {@code options}, {@code cancelToken},
	 * {@code onSendProgress}...). Every setter overrides what the client's {@link BaseOptions}
	 * gave; map-like settings (query, headers, extra) replace by key.
	 *
	 * <pre>{@code
	 * dio.get("/users/{id}", User.class, r -> r
	 *         .pathVariable("id", 42)
	 *         .queryParameter("fields", List.of("name", "email"))
	 *         .header("Accept-Language", "zh-CN")
	 *         .receiveTimeout(Duration.ofSeconds(10))
	 *         .cancelToken(token));
	 * }</pre>
	 */
	public static final class Builder {

		private String method;

		private String baseUrl;

		private String path = "";

		private final Map<String, @Nullable Object> queryParameters;

		private final Map<String, @Nullable Object> pathVariables;

		private @Nullable Object data;

		private Headers.Builder headers;

		private @Nullable String contentType;

		private final Map<String, @Nullable Object> extra;

		private @Nullable Duration connectTimeout;

		private @Nullable Duration sendTimeout;

		private @Nullable Duration receiveTimeout;

		private @Nullable Duration callTimeout;

		private long maxInMemorySize;

		private boolean preserveHeaderCase;

		private ResponseType responseType;

		private ValidateStatus validateStatus;

		private boolean receiveDataWhenStatusError;

		private boolean followRedirects;

		private int maxRedirects;

		private boolean persistentConnection;

		private ListFormat listFormat;

		private boolean forceJsonDecode;

		private @Nullable RequestEncoder requestEncoder;

		private @Nullable ResponseDecoder responseDecoder;

		private @Nullable CancelToken cancelToken;

		private @Nullable ProgressCallback onSendProgress;

		private @Nullable ProgressCallback onReceiveProgress;

		private Builder(BaseOptions base) {
			this.method = base.method();
			this.baseUrl = base.baseUrl();
			this.queryParameters = new LinkedHashMap<>(base.queryParameters());
			this.pathVariables = new LinkedHashMap<>();
			this.headers = base.headers().toBuilder();
			this.extra = new LinkedHashMap<>(base.extra());
			this.connectTimeout = base.connectTimeout();
			this.sendTimeout = base.sendTimeout();
			this.receiveTimeout = base.receiveTimeout();
			this.callTimeout = base.callTimeout();
			this.maxInMemorySize = base.maxInMemorySize();
			this.preserveHeaderCase = base.preserveHeaderCase();
			this.responseType = base.responseType();
			this.validateStatus = base.validateStatus();
			this.receiveDataWhenStatusError = base.receiveDataWhenStatusError();
			this.followRedirects = base.followRedirects();
			this.maxRedirects = base.maxRedirects();
			this.persistentConnection = base.persistentConnection();
			this.listFormat = base.listFormat();
			this.forceJsonDecode = base.forceJsonDecode();
			this.requestEncoder = base.requestEncoder();
			this.responseDecoder = base.responseDecoder();
		}

		private Builder(RequestOptions o) {
			this.method = o.method;
			this.baseUrl = o.baseUrl;
			this.path = o.path;
			this.queryParameters = new LinkedHashMap<>(o.queryParameters);
			this.pathVariables = new LinkedHashMap<>(o.pathVariables);
			this.data = o.data;
			this.headers = o.headers.toBuilder();
			this.extra = new LinkedHashMap<>(o.extra);
			this.connectTimeout = o.connectTimeout;
			this.sendTimeout = o.sendTimeout;
			this.receiveTimeout = o.receiveTimeout;
			this.callTimeout = o.callTimeout;
			this.maxInMemorySize = o.maxInMemorySize;
			this.preserveHeaderCase = o.preserveHeaderCase;
			this.responseType = o.responseType;
			this.validateStatus = o.validateStatus;
			this.receiveDataWhenStatusError = o.receiveDataWhenStatusError;
			this.followRedirects = o.followRedirects;
			this.maxRedirects = o.maxRedirects;
			this.persistentConnection = o.persistentConnection;
			this.listFormat = o.listFormat;
			this.forceJsonDecode = o.forceJsonDecode;
			this.requestEncoder = o.requestEncoder;
			this.responseDecoder = o.responseDecoder;
			this.cancelToken = o.cancelToken;
			this.onSendProgress = o.onSendProgress;
			this.onReceiveProgress = o.onReceiveProgress;
		}

		/**
		 * Applies per-request {@link Options}: <b>the</b> merge rule (dio's {@code Options.compose}).
		 * Each field that is set replaces the current value; {@code headers} and {@code extra} are
		 * added, replacing by key; a set {@code contentType} then replaces the content-type header
		 * whichever map it came from. Unset fields keep the client's value.
		 * @param options the overrides
		 * @return this builder
		 */
		public Builder options(Options options) {
			if (options.method() != null) {
				method(options.method());
			}
			if (options.connectTimeout() != null) {
				this.connectTimeout = options.connectTimeout();
			}
			if (options.sendTimeout() != null) {
				this.sendTimeout = options.sendTimeout();
			}
			if (options.receiveTimeout() != null) {
				this.receiveTimeout = options.receiveTimeout();
			}
			if (options.callTimeout() != null) {
				this.callTimeout = options.callTimeout();
			}
			if (options.maxInMemorySize() != null) {
				this.maxInMemorySize = options.maxInMemorySize();
			}
			this.extra.putAll(options.extra());
			options.headers().forEach(this::header);
			if (options.contentType() != null) {
				this.headers.set(Headers.CONTENT_TYPE, options.contentType());
			}
			if (options.preserveHeaderCase() != null) {
				this.preserveHeaderCase = options.preserveHeaderCase();
			}
			if (options.responseType() != null) {
				this.responseType = options.responseType();
			}
			if (options.validateStatus() != null) {
				this.validateStatus = options.validateStatus();
			}
			if (options.receiveDataWhenStatusError() != null) {
				this.receiveDataWhenStatusError = options.receiveDataWhenStatusError();
			}
			if (options.followRedirects() != null) {
				this.followRedirects = options.followRedirects();
			}
			if (options.maxRedirects() != null) {
				this.maxRedirects = options.maxRedirects();
			}
			if (options.persistentConnection() != null) {
				this.persistentConnection = options.persistentConnection();
			}
			if (options.listFormat() != null) {
				this.listFormat = options.listFormat();
			}
			if (options.forceJsonDecode() != null) {
				this.forceJsonDecode = options.forceJsonDecode();
			}
			if (options.requestEncoder() != null) {
				this.requestEncoder = options.requestEncoder();
			}
			if (options.responseDecoder() != null) {
				this.responseDecoder = options.responseDecoder();
			}
			return this;
		}

		/** @param method the HTTP method @return this */
		public Builder method(String method) {
			this.method = method;
			return this;
		}

		/** @param baseUrl the base URL @return this */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/** @param path a path, or an absolute URL @return this */
		public Builder path(String path) {
			this.path = path;
			return this;
		}

		/** @param data the body @return this */
		public Builder data(@Nullable Object data) {
			this.data = data;
			return this;
		}

		/** @param name key @param value value; null writes the bare key @return this */
		public Builder queryParameter(String name, @Nullable Object value) {
			this.queryParameters.put(name, value);
			return this;
		}

		/** @param parameters added, replacing by key @return this */
		public Builder queryParameters(Map<String, ?> parameters) {
			this.queryParameters.putAll(parameters);
			return this;
		}

		/** @param name template name, as in {@code /users/{id}} @param value its value @return this */
		public Builder pathVariable(String name, Object value) {
			this.pathVariables.put(name, value);
			return this;
		}

		/** @param variables template values @return this */
		public Builder pathVariables(Map<String, ?> variables) {
			this.pathVariables.putAll(variables);
			return this;
		}

		/** @param name header name @param value value(s); null removes @return this */
		public Builder header(String name, @Nullable Object value) {
			this.headers.set(name, value);
			return this;
		}

		/** @param headers replacing by name @return this */
		public Builder headers(Map<String, ?> headers) {
			headers.forEach(this::header);
			return this;
		}

		/**
		 * @param contentType the content type, stored as the content-type header; wins over a
		 * content-type header set here or inherited
		 * @return this
		 */
		public Builder contentType(@Nullable String contentType) {
			this.contentType = contentType;
			return this;
		}

		/** @param contentType the content type @return this */
		public Builder contentType(org.springframework.http.MediaType contentType) {
			return contentType(contentType.toString());
		}

		/** @param key key @param value value @return this */
		public Builder extra(String key, @Nullable Object value) {
			this.extra.put(key, value);
			return this;
		}

		/** @param timeout connect limit; zero for none @return this */
		public Builder connectTimeout(@Nullable Duration timeout) {
			this.connectTimeout = timeout;
			return this;
		}

		/** @param timeout upload limit; zero for none @return this */
		public Builder sendTimeout(@Nullable Duration timeout) {
			this.sendTimeout = timeout;
			return this;
		}

		/** @param timeout idle receive limit; zero for none @return this */
		public Builder receiveTimeout(@Nullable Duration timeout) {
			this.receiveTimeout = timeout;
			return this;
		}

		/** @param timeout limit for the whole exchange, body included; zero for none @return this */
		public Builder callTimeout(@Nullable Duration timeout) {
			this.callTimeout = timeout;
			return this;
		}

		/** @param bytes most bytes of a body read into memory; -1 for none @return this */
		public Builder maxInMemorySize(long bytes) {
			this.maxInMemorySize = bytes;
			return this;
		}

		/** @param preserve header name case on the wire @return this */
		public Builder preserveHeaderCase(boolean preserve) {
			this.preserveHeaderCase = preserve;
			return this;
		}

		/** @param responseType how the body is decoded @return this */
		public Builder responseType(ResponseType responseType) {
			this.responseType = responseType;
			return this;
		}

		/** @param validateStatus which statuses succeed @return this */
		public Builder validateStatus(ValidateStatus validateStatus) {
			this.validateStatus = validateStatus;
			return this;
		}

		/** @param receive whether error bodies are read @return this */
		public Builder receiveDataWhenStatusError(boolean receive) {
			this.receiveDataWhenStatusError = receive;
			return this;
		}

		/** @param follow whether redirects are followed @return this */
		public Builder followRedirects(boolean follow) {
			this.followRedirects = follow;
			return this;
		}

		/** @param max redirects followed at most @return this */
		public Builder maxRedirects(int max) {
			this.maxRedirects = max;
			return this;
		}

		/** @param persistent keep-alive @return this */
		public Builder persistentConnection(boolean persistent) {
			this.persistentConnection = persistent;
			return this;
		}

		/** @param listFormat how lists are written @return this */
		public Builder listFormat(ListFormat listFormat) {
			this.listFormat = listFormat;
			return this;
		}

		/** @param force parse JSON whatever the content type @return this */
		public Builder forceJsonDecode(boolean force) {
			this.forceJsonDecode = force;
			return this;
		}

		/** @param encoder text-to-bytes for bodies @return this */
		public Builder requestEncoder(@Nullable RequestEncoder encoder) {
			this.requestEncoder = encoder;
			return this;
		}

		/** @param decoder bytes-to-text for responses @return this */
		public Builder responseDecoder(@Nullable ResponseDecoder decoder) {
			this.responseDecoder = decoder;
			return this;
		}

		/** @param token cancels this request @return this */
		public Builder cancelToken(@Nullable CancelToken token) {
			this.cancelToken = token;
			return this;
		}

		/** @param callback upload progress @return this */
		public Builder onSendProgress(@Nullable ProgressCallback callback) {
			this.onSendProgress = callback;
			return this;
		}

		/** @param callback download progress @return this */
		public Builder onReceiveProgress(@Nullable ProgressCallback callback) {
			this.onReceiveProgress = callback;
			return this;
		}

		/**
		 * @return the request options
		 * @throws IllegalArgumentException naming the field that is wrong
		 */
		public RequestOptions build() {
			Headers.Builder h = this.headers;
			if (this.contentType != null) {
				// dio's copyWith(contentType: x): the header is replaced
				h = h.build().toBuilder().set(Headers.CONTENT_TYPE, this.contentType);
			}
			return new RequestOptions(this.method, this.baseUrl, this.path, this.queryParameters, this.pathVariables,
					this.data, h.build(), this.extra, this.connectTimeout, this.sendTimeout, this.receiveTimeout,
					this.callTimeout, this.maxInMemorySize,
					this.preserveHeaderCase, this.responseType, this.validateStatus, this.receiveDataWhenStatusError,
					this.followRedirects, this.maxRedirects, this.persistentConnection, this.listFormat,
					this.forceJsonDecode, this.requestEncoder, this.responseDecoder, this.cancelToken,
					this.onSendProgress, this.onReceiveProgress);
		}

	}

}
