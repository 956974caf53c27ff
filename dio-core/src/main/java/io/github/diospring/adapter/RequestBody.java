package io.github.diospring.adapter;

import java.util.function.Supplier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * The bytes of a request body, as the adapter receives them: a stream with its length when
 * known, and whether it can be produced again (needed to re-send it on a 307/308 redirect).
 *
 * <pre>{@code
 * RequestBody body = RequestBody.ofBytes("hello".getBytes(UTF_8));
 * body.contentLength();   // 5
 * }</pre>
 */
public final class RequestBody {

	private final Supplier<Flux<DataBuffer>> content;

	private final long contentLength;

	private final boolean replayable;

	private RequestBody(Supplier<Flux<DataBuffer>> content, long contentLength, boolean replayable) {
		this.content = content;
		this.contentLength = contentLength;
		this.replayable = replayable;
	}

	/**
	 * @param bytes the whole body
	 * @return a replayable body of known length
	 */
	public static RequestBody ofBytes(byte[] bytes) {
		return new RequestBody(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)), bytes.length, true);
	}

	/**
	 * @param content makes a fresh stream each time it is called
	 * @param contentLength the length, or -1 when unknown (sent chunked)
	 * @return a replayable body
	 */
	public static RequestBody ofSupplier(Supplier<Flux<DataBuffer>> content, long contentLength) {
		return new RequestBody(content, contentLength, true);
	}

	/**
	 * @param content a stream that can be read once
	 * @param contentLength the length, or -1 when unknown (sent chunked)
	 * @return a body that cannot be re-sent
	 */
	public static RequestBody ofStream(Flux<DataBuffer> content, long contentLength) {
		return new RequestBody(() -> content, contentLength, false);
	}

	/** @return the body's bytes; a fresh stream on each call when {@link #isReplayable()} */
	public Flux<DataBuffer> content() {
		return this.content.get();
	}

	/** @return the length in bytes, or -1 when unknown */
	public long contentLength() {
		return this.contentLength;
	}

	/** @return whether {@link #content()} can be called again for a new stream */
	public boolean isReplayable() {
		return this.replayable;
	}

	/**
	 * @param mapper wraps each stream (progress, cancellation)
	 * @return a body whose streams pass through the mapper
	 */
	public RequestBody map(java.util.function.UnaryOperator<Flux<DataBuffer>> mapper) {
		return new RequestBody(() -> mapper.apply(this.content.get()), this.contentLength, this.replayable);
	}

}
