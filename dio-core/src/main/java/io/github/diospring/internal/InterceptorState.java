package io.github.diospring.internal;

import io.github.diospring.DioException;

/**
 * Where a request stands between interceptor steps (dio's {@code InterceptorResultType}), and the
 * error carrier for the rejected states.
 */
public final class InterceptorState {

	/** dio's five outcomes of a handler. */
	public enum Type {

		/** Go on to the next step of the same phase. */
		NEXT,

		/** Done with this response; skip the remaining response steps. */
		RESOLVE,

		/** Done with this response, but run every response interceptor (from the first). */
		RESOLVE_CALL_FOLLOWING,

		/** Fail; skip the remaining error interceptors. */
		REJECT,

		/** Fail, and run the error interceptors (from the first not yet run). */
		REJECT_CALL_FOLLOWING

	}

	final Object data;

	final Type type;

	InterceptorState(Object data, Type type) {
		this.data = data;
		this.type = type;
	}

	/** A rejected state travelling as an error signal; no stack trace, it is only a carrier. */
	static final class Rejected extends RuntimeException {

		private static final long serialVersionUID = 1L;

		final transient DioException error;

		final Type type;

		Rejected(DioException error, Type type) {
			super(error.getMessage(), null, false, false);
			this.error = error;
			this.type = type;
		}

	}

}
