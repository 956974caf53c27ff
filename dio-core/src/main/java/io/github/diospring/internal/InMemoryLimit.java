package io.github.diospring.internal;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.ResponseType;
import io.github.diospring.adapter.ResponseBody;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * Enforces {@code maxInMemorySize} on a body about to be read into memory, as its bytes arrive
 * (after decompression, buffer by buffer), so a huge body or a gzip bomb fails with
 * {@link io.github.diospring.DioExceptionType#BAD_RESPONSE} instead of filling the heap. Going
 * over the limit cancels the body, which closes its connection rather than reading the rest.
 * STREAM bodies are the caller's to read and are not limited.
 */
final class InMemoryLimit {

	private InMemoryLimit() {
	}

	static ResponseBody apply(ResponseBody body, RequestOptions options) {
		long max = options.maxInMemorySize();
		if (max < 0 || options.responseType() == ResponseType.STREAM) {
			return body;
		}
		// a declared length over the limit fails at the first buffer, before the limit's worth is buffered
		long allowed = (body.contentLength() > max) ? 0 : max;
		return body.mapStream(stream -> Flux.defer(() -> {
			long[] received = { 0 };
			return stream.handle((DataBuffer buffer, SynchronousSink<DataBuffer> sink) -> {
				received[0] += buffer.readableByteCount();
				if (received[0] > allowed) {
					DataBufferUtils.release(buffer);
					sink.error(DioException.bodyTooLarge(options, max));
				}
				else {
					sink.next(buffer);
				}
			});
		}));
	}

}
