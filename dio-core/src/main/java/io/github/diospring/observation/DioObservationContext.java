package io.github.diospring.observation;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.diospring.DioException;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.micrometer.observation.transport.RequestReplySenderContext;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one logical dio request knows: the client, the request (its URI template
 * before variables are filled in), the response or the {@link DioException}, whether it was
 * cancelled, the bytes sent and received, and the attempts made (retries included). Tracing
 * writes its headers ({@code traceparent}) into the carrier, which the request then sends.
 *
 * <pre>{@code
 * DioObservationContext context = new DioObservationContext("github", options);
 * }</pre>
 */
public class DioObservationContext extends RequestReplySenderContext<Headers.Builder, Response<?>> {

	private final String clientName;

	private final RequestOptions request;

	private @Nullable DioException failure;

	private boolean cancelled;

	private final AtomicLong bytesSent = new AtomicLong();

	private final AtomicLong bytesReceived = new AtomicLong();

	private volatile @Nullable String cacheStatus;

	private final AtomicLong events;

	private final AtomicInteger attempts = new AtomicInteger(1);

	/**
	 * @param clientName the logical client ({@code default} or a name under {@code dio.clients})
	 * @param request the request as the caller made it
	 */
	public DioObservationContext(String clientName, RequestOptions request) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.set(key, value);
			}
		});
		this.clientName = clientName;
		this.request = request;
		this.events = (request.extra().get(DioObservations.STREAM_EVENTS) instanceof AtomicLong counter) ? counter
				: new AtomicLong();
		setCarrier(Headers.builder());
	}

	/** @return the logical client name */
	public String clientName() {
		return this.clientName;
	}

	/** @return the request as the caller made it */
	public RequestOptions request() {
		return this.request;
	}

	/** @return the failure, if the request failed (not for cancellations) */
	public @Nullable DioException failure() {
		return this.failure;
	}

	/** @param failure the failure */
	public void failure(DioException failure) {
		this.failure = failure;
	}

	/** @return whether the request was cancelled (by a token or by its subscriber) */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/** Marks the request as cancelled. */
	public void cancelled() {
		this.cancelled = true;
	}

	/** @return the body bytes sent so far */
	public AtomicLong bytesSent() {
		return this.bytesSent;
	}

	/** @return the events (server-sent events, NDJSON lines) an event stream delivered so far; 0 otherwise */
	public AtomicLong events() {
		return this.events;
	}

	/** @return the body bytes received so far */
	public AtomicLong bytesReceived() {
		return this.bytesReceived;
	}

	/** @return how the HTTP cache answered ({@code HIT}, {@code REVALIDATED}, {@code STALE}, {@code MISS}), or null when it took no part */
	public @Nullable String cacheStatus() {
		return this.cacheStatus;
	}

	/** @param cacheStatus how the HTTP cache answered this request */
	public void cacheStatus(@Nullable String cacheStatus) {
		this.cacheStatus = cacheStatus;

	}

	/** @return the attempts made so far: 1, plus one per retry of a {@code RetryInterceptor} */
	public AtomicInteger attempts() {
		return this.attempts;
	}

}
