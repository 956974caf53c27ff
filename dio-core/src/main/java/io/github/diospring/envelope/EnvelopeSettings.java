package io.github.diospring.envelope;

import java.util.List;

/**
 * How the {@link ErrorAdaptorInterceptor} unwraps and reports (the non-adaptor part of
 * {@code dio.error-adaptor.*}).
 *
 * <pre>{@code
 * EnvelopeSettings settings = EnvelopeSettings.DEFAULTS.withDataField("result");
 * }</pre>
 *
 * @param dataField the field typed calls are unwrapped from; empty to return the whole envelope
 * @param maxInspectBytes bodies larger than this are not inspected (treated as non-envelope)
 * @param maxMessageLength error messages are cut at this many characters
 * @param traceHeaders response headers that carry a trace id when the body has none, in order
 * ({@code traceparent} is parsed for its trace id)
 * @param errorPage where REDIRECT errors point to
 */
public record EnvelopeSettings(String dataField, long maxInspectBytes, int maxMessageLength, List<String> traceHeaders,
		String errorPage) {

	/** {@code data}, 1 MiB, 1000 characters, {@code X-Trace-Id} then {@code traceparent}, {@code /exception}. */
	public static final EnvelopeSettings DEFAULTS = new EnvelopeSettings("data", 1024 * 1024, 1000,
			List.of("X-Trace-Id", "traceparent"), "/exception");

	/** Validates. */
	public EnvelopeSettings {
		if (maxInspectBytes < 0 || maxMessageLength < 1) {
			throw new IllegalArgumentException("maxInspectBytes must be >= 0 and maxMessageLength >= 1");
		}
		traceHeaders = List.copyOf(traceHeaders);
	}

	/** @param field the data field; empty disables unwrapping @return a copy */
	public EnvelopeSettings withDataField(String field) {
		return new EnvelopeSettings(field, this.maxInspectBytes, this.maxMessageLength, this.traceHeaders, this.errorPage);
	}

}
