package io.github.diospring.test;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLHandshakeException;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.adapter.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a {@link MockDioAdapter} answers: a status with headers and a body (JSON, text, bytes or a
 * stream of chunks), optionally after a delay, or a transport failure of any
 * {@link DioExceptionType}. Immutable; every {@code with}/{@code after} method returns a copy.
 *
 * <p>The answer goes through the client exactly like a server's: receive timeouts apply to the
 * delay and to the gaps between chunks, validateStatus, the transformer, the envelope, cookies
 * ({@code Set-Cookie} headers) and the interceptors all run.
 *
 * <pre>{@code
 * mock.onGet("/users/1").respond(MockResponse.json(200, Map.of("id", 1, "name", "Ann"))
 *         .withHeader("Set-Cookie", "session=s1; Path=/"));
 * mock.onGet("/slow").respond(MockResponse.text(200, "late").after(Duration.ofSeconds(10)));
 * mock.onGet("/events").respond(MockResponse.chunks(200, "text/plain", "a", "b", "c")
 *         .withChunkGap(Duration.ofMillis(50)).thenFail(DioExceptionType.CONNECTION_ERROR));
 * mock.onGet("/down").respond(MockResponse.failure(DioExceptionType.CONNECTION_ERROR));
 * }</pre>
 */
public final class MockResponse {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int status;

	private final Headers headers;

	private final List<byte[]> chunks;

	private final Duration delay;

	private final Duration chunkGap;

	private final @Nullable DioExceptionType failure;

	private final @Nullable DioExceptionType failureAfterBody;

	private MockResponse(int status, Headers headers, List<byte[]> chunks, Duration delay, Duration chunkGap,
			@Nullable DioExceptionType failure, @Nullable DioExceptionType failureAfterBody) {
		this.status = status;
		this.headers = headers;
		this.chunks = chunks;
		this.delay = delay;
		this.chunkGap = chunkGap;
		this.failure = failure;
		this.failureAfterBody = failureAfterBody;
	}

	private static MockResponse of(int status, @Nullable String contentType, List<byte[]> chunks) {
		if (status < 100 || status > 999) {
			throw new IllegalArgumentException("status " + status + " is not an HTTP status (100..999)");
		}
		Headers headers = (contentType != null) ? Headers.of(Headers.CONTENT_TYPE, contentType) : Headers.empty();
		return new MockResponse(status, headers, List.copyOf(chunks), Duration.ZERO, Duration.ZERO, null, null);
	}

	/**
	 * @param status the status
	 * @param body a Map, List, record or any value Jackson writes; a String is sent as it is (JSON text)
	 * @return a JSON response ({@code application/json})
	 */
	public static MockResponse json(int status, @Nullable Object body) {
		byte[] bytes = (body instanceof String text) ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
		return of(status, Headers.JSON_CONTENT_TYPE, List.of(bytes));
	}

	/**
	 * @param status the status
	 * @param text the body, UTF-8
	 * @return a text response ({@code text/plain; charset=utf-8})
	 */
	public static MockResponse text(int status, String text) {
		return of(status, "text/plain; charset=utf-8", List.of(text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * @param status the status
	 * @param contentType the content type, or null for none
	 * @param bytes the body
	 * @return a response with these bytes
	 */
	public static MockResponse bytes(int status, @Nullable String contentType, byte[] bytes) {
		return of(status, contentType, List.of(bytes.clone()));
	}

	/**
	 * @param status the status
	 * @return a response without a body
	 */
	public static MockResponse status(int status) {
		return of(status, null, List.of());
	}

	/**
	 * A body sent in pieces, as a server streams it (see {@link #withChunkGap}).
	 * @param status the status
	 * @param contentType the content type, or null for none
	 * @param chunks the pieces, UTF-8
	 * @return a streamed response
	 */
	public static MockResponse chunks(int status, @Nullable String contentType, String... chunks) {
		List<byte[]> pieces = new ArrayList<>();
		for (String chunk : chunks) {
			pieces.add(chunk.getBytes(StandardCharsets.UTF_8));
		}
		return of(status, contentType, pieces);
	}

	/**
	 * A body sent in pieces of bytes.
	 * @param status the status
	 * @param contentType the content type, or null for none
	 * @param chunks the pieces
	 * @return a streamed response
	 */
	public static MockResponse chunks(int status, @Nullable String contentType, List<byte[]> chunks) {
		return of(status, contentType, chunks.stream().map(byte[]::clone).toList());
	}

	/**
	 * No response but a transport failure, as the real adapter reports it: for example
	 * {@code CONNECTION_ERROR} (connection refused), {@code CONNECTION_TIMEOUT},
	 * {@code RECEIVE_TIMEOUT}, {@code BAD_CERTIFICATE}. Combine with {@link #after} to fail late.
	 * @param type the error type
	 * @return the failure
	 */
	public static MockResponse failure(DioExceptionType type) {
		Objects.requireNonNull(type, "type");
		return new MockResponse(0, Headers.empty(), List.of(), Duration.ZERO, Duration.ZERO, type, null);
	}

	/**
	 * @param name header name
	 * @param value value; added to the values already set
	 * @return a copy with this header
	 */
	public MockResponse withHeader(String name, String value) {
		Headers changed = this.headers.toBuilder().add(name, value).build();
		return new MockResponse(this.status, changed, this.chunks, this.delay, this.chunkGap, this.failure,
				this.failureAfterBody);
	}

	/**
	 * @param headers headers to add
	 * @return a copy with these headers
	 */
	public MockResponse withHeaders(Map<String, String> headers) {
		MockResponse result = this;
		for (Map.Entry<String, String> header : headers.entrySet()) {
			result = result.withHeader(header.getKey(), header.getValue());
		}
		return result;
	}

	/**
	 * Answers after a delay (a slow server): the request's receive timeout applies to it, and a
	 * cancel token can cancel it.
	 * @param delay how long the headers take
	 * @return a copy that waits first
	 */
	public MockResponse after(Duration delay) {
		return new MockResponse(this.status, this.headers, this.chunks, nonNegative(delay), this.chunkGap, this.failure,
				this.failureAfterBody);
	}

	/**
	 * @param gap the pause before each chunk of the body; the receive timeout applies to it
	 * @return a copy that streams slowly
	 */
	public MockResponse withChunkGap(Duration gap) {
		return new MockResponse(this.status, this.headers, this.chunks, this.delay, nonNegative(gap), this.failure,
				this.failureAfterBody);
	}

	/**
	 * @param type the error that breaks the body after the last chunk (a connection that drops
	 * mid-body)
	 * @return a copy whose body stream fails
	 */
	public MockResponse thenFail(DioExceptionType type) {
		if (this.failure != null) {
			throw new IllegalStateException("a failure has no body to break");
		}
		return new MockResponse(this.status, this.headers, this.chunks, this.delay, this.chunkGap, this.failure,
				Objects.requireNonNull(type, "type"));
	}

	/** @return a short description for messages */
	@Override
	public String toString() {
		if (this.failure != null) {
			return "failure " + this.failure;
		}
		String type = this.headers.value(Headers.CONTENT_TYPE);
		return this.status + ((type != null) ? " " + type : "") + ((this.chunks.size() > 1) ? " in " + this.chunks.size() + " chunks" : "");
	}

	/** The answer to one request, enforcing its receive timeout like the real adapter. */
	Mono<ResponseBody> toResponse(RequestOptions options) {
		Mono<ResponseBody> response = (this.failure != null) ? Mono.error(() -> error(this.failure, options))
				: Mono.fromSupplier(() -> body(options));
		if (!this.delay.isZero()) {
			response = Mono.delay(this.delay).then(response);
		}
		Duration receiveTimeout = options.receiveTimeout();
		if (receiveTimeout != null && !this.delay.isZero()) {
			response = response.timeout(receiveTimeout,
					Mono.error(() -> DioException.receiveTimeout(options, receiveTimeout, false)));
		}
		return response;
	}

	private ResponseBody body(RequestOptions options) {
		Flux<DataBuffer> stream = Flux.fromIterable(this.chunks).map(DefaultDataBufferFactory.sharedInstance::wrap);
		if (!this.chunkGap.isZero()) {
			stream = stream.delayElements(this.chunkGap);
		}
		if (this.failureAfterBody != null) {
			DioExceptionType type = this.failureAfterBody;
			stream = stream.concatWith(Flux.error(() -> error(type, options)));
		}
		Duration receiveTimeout = options.receiveTimeout();
		if (receiveTimeout != null) {
			stream = stream.timeout(receiveTimeout,
					Flux.error(() -> DioException.receiveTimeout(options, receiveTimeout, true)));
		}
		Headers headers = this.headers;
		if (this.failureAfterBody == null && !headers.contains(Headers.CONTENT_LENGTH)
				&& this.chunks.size() <= 1) {
			headers = headers.with(Headers.CONTENT_LENGTH, String.valueOf(this.chunks.isEmpty() ? 0 : this.chunks.get(0).length));
		}
		org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(this.status);
		return new ResponseBody(this.status, (known != null) ? known.getReasonPhrase() : "", headers, stream, List.of(),
				options.uri(), Map.of());
	}

	/** The exception the real adapter raises for this kind of failure. */
	static DioException error(DioExceptionType type, RequestOptions options) {
		return switch (type) {
			case CONNECTION_TIMEOUT -> DioException.connectionTimeout(options,
					orZero(options.connectTimeout()), null);
			case SEND_TIMEOUT -> DioException.sendTimeout(options, orZero(options.sendTimeout()));
			case RECEIVE_TIMEOUT -> DioException.receiveTimeout(options, orZero(options.receiveTimeout()), false);
			case BAD_CERTIFICATE -> DioException.badCertificate(options,
					new SSLHandshakeException("PKIX path building failed (MockDioAdapter)"));
			case CONNECTION_ERROR -> DioException.connectionError(options,
					new ConnectException("Connection refused (MockDioAdapter)"));
			case CANCEL -> DioException.requestCancelled(options, "cancelled by MockDioAdapter");
			case UNKNOWN -> DioException.from(options, new IOException("failure from MockDioAdapter"));
			case BAD_RESPONSE, BIZ_ERROR -> new DioException(type, options, null,
					options.method() + " " + options.uri() + ": " + type + " from MockDioAdapter", null);
		};
	}

	private static Duration orZero(@Nullable Duration duration) {
		return (duration != null) ? duration : Duration.ZERO;
	}

	private static Duration nonNegative(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("a negative duration: " + duration);
		}
		return duration;
	}

}
