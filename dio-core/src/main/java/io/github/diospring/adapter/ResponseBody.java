package io.github.diospring.adapter;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import io.github.diospring.Headers;
import io.github.diospring.RedirectRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * A response as the adapter delivers it, body not yet read (dio's {@code ResponseBody}). With
 * {@link io.github.diospring.ResponseType#STREAM} it is the response's data: read
 * {@link #stream()} (or {@link #inputStream()}) exactly once; receive-timeout and cancellation
 * errors arrive in the stream, and cancelling the subscription releases the connection. A body
 * you decide not to read must be {@link #close() closed}.
 *
 * <pre>{@code
 * Response<ResponseBody> r = dio.get("/events", ResponseBody.class).block();
 * r.data().stream().map(buf -> buf.toString(UTF_8)).subscribe(System.out::print);
 * }</pre>
 */
public final class ResponseBody {

	private final int statusCode;

	private final String statusMessage;

	private final Headers headers;

	private final Flux<DataBuffer> stream;

	private final List<RedirectRecord> redirects;

	private final URI realUri;

	private final Map<String, @Nullable Object> extra;

	private final AtomicBoolean subscribed;

	/**
	 * @param statusCode the status
	 * @param statusMessage the reason phrase, or empty
	 * @param headers the headers
	 * @param stream the body, readable once
	 * @param redirects redirects followed to get here
	 * @param realUri the final URI
	 * @param extra adapter values (such as the HTTP version)
	 */
	public ResponseBody(int statusCode, String statusMessage, Headers headers, Flux<DataBuffer> stream,
			List<RedirectRecord> redirects, URI realUri, Map<String, @Nullable Object> extra) {
		this(statusCode, statusMessage, headers, stream, redirects, realUri, extra, new AtomicBoolean());
	}

	private ResponseBody(int statusCode, String statusMessage, Headers headers, Flux<DataBuffer> stream,
			List<RedirectRecord> redirects, URI realUri, Map<String, @Nullable Object> extra, AtomicBoolean subscribed) {
		this.statusCode = statusCode;
		this.statusMessage = statusMessage;
		this.headers = headers;
		this.stream = stream;
		this.redirects = List.copyOf(redirects);
		this.realUri = realUri;
		this.extra = extra;
		this.subscribed = subscribed;
	}

	/**
	 * A body held in memory (for tests and interceptors that answer themselves).
	 * @param text the body, UTF-8
	 * @param statusCode the status
	 * @param headers the headers
	 * @return the body
	 */
	public static ResponseBody fromString(String text, int statusCode, Headers headers) {
		return fromBytes(text.getBytes(StandardCharsets.UTF_8), statusCode, headers);
	}

	/**
	 * @param bytes the body
	 * @param statusCode the status
	 * @param headers the headers
	 * @return the body
	 */
	public static ResponseBody fromBytes(byte[] bytes, int statusCode, Headers headers) {
		return new ResponseBody(statusCode, "", headers,
				Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))), List.of(),
				URI.create("about:blank"), Map.of());
	}

	/** @return the HTTP status */
	public int statusCode() {
		return this.statusCode;
	}

	/** @return the reason phrase, or empty */
	public String statusMessage() {
		return this.statusMessage;
	}

	/** @return the response headers */
	public Headers headers() {
		return this.headers;
	}

	/** @return the redirects followed, in order */
	public List<RedirectRecord> redirects() {
		return this.redirects;
	}

	/** @return whether a redirect was followed */
	public boolean isRedirect() {
		return !this.redirects.isEmpty();
	}

	/** @return the final URI */
	public URI realUri() {
		return this.realUri;
	}

	/** @return adapter values */
	public Map<String, @Nullable Object> extra() {
		return this.extra;
	}

	/** @return the content-length header, or -1 */
	public long contentLength() {
		String value = this.headers.contains(Headers.CONTENT_LENGTH) ? this.headers.get(Headers.CONTENT_LENGTH).get(0) : null;
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * The body; subscribe once, and release every buffer you receive
	 * ({@link DataBufferUtils#release}).
	 * @return the body stream
	 */
	public Flux<DataBuffer> stream() {
		return Flux.defer(() -> {
			if (!this.subscribed.compareAndSet(false, true)) {
				return Flux.error(new IllegalStateException(
						"The response body was already read; a ResponseBody can be read once"));
			}
			return this.stream;
		});
	}

	/**
	 * A blocking view of the body; never call it on a Reactor event-loop thread. Close it when done.
	 * @return the body as an InputStream
	 */
	public InputStream inputStream() {
		return DataBufferUtils.subscriberInputStream(stream(), 16);
	}

	/**
	 * @param mapper wraps the stream (progress, timeouts, cancellation)
	 * @return the same response whose stream passes through the mapper
	 */
	public ResponseBody mapStream(UnaryOperator<Flux<DataBuffer>> mapper) {
		return new ResponseBody(this.statusCode, this.statusMessage, this.headers, mapper.apply(this.stream),
				this.redirects, this.realUri, this.extra, this.subscribed);
	}

	/** Discards the body if nobody read it: drains and releases it, so the connection can be reused. */
	public void close() {
		if (this.subscribed.compareAndSet(false, true)) {
			this.stream.subscribe(DataBufferUtils::release, ex -> {
			});
		}
	}

	@Override
	public String toString() {
		return "ResponseBody[" + this.statusCode + " " + this.realUri + "]";
	}

}
