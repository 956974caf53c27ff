package io.github.diospring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Per-request overrides of a client's {@link BaseOptions} (dio's {@code Options}): every field is
 * optional, and a set field wins over the client's. An immutable value that can be kept and reused
 * across calls. How it combines with the defaults is {@link RequestOptions.Builder#options(Options)}.
 *
 * <pre>{@code
 * Options plain = Options.builder().responseType(ResponseType.PLAIN).header("X-Debug", 1).build();
 * dio.get("/robots.txt", r -> r.options(plain)).block();
 * }</pre>
 *
 * @param method the method; null keeps the client's
 * @param connectTimeout connect limit; null keeps the client's (zero means none)
 * @param sendTimeout upload limit; null keeps the client's
 * @param receiveTimeout idle receive limit; null keeps the client's
 * @param callTimeout whole-exchange limit; null keeps the client's (zero means none)
 * @param maxInMemorySize bytes at most read into memory; null keeps the client's (-1 means none)
 * @param extra added to the client's extra, replacing by key
 * @param headers added to the client's headers, replacing by name
 * @param preserveHeaderCase null keeps the client's
 * @param responseType null keeps the client's
 * @param contentType replaces the content-type from both header maps; null keeps the merged header
 * @param validateStatus null keeps the client's
 * @param receiveDataWhenStatusError null keeps the client's
 * @param followRedirects null keeps the client's
 * @param maxRedirects null keeps the client's
 * @param persistentConnection null keeps the client's
 * @param listFormat null keeps the client's
 * @param forceJsonDecode null keeps the client's
 * @param requestEncoder null keeps the client's
 * @param responseDecoder null keeps the client's
 */
public record Options(@Nullable String method, @Nullable Duration connectTimeout, @Nullable Duration sendTimeout,
		@Nullable Duration receiveTimeout, @Nullable Duration callTimeout, @Nullable Long maxInMemorySize,
		Map<String, @Nullable Object> extra, Headers headers,
		@Nullable Boolean preserveHeaderCase, @Nullable ResponseType responseType, @Nullable String contentType,
		@Nullable ValidateStatus validateStatus, @Nullable Boolean receiveDataWhenStatusError,
		@Nullable Boolean followRedirects, @Nullable Integer maxRedirects, @Nullable Boolean persistentConnection,
		@Nullable ListFormat listFormat, @Nullable Boolean forceJsonDecode, @Nullable RequestEncoder requestEncoder,
		@Nullable ResponseDecoder responseDecoder) {

	/** Options that override nothing. */
	public static final Options NONE = builder().build();

	/** Validates the fields that are set, naming the one that is wrong. */
	public Options {
		method = (method != null) ? OptionChecks.method(method) : null;
		connectTimeout = checkTimeout("connectTimeout", connectTimeout);
		sendTimeout = checkTimeout("sendTimeout", sendTimeout);
		receiveTimeout = checkTimeout("receiveTimeout", receiveTimeout);
		callTimeout = checkTimeout("callTimeout", callTimeout);
		if (maxInMemorySize != null) {
			OptionChecks.maxInMemorySize(maxInMemorySize);
		}
		extra = OptionChecks.copy(extra);
		headers = (headers != null) ? headers : Headers.empty();
		if (contentType != null && headers.contains(Headers.CONTENT_TYPE)) {
			// dio: contentType wins; the header would only be overwritten at merge time
			headers = headers.toBuilder().set(Headers.CONTENT_TYPE, null).build();
		}
		if (maxRedirects != null) {
			OptionChecks.maxRedirects(maxRedirects);
		}
	}

	/** @return an empty builder */
	public static Builder builder() {
		return new Builder();
	}

	/** @return a builder holding these values */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Zero stays zero here (it means "no limit" and must override a client's limit). */
	private static @Nullable Duration checkTimeout(String name, @Nullable Duration timeout) {
		if (timeout != null && timeout.isNegative()) {
			OptionChecks.timeout(name, timeout);
		}
		return timeout;
	}

	/**
	 * Builder for {@link Options}.
	 *
	 * <pre>{@code
	 * Options.builder().method("PUT").receiveTimeout(Duration.ofSeconds(30)).build();
	 * }</pre>
	 */
	public static final class Builder {

		private @Nullable String method;

		private @Nullable Duration connectTimeout;

		private @Nullable Duration sendTimeout;

		private @Nullable Duration receiveTimeout;

		private @Nullable Duration callTimeout;

		private @Nullable Long maxInMemorySize;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Headers.Builder headers = Headers.builder();

		private @Nullable Boolean preserveHeaderCase;

		private @Nullable ResponseType responseType;

		private @Nullable String contentType;

		private @Nullable ValidateStatus validateStatus;

		private @Nullable Boolean receiveDataWhenStatusError;

		private @Nullable Boolean followRedirects;

		private @Nullable Integer maxRedirects;

		private @Nullable Boolean persistentConnection;

		private @Nullable ListFormat listFormat;

		private @Nullable Boolean forceJsonDecode;

		private @Nullable RequestEncoder requestEncoder;

		private @Nullable ResponseDecoder responseDecoder;

		private Builder() {
		}

		private Builder(Options o) {
			this.method = o.method;
			this.connectTimeout = o.connectTimeout;
			this.sendTimeout = o.sendTimeout;
			this.receiveTimeout = o.receiveTimeout;
			this.callTimeout = o.callTimeout;
			this.maxInMemorySize = o.maxInMemorySize;
			this.extra.putAll(o.extra);
			this.headers = o.headers.toBuilder();
			this.preserveHeaderCase = o.preserveHeaderCase;
			this.responseType = o.responseType;
			this.contentType = o.contentType;
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

		/** @param method the method @return this */
		public Builder method(@Nullable String method) {
			this.method = method;
			return this;
		}

		/** @param timeout connect limit (zero: none) @return this */
		public Builder connectTimeout(@Nullable Duration timeout) {
			this.connectTimeout = timeout;
			return this;
		}

		/** @param timeout upload limit (zero: none) @return this */
		public Builder sendTimeout(@Nullable Duration timeout) {
			this.sendTimeout = timeout;
			return this;
		}

		/** @param timeout idle receive limit (zero: none) @return this */
		public Builder receiveTimeout(@Nullable Duration timeout) {
			this.receiveTimeout = timeout;
			return this;
		}

		/** @param timeout whole-exchange limit (zero: none) @return this */
		public Builder callTimeout(@Nullable Duration timeout) {
			this.callTimeout = timeout;
			return this;
		}

		/** @param bytes most bytes read into memory (-1: none) @return this */
		public Builder maxInMemorySize(@Nullable Long bytes) {
			this.maxInMemorySize = bytes;
			return this;
		}

		/** @param key key @param value value @return this */
		public Builder extra(String key, @Nullable Object value) {
			this.extra.put(key, value);
			return this;
		}

		/** @param name header name @param value value(s) @return this */
		public Builder header(String name, @Nullable Object value) {
			this.headers.set(name, value);
			return this;
		}

		/** @param headers replacing by name @return this */
		public Builder headers(Map<String, ?> headers) {
			headers.forEach(this.headers::set);
			return this;
		}

		/** @param preserve header name case on the wire @return this */
		public Builder preserveHeaderCase(@Nullable Boolean preserve) {
			this.preserveHeaderCase = preserve;
			return this;
		}

		/** @param responseType how the body is decoded @return this */
		public Builder responseType(@Nullable ResponseType responseType) {
			this.responseType = responseType;
			return this;
		}

		/**
		 * @param contentType the request content type; wins over a content-type header in these
		 * options and in the client's
		 * @return this
		 */
		public Builder contentType(@Nullable String contentType) {
			this.contentType = contentType;
			return this;
		}

		/** @param validateStatus which statuses succeed @return this */
		public Builder validateStatus(@Nullable ValidateStatus validateStatus) {
			this.validateStatus = validateStatus;
			return this;
		}

		/** @param receive whether error bodies are read @return this */
		public Builder receiveDataWhenStatusError(@Nullable Boolean receive) {
			this.receiveDataWhenStatusError = receive;
			return this;
		}

		/** @param follow whether redirects are followed @return this */
		public Builder followRedirects(@Nullable Boolean follow) {
			this.followRedirects = follow;
			return this;
		}

		/** @param max redirects followed at most @return this */
		public Builder maxRedirects(@Nullable Integer max) {
			this.maxRedirects = max;
			return this;
		}

		/** @param persistent keep-alive @return this */
		public Builder persistentConnection(@Nullable Boolean persistent) {
			this.persistentConnection = persistent;
			return this;
		}

		/** @param listFormat how lists are written @return this */
		public Builder listFormat(@Nullable ListFormat listFormat) {
			this.listFormat = listFormat;
			return this;
		}

		/** @param force parse JSON whatever the content type @return this */
		public Builder forceJsonDecode(@Nullable Boolean force) {
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

		/**
		 * @return the options
		 * @throws IllegalArgumentException naming the field that is wrong
		 */
		public Options build() {
			return new Options(this.method, this.connectTimeout, this.sendTimeout, this.receiveTimeout,
					this.callTimeout, this.maxInMemorySize, this.extra,
					this.headers.build(), this.preserveHeaderCase, this.responseType, this.contentType,
					this.validateStatus, this.receiveDataWhenStatusError, this.followRedirects, this.maxRedirects,
					this.persistentConnection, this.listFormat, this.forceJsonDecode, this.requestEncoder,
					this.responseDecoder);
		}

	}

}
