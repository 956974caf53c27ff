package io.github.diospring.autoconfigure.envelope.server;

import org.jspecify.annotations.Nullable;

/**
 * Where a request's trace id is kept while it is handled: set once when the request enters (so
 * the same id is in the response header, the envelope and the log line), read by the advices.
 */
final class ServerTraceIds {

	/** Request (or exchange) attribute holding the request's trace id. */
	static final String ATTRIBUTE = ServerTraceIds.class.getName() + ".traceId";

	private ServerTraceIds() {
	}

	static String orNew(@Nullable Object stored, ServerEnvelopes envelopes) {
		return (stored instanceof String id) ? id : envelopes.newTraceId();
	}

}
