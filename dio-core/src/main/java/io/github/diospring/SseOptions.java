package io.github.diospring;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The settings only an event stream has ({@link Dio#sse}); everything about the request itself
 * (method, data, headers, the idle {@code receiveTimeout}, {@link CancelToken}) goes through the
 * usual per-call customizer. An immutable value.
 *
 * <ul>
 * <li>{@code endMarker} (default none): an event whose data is exactly this text ends the stream
 * cleanly, without reconnecting; {@code "[DONE]"} for OpenAI-style completions. The marker itself
 * is not emitted.</li>
 * <li>{@code reconnect} (default: for GET only, as re-sending another method could repeat its
 * effect): whether a dropped connection, a receive timeout or a stream the server ends is resumed
 * as the HTML spec's {@code EventSource} does: after the server's {@code retry:} delay (else
 * {@code retryDelay}), with {@code Last-Event-ID} set to the last {@code id:} received. A 204
 * answer, the end marker, an error status or a wrong content type end it for good.</li>
 * <li>{@code retryDelay} (default 3 s): the delay before reconnecting until the server sends
 * {@code retry:}. {@code maxRetryDelay} (default 60 s) caps the server's value.</li>
 * <li>{@code maxReconnects} (default 10): reconnection attempts in a row that bring no event;
 * the next failure ends the stream with the last error. Any event resets the count.</li>
 * <li>{@code maxEventSize} (default 1 MiB): the longest line and the largest event accepted;
 * a larger one fails with {@link DioExceptionType#BAD_RESPONSE} instead of growing memory.</li>
 * </ul>
 *
 * <pre>{@code
 * SseOptions options = SseOptions.builder().endMarker("[DONE]").build();
 * dio.sse("/v1/completions", Chunk.class, r -> r.method("POST").data(prompt), options)
 *     .subscribe(event -> print(event.data().text()));
 * }</pre>
 *
 * @param endMarker the data that ends the stream, or null
 * @param reconnect whether to reconnect; null for GET requests only
 * @param retryDelay the delay before a reconnection until the server sets one
 * @param maxRetryDelay the longest delay a server's {@code retry:} may ask for
 * @param maxReconnects reconnections in a row without an event before giving up
 * @param maxEventSize the largest line or event, in bytes
 */
public record SseOptions(@Nullable String endMarker, @Nullable Boolean reconnect, Duration retryDelay,
		Duration maxRetryDelay, int maxReconnects, int maxEventSize) {

	private static final SseOptions DEFAULTS = new SseOptions(null, null, Duration.ofSeconds(3), Duration.ofSeconds(60),
			10, 1024 * 1024);

	/** Validates every field, naming the one that is wrong. */
	public SseOptions {
		Objects.requireNonNull(retryDelay, "retryDelay");
		Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
		if (retryDelay.isNegative() || maxRetryDelay.isNegative()) {
			throw new IllegalArgumentException("retryDelay and maxRetryDelay: must not be negative");
		}
		if (maxReconnects < 0) {
			throw new IllegalArgumentException("maxReconnects: must be 0 (never reconnect) or more, was " + maxReconnects);
		}
		if (maxEventSize < 1) {
			throw new IllegalArgumentException("maxEventSize: must be at least 1 byte, was " + maxEventSize);
		}
	}

	/** @return no end marker, reconnecting GET requests after 3 s (60 s at most), 10 attempts, 1 MiB events */
	public static SseOptions defaults() {
		return DEFAULTS;
	}

	/** @return a builder starting from the defaults */
	public static Builder builder() {
		return new Builder(DEFAULTS);
	}

	/** @return a builder holding these values */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * @param method the request's method
	 * @return whether a stream of this method reconnects
	 */
	public boolean reconnects(String method) {
		return (this.reconnect != null) ? this.reconnect : "GET".equals(method);
	}

	/**
	 * Builds {@link SseOptions}.
	 *
	 * <pre>{@code
	 * SseOptions.builder().reconnect(true).retryDelay(Duration.ofSeconds(1)).maxReconnects(100).build();
	 * }</pre>
	 */
	public static final class Builder {

		private @Nullable String endMarker;

		private @Nullable Boolean reconnect;

		private Duration retryDelay;

		private Duration maxRetryDelay;

		private int maxReconnects;

		private int maxEventSize;

		private Builder(SseOptions from) {
			this.endMarker = from.endMarker;
			this.reconnect = from.reconnect;
			this.retryDelay = from.retryDelay;
			this.maxRetryDelay = from.maxRetryDelay;
			this.maxReconnects = from.maxReconnects;
			this.maxEventSize = from.maxEventSize;
		}

		/** @param marker the data that ends the stream (such as {@code [DONE]}), or null @return this */
		public Builder endMarker(@Nullable String marker) {
			this.endMarker = marker;
			return this;
		}

		/** @param reconnect whether to resume after a drop (default: GET only) @return this */
		public Builder reconnect(boolean reconnect) {
			this.reconnect = reconnect;
			return this;
		}

		/** @param delay before a reconnection until the server sends {@code retry:} @return this */
		public Builder retryDelay(Duration delay) {
			this.retryDelay = delay;
			return this;
		}

		/** @param delay the cap on the server's {@code retry:} @return this */
		public Builder maxRetryDelay(Duration delay) {
			this.maxRetryDelay = delay;
			return this;
		}

		/** @param max reconnections in a row without an event @return this */
		public Builder maxReconnects(int max) {
			this.maxReconnects = max;
			return this;
		}

		/** @param bytes the largest line or event @return this */
		public Builder maxEventSize(int bytes) {
			this.maxEventSize = bytes;
			return this;
		}

		/**
		 * @return the options
		 * @throws IllegalArgumentException naming the field that is wrong
		 */
		public SseOptions build() {
			return new SseOptions(this.endMarker, this.reconnect, this.retryDelay, this.maxRetryDelay,
					this.maxReconnects, this.maxEventSize);
		}

	}

}
