package io.github.diospring.autoconfigure.envelope.server;

import org.jspecify.annotations.Nullable;

/**
 * Where the envelope's {@code traceId} comes from: by default the current Micrometer Tracing span
 * when the application traces, else (this returns null) a fresh id per request. Declare a bean to
 * use another tracer.
 *
 * <pre>{@code
 * @Bean TraceIdSource skyWalking() { return () -> TraceContext.traceId(); }
 * }</pre>
 */
@FunctionalInterface
public interface TraceIdSource {

	/** @return the current trace id, or null when there is none */
	@Nullable String currentTraceId();

}
