package io.github.diospring.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.github.diospring.Headers;
import io.github.diospring.ProgressCallback;
import io.github.diospring.RequestEncoder;
import io.github.diospring.RequestOptions;
import io.github.diospring.adapter.RequestBody;
import io.github.diospring.form.FormData;
import io.github.diospring.transformer.Transformer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * dio's body table (reference §1.5): which data becomes which bytes, with which implied content
 * type. {@link FormData} becomes multipart with its boundary and exact length (re-read on every
 * send, so retries need no {@code clone()}); a {@code Path} is streamed with its size as
 * Content-Length (re-read for each send); bytes, {@code Publisher}s, {@code InputStream}s and
 * {@code Supplier<InputStream>}s (replayable) are sent raw, with the caller's Content-Length when
 * given (chunked otherwise); everything else goes through the {@link Transformer}.
 */
final class RequestBodies {

	private static final int CHUNK = 64 * 1024;

	private RequestBodies() {
	}

	/**
	 * dio's {@code ImplyContentTypeInterceptor}: JSON for structured data when no content type is set.
	 * Plain Java objects count as structured data here (dio would send their {@code toString()}).
	 * FormData always gets its multipart type, as dio's dispatch gives it, implication on or off.
	 * @param options the request
	 * @param json whether JSON is implied (off after {@code removeImplyContentTypeInterceptor()})
	 */
	static RequestOptions implyContentType(RequestOptions options, boolean json) {
		Object data = options.data();
		if (data instanceof FormData form) {
			// dio always writes the real boundary; a stale Content-Length would break the upload
			boolean current = form.contentType().equals(options.contentType())
					&& !options.headers().contains(Headers.CONTENT_LENGTH);
			return current ? options : options.copyWith(b -> b.header(Headers.CONTENT_LENGTH, null)
				.header(Headers.CONTENT_TYPE, form.contentType()));
		}
		if (!json || data == null || options.headers().contains(Headers.CONTENT_TYPE) || isRaw(data)) {
			return options;
		}
		return options.withHeader(Headers.CONTENT_TYPE, Headers.JSON_CONTENT_TYPE);
	}

	static @Nullable RequestBody create(RequestOptions options, Transformer transformer) {
		Object data = options.data();
		RequestBody body;
		if (data == null) {
			return null;
		}
		else if (data instanceof RequestBody given) {
			body = given;
		}
		else if (data instanceof FormData form) {
			body = form.toRequestBody();
		}
		else if (data instanceof byte[] bytes) {
			body = RequestBody.ofBytes(bytes);
		}
		else if (data instanceof Publisher<?> publisher) {
			body = RequestBody.ofStream(Flux.from(publisher).map(RequestBodies::toBuffer), declaredLength(options));
		}
		else if (data instanceof Path path) {
			body = fileBody(path);
		}
		else if (data instanceof InputStream stream) {
			body = RequestBody.ofStream(read(() -> stream), declaredLength(options));
		}
		else if (data instanceof Supplier<?> supplier) {
			body = RequestBody.ofSupplier(() -> read(() -> inputStream(supplier)), declaredLength(options));
		}
		else {
			String text = transformer.transformRequest(options);
			RequestEncoder encoder = options.requestEncoder();
			body = RequestBody.ofBytes((encoder != null) ? encoder.encode(text, options) : text.getBytes(StandardCharsets.UTF_8));
		}
		ProgressCallback progress = options.onSendProgress();
		if (progress != null && body.contentLength() >= 0) {
			long total = body.contentLength();
			body = body.map(content -> Flux.defer(() -> {
				long[] sent = { 0 };
				return content.doOnNext(buffer -> {
					sent[0] += buffer.readableByteCount();
					progress.onProgress(sent[0], total);
				});
			}));
		}
		return body;
	}

	/**
	 * Whether the body can be sent again for a retry: everything but single-use streams
	 * ({@code InputStream}, {@code Publisher}, a one-shot {@link RequestBody}, a form holding one).
	 */
	static boolean isReplayable(RequestOptions options) {
		Object data = options.data();
		if (data instanceof InputStream || data instanceof Publisher) {
			return false;
		}
		if (data instanceof RequestBody body) {
			return body.isReplayable();
		}
		if (data instanceof FormData form) {
			return form.files().stream().allMatch(file -> file.getValue().isReplayable());
		}
		return true;
	}

	private static boolean isRaw(Object data) {
		return data instanceof byte[] || data instanceof Publisher || data instanceof RequestBody
				|| data instanceof FormData || data instanceof Path || data instanceof InputStream
				|| data instanceof Supplier;
	}

	/** A file, streamed in chunks with its exact length, re-read for each send. */
	private static RequestBody fileBody(Path path) {
		long length;
		try {
			length = Files.size(path);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("data: the file " + path.toAbsolutePath()
					+ " cannot be read (" + ex.getMessage() + "); check that it exists and is readable", ex);
		}
		return RequestBody.ofSupplier(() -> DataBufferUtils.read(path, DefaultDataBufferFactory.sharedInstance, CHUNK),
				length);
	}

	private static Flux<DataBuffer> read(Callable<InputStream> stream) {
		return DataBufferUtils.readInputStream(stream, DefaultDataBufferFactory.sharedInstance, CHUNK)
			.subscribeOn(Schedulers.boundedElastic());
	}

	private static InputStream inputStream(Supplier<?> supplier) {
		Object value = supplier.get();
		if (value instanceof InputStream in) {
			return in;
		}
		throw new IllegalArgumentException("data: a Supplier body must supply an InputStream, not "
				+ ((value != null) ? value.getClass().getName() : "null"));
	}

	private static long declaredLength(RequestOptions options) {
		String value = options.headers().contains(Headers.CONTENT_LENGTH)
				? options.headers().get(Headers.CONTENT_LENGTH).get(0) : null;
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("headers: content-length '" + value + "' is not a number");
		}
	}

	private static DataBuffer toBuffer(Object element) {
		if (element instanceof DataBuffer buffer) {
			return buffer;
		}
		if (element instanceof byte[] bytes) {
			return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
		}
		throw new IllegalArgumentException("data: a streamed body must emit DataBuffer or byte[], not "
				+ element.getClass().getName());
	}

}
