package io.github.diospring.autoconfigure;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.envelope.BizException;
import io.github.diospring.observation.DioObservationContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * The meters beyond the {@code http.client.requests} timer: {@code dio.client.errors} by client and
 * {@link DioExceptionType} (and, when enabled, the envelope's error code for BIZ_ERROR, at most a
 * bounded number of distinct codes, the rest counted as {@code OTHER}), and
 * {@code dio.client.bytes.sent} / {@code dio.client.bytes.received} by client, the HTTP cache's
 * {@code dio.client.cache.hits}, {@code .misses}, {@code .revalidations} and {@code .stale} by client,
 * {@code dio.client.retries} by client (the retries a {@code RetryInterceptor} made), and
 * {@code dio.client.events} by client and URI template: the server-sent events and NDJSON lines event
 * streams delivered. Cancelled requests are not errors.
 *
 * <pre>{@code
 * registry.observationConfig().observationHandler(new DioMetricsObservationHandler(meters, true, 50));
 * }</pre>
 */
public class DioMetricsObservationHandler implements ObservationHandler<DioObservationContext> {

	private final MeterRegistry meters;

	private final boolean errorCodeTag;

	private final int maxErrorCodes;

	private final Set<String> errorCodes = ConcurrentHashMap.newKeySet();

	/**
	 * @param meters where the meters go
	 * @param errorCodeTag whether BIZ_ERROR errors are tagged with the envelope's error code
	 * @param maxErrorCodes how many distinct error codes get their own tag value
	 */
	public DioMetricsObservationHandler(MeterRegistry meters, boolean errorCodeTag, int maxErrorCodes) {
		this.meters = meters;
		this.errorCodeTag = errorCodeTag;
		this.maxErrorCodes = maxErrorCodes;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof DioObservationContext;
	}

	@Override
	public void onStop(DioObservationContext context) {
		Tags client = Tags.of("client", context.clientName());
		DioException failure = context.failure();
		if (failure != null && !context.isCancelled()) {
			Tags tags = client.and("type", failure.type().name());
			if (this.errorCodeTag && failure instanceof BizException biz && failure.type() == DioExceptionType.BIZ_ERROR) {
				tags = tags.and("error.code", boundedCode(biz.errorInfo().errorCodeText()));
			}
			this.meters.counter("dio.client.errors", tags).increment();
		}
		String cacheStatus = context.cacheStatus();
		if (cacheStatus != null) {
			this.meters.counter(cacheMeter(cacheStatus), client).increment();
		}
		int retries = context.attempts().get() - 1;
		if (retries > 0) {
			this.meters.counter("dio.client.retries", client).increment(retries);
		}
		record(client, "dio.client.bytes.sent", context.bytesSent().get());
		record(client, "dio.client.bytes.received", context.bytesReceived().get());
		long events = context.events().get();
		if (events > 0) {
			String uri = context.getLowCardinalityKeyValue("uri") != null ? context.getLowCardinalityKeyValue("uri").getValue()
					: "none";
			this.meters.counter("dio.client.events", client.and("uri", uri)).increment(events);
		}
	}

	/** One counter per cache outcome: hits, misses, revalidations (a 304 answered from the cache), stale answers. */
	private static String cacheMeter(String cacheStatus) {
		return switch (cacheStatus) {
			case "HIT" -> "dio.client.cache.hits";
			case "REVALIDATED" -> "dio.client.cache.revalidations";
			case "STALE" -> "dio.client.cache.stale";
			default -> "dio.client.cache.misses";
		};
	}

	private void record(Tags client, String name, long bytes) {
		if (bytes > 0) {
			this.meters.summary(name, client).record(bytes);
		}
	}

	private String boundedCode(String code) {
		if (code == null) {
			return "none";
		}
		if (this.errorCodes.contains(code)) {
			return code;
		}
		if (this.errorCodes.size() < this.maxErrorCodes) {
			this.errorCodes.add(code);
			return code;
		}
		return "OTHER";
	}

}
