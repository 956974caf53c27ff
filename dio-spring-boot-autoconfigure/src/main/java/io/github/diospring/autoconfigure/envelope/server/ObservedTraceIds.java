package io.github.diospring.autoconfigure.envelope.server;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * The trace id of the server observation Spring opened for a request, read from the observation
 * itself: in WebFlux the span is not current on the filter's thread, but the exchange holds the
 * observation, and the tracing handler keeps its span there.
 */
final class ObservedTraceIds {

	private static final boolean TRACING = ClassUtils.isPresent(
			"io.micrometer.tracing.handler.TracingObservationHandler", ObservedTraceIds.class.getClassLoader());

	private ObservedTraceIds() {
	}

	static @Nullable String of(Observation.@Nullable Context context) {
		return (TRACING && context != null) ? Tracing.traceId(context) : null;
	}

	/** Only loaded when Micrometer Tracing is on the class path. */
	private static final class Tracing {

		static @Nullable String traceId(Observation.Context context) {
			TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
			Span span = (tracing != null) ? tracing.getSpan() : null;
			String traceId = (span != null) ? span.context().traceId() : null;
			return (traceId != null && !traceId.isBlank()) ? traceId : null;
		}

	}

}
