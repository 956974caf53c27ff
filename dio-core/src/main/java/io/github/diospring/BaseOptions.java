package io.github.diospring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A client's defaults (dio's {@code BaseOptions}): an immutable value, derived with
 * {@link #toBuilder()}. Each request starts from these and applies its own {@link Options} and
 * per-call settings by one rule, see {@link RequestOptions.Builder#options(Options)}. Defaults are
 * dio's (GET, JSON responses, 2xx valid, redirects followed up to 5, lists as repeated keys) except
 * where a production service needs a limit dio leaves open: <b>connectTimeout 10 s</b>,
 * <b>receiveTimeout 30 s</b> (idle), no sendTimeout and no callTimeout, and bodies read into
 * memory capped at <b>maxInMemorySize 10 MiB</b>. Zero turns a timeout off.
 *
 * <pre>{@code
 * BaseOptions options = BaseOptions.builder()
 *         .baseUrl("https://api.example.com/v1/")
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .receiveTimeout(Duration.ofSeconds(3))
 *         .header("X-App", "demo")
 *         .build();
 * Dio dio = Dio.create(options);
 * }</pre>
 *
 * @param method the default HTTP method (upper case)
 * @param baseUrl prefix of every relative path, by plain concatenation as in dio; empty for none;
 *        {@code lb://service-id} when an interceptor resolves it (Spring Cloud LoadBalancer)
 * @param queryParameters parameters added to every request (a request's own win per key)
 * @param connectTimeout limit for opening a connection (TCP and TLS); null for none
 * @param sendTimeout limit for writing the request body; null for none
 * @param receiveTimeout idle limit until the headers and between body chunks; null for none
 * @param callTimeout limit for the whole exchange (connect, upload, headers, body); null for none
 * @param maxInMemorySize bytes at most of a body read into memory (not STREAM, not downloads); -1 for none
 * @param extra free-form values for interceptors, transformer and adapter
 * @param headers headers sent with every request (the content type is one of them)
 * @param preserveHeaderCase whether header names are sent in the case written (lower case otherwise)
 * @param responseType how bodies are decoded
 * @param validateStatus which statuses are success
 * @param receiveDataWhenStatusError whether error responses' bodies are read and decoded
 * @param followRedirects whether the transport follows redirects
 * @param maxRedirects how many redirects are followed at most
 * @param persistentConnection whether connections are kept alive ({@code Connection: close} otherwise)
 * @param listFormat how lists are written in queries and form bodies
 * @param forceJsonDecode whether {@link ResponseType#JSON} parses bodies whatever their content type
 * @param requestEncoder replaces UTF-8 for text bodies; null for the default
 * @param responseDecoder replaces the charset-driven text decoding; null for the default
 */
public record BaseOptions(String method, String baseUrl, Map<String, @Nullable Object> queryParameters,
		@Nullable Duration connectTimeout, @Nullable Duration sendTimeout, @Nullable Duration receiveTimeout,
		@Nullable Duration callTimeout, long maxInMemorySize, Map<String, @Nullable Object> extra, Headers headers, boolean preserveHeaderCase, ResponseType responseType,
		ValidateStatus validateStatus, boolean receiveDataWhenStatusError, boolean followRedirects, int maxRedirects,
		boolean persistentConnection, ListFormat listFormat, boolean forceJsonDecode,
		@Nullable RequestEncoder requestEncoder, @Nullable ResponseDecoder responseDecoder) {

	/** Default {@link #connectTimeout()}. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** Default {@link #receiveTimeout()}. */
	public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofSeconds(30);

	/** Default {@link #maxInMemorySize()}: 10 MiB. */
	public static final long DEFAULT_MAX_IN_MEMORY_SIZE = 10L * 1024 * 1024;

	private static final BaseOptions DEFAULTS = builder().build();

	/** Validates every field, naming the one that is wrong. */
	public BaseOptions {
		method = OptionChecks.method(method);
		baseUrl = OptionChecks.baseUrl(baseUrl);
		queryParameters = OptionChecks.copy(queryParameters);
		connectTimeout = OptionChecks.timeout("connectTimeout", connectTimeout);
		sendTimeout = OptionChecks.timeout("sendTimeout", sendTimeout);
		receiveTimeout = OptionChecks.timeout("receiveTimeout", receiveTimeout);
		callTimeout = OptionChecks.timeout("callTimeout", callTimeout);
		maxInMemorySize = OptionChecks.maxInMemorySize(maxInMemorySize);
		extra = OptionChecks.copy(extra);
		Objects.requireNonNull(headers, "headers");
		Objects.requireNonNull(responseType, "responseType");
		Objects.requireNonNull(validateStatus, "validateStatus");
		maxRedirects = OptionChecks.maxRedirects(maxRedirects);
		Objects.requireNonNull(listFormat, "listFormat");
	}

	/** @return dio's defaults */
	public static BaseOptions defaults() {
		return DEFAULTS;
	}

	/** @return a builder with dio's defaults */
	public static Builder builder() {
		return new Builder();
	}

	/** @return a builder holding these values */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** @return the content type header, or {@code null} */
	public @Nullable String contentType() {
		return this.headers.value(Headers.CONTENT_TYPE);
	}

	/**
	 * @param baseUrl the new base URL
	 * @return a copy with it
	 */
	public BaseOptions withBaseUrl(String baseUrl) {
		return toBuilder().baseUrl(baseUrl).build();
	}

	/**
	 * Builder for {@link BaseOptions}; starts from dio's defaults.
	 *
	 * <pre>{@code
	 * BaseOptions.builder().baseUrl("https://example.com").responseType(ResponseType.PLAIN).build();
	 * }</pre>
	 */
	public static final class Builder {

		private String method = "GET";

		private String baseUrl = "";

		private final Map<String, @Nullable Object> queryParameters = new LinkedHashMap<>();

		private @Nullable Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private @Nullable Duration sendTimeout;

		private @Nullable Duration receiveTimeout = DEFAULT_RECEIVE_TIMEOUT;

		private @Nullable Duration callTimeout;

		private long maxInMemorySize = DEFAULT_MAX_IN_MEMORY_SIZE;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Headers.Builder headers = Headers.builder();

		private @Nullable String contentType;

		private boolean preserveHeaderCase;

		private ResponseType responseType = ResponseType.JSON;

		private ValidateStatus validateStatus = ValidateStatus.SUCCESS;

		private boolean receiveDataWhenStatusError = true;

		private boolean followRedirects = true;

		private int maxRedirects = 5;

		private boolean persistentConnection = true;

		private ListFormat listFormat = ListFormat.MULTI;

		private boolean forceJsonDecode;

		private @Nullable RequestEncoder requestEncoder;

		private @Nullable ResponseDecoder responseDecoder;

		private Builder() {
		}

		private Builder(BaseOptions o) {
			this.method = o.method;
			this.baseUrl = o.baseUrl;
			this.queryParameters.putAll(o.queryParameters);
			this.connectTimeout = o.connectTimeout;
			this.sendTimeout = o.sendTimeout;
			this.receiveTimeout = o.receiveTimeout;
			this.callTimeout = o.callTimeout;
			this.maxInMemorySize = o.maxInMemorySize;
			this.extra.putAll(o.extra);
			this.headers = o.headers.toBuilder();
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
		}

		/** @param method default method @return this */
		public Builder method(String method) {
			this.method = method;
			return this;
		}

		/** @param baseUrl prefix of relative paths @return this */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/** @param name key @param value value (collections use the list format) @return this */
		public Builder queryParameter(String name, @Nullable Object value) {
			this.queryParameters.put(name, value);
			return this;
		}

		/** @param parameters added to (and replacing by key) the current ones @return this */
		public Builder queryParameters(Map<String, ?> parameters) {
			this.queryParameters.putAll(parameters);
			return this;
		}

		/** @param timeout connect limit (default 10 s); null or zero for none @return this */
		public Builder connectTimeout(@Nullable Duration timeout) {
			this.connectTimeout = timeout;
			return this;
		}

		/** @param timeout upload limit; null or zero for none @return this */
		public Builder sendTimeout(@Nullable Duration timeout) {
			this.sendTimeout = timeout;
			return this;
		}

		/** @param timeout idle receive limit (default 30 s); null or zero for none @return this */
		public Builder receiveTimeout(@Nullable Duration timeout) {
			this.receiveTimeout = timeout;
			return this;
		}

		/**
		 * @param timeout limit for the whole exchange, body included (like OkHttp's callTimeout);
		 * null or zero for none (the default)
		 * @return this
		 */
		public Builder callTimeout(@Nullable Duration timeout) {
			this.callTimeout = timeout;
			return this;
		}

		/**
		 * @param bytes most bytes of a body read into memory (default 10 MiB); -1 for no limit.
		 * STREAM responses and downloads are not limited.
		 * @return this
		 */
		public Builder maxInMemorySize(long bytes) {
			this.maxInMemorySize = bytes;
			return this;
		}

		/** @param key key @param value value @return this */
		public Builder extra(String key, @Nullable Object value) {
			this.extra.put(key, value);
			return this;
		}

		/** @param extra added to the current values @return this */
		public Builder extra(Map<String, ?> extra) {
			this.extra.putAll(extra);
			return this;
		}

		/** @param name header name @param value value(s); null removes @return this */
		public Builder header(String name, @Nullable Object value) {
			this.headers.set(name, value);
			return this;
		}

		/** @param headers replacing the current ones by name @return this */
		public Builder headers(Map<String, ?> headers) {
			headers.forEach(this.headers::set);
			return this;
		}

		/**
		 * @param contentType the default content type, stored as the content-type header; it replaces
		 * any content-type header, set here or copied by {@link BaseOptions#toBuilder()}
		 * @return this
		 */
		public Builder contentType(@Nullable String contentType) {
			this.contentType = contentType;
			return this;
		}

		/** @param preserve whether header names keep their case on the wire @return this */
		public Builder preserveHeaderCase(boolean preserve) {
			this.preserveHeaderCase = preserve;
			return this;
		}

		/** @param responseType how bodies are decoded @return this */
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

		/** @param persistent whether to keep connections alive @return this */
		public Builder persistentConnection(boolean persistent) {
			this.persistentConnection = persistent;
			return this;
		}

		/** @param listFormat how lists are written @return this */
		public Builder listFormat(ListFormat listFormat) {
			this.listFormat = listFormat;
			return this;
		}

		/** @param force whether JSON is parsed whatever the content type @return this */
		public Builder forceJsonDecode(boolean force) {
			this.forceJsonDecode = force;
			return this;
		}

		/** @param encoder text-to-bytes for bodies; null for UTF-8 @return this */
		public Builder requestEncoder(@Nullable RequestEncoder encoder) {
			this.requestEncoder = encoder;
			return this;
		}

		/** @param decoder bytes-to-text for responses; null for the default @return this */
		public Builder responseDecoder(@Nullable ResponseDecoder decoder) {
			this.responseDecoder = decoder;
			return this;
		}

		/**
		 * @return the options
		 * @throws IllegalArgumentException naming the field that is wrong
		 */
		public BaseOptions build() {
			Headers.Builder h = this.headers;
			if (this.contentType != null) {
				// dio: contentType wins over a content-type header, also one copied from other options
				h = h.build().toBuilder().set(Headers.CONTENT_TYPE, this.contentType);
			}
			return new BaseOptions(this.method, this.baseUrl, this.queryParameters, this.connectTimeout,
					this.sendTimeout, this.receiveTimeout, this.callTimeout, this.maxInMemorySize, this.extra, h.build(), this.preserveHeaderCase,
					this.responseType, this.validateStatus, this.receiveDataWhenStatusError, this.followRedirects,
					this.maxRedirects, this.persistentConnection, this.listFormat, this.forceJsonDecode,
					this.requestEncoder, this.responseDecoder);
		}

	}

}
