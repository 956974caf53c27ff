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
 * {@code dio.client.bytes.sent} / {@code dio.client.bytes.received} by client, and
 * {@code dio.client.retries} by client (the retries a {@code RetryInterceptor} made). Cancelled
 * requests are not errors.
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
		int retries = context.attempts().get() - 1;
		if (retries > 0) {
			this.meters.counter("dio.client.retries", client).increment(retries);
		}
		record(client, "dio.client.bytes.sent", context.bytesSent().get());
		record(client, "dio.client.bytes.received", context.bytesReceived().get());
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
