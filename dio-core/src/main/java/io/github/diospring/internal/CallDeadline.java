package io.github.diospring.internal;

import java.time.Duration;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.ResponseType;
import io.github.diospring.adapter.ResponseBody;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code callTimeout}: one deadline for the whole exchange (connect, upload, headers, body), set
 * when the request leaves the request interceptors. Bodies handed out as STREAM keep the same
 * deadline while they are read. Going past it cancels the exchange, releasing its connection, and
 * fails with {@link DioException#callTimeout}.
 */
final class CallDeadline {

	private static final CallDeadline NONE = new CallDeadline(null, null, 0);

	private final @Nullable RequestOptions options;

	private final @Nullable Duration timeout;

	private final long deadlineNanos;

	private CallDeadline(@Nullable RequestOptions options, @Nullable Duration timeout, long deadlineNanos) {
		this.options = options;
		this.timeout = timeout;
		this.deadlineNanos = deadlineNanos;
	}

	static CallDeadline start(RequestOptions options) {
		Duration timeout = options.callTimeout();
		return (timeout == null) ? NONE : new CallDeadline(options, timeout, System.nanoTime() + timeout.toNanos());
	}

	<T> Mono<T> bound(Mono<T> call) {
		if (this.timeout == null) {
			return call;
		}
		return call.timeout(remaining(), Mono.error(this::error));
	}

	/** A STREAM body outlives the call's Mono; it keeps the deadline. Other bodies are read within the call. */
	ResponseBody bound(ResponseBody body) {
		if (this.timeout == null || this.options.responseType() != ResponseType.STREAM) {
			return body;
		}
		return body.mapStream(stream -> Flux.defer(() -> stream.timeout(Mono.delay(remaining()),
				buffer -> Mono.delay(remaining()), Flux.error(this::error))));
	}

	private Duration remaining() {
		return Duration.ofNanos(Math.max(0, this.deadlineNanos - System.nanoTime()));
	}

	private DioException error() {
		return DioException.callTimeout(this.options, this.timeout);
	}

}
