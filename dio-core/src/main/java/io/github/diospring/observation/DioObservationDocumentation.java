package io.github.diospring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation dio records for each logical request (interceptors, redirects and retries inside
 * it included).
 *
 * <pre>{@code
 * Observation observation = DioObservationDocumentation.HTTP_CLIENT_REQUEST
 *         .observation(null, new DefaultDioObservationConvention(), () -> context, registry);
 * }</pre>
 */
public enum DioObservationDocumentation implements ObservationDocumentation {

	/** One dio request. */
	HTTP_CLIENT_REQUEST {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultDioObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}

	};

	/** Span attributes, not metric tags. */
	public enum HighCardinalityKeys implements KeyName {

		/** The URL without query and user info. */
		HTTP_URL("http.url"),
		/** Attempts made: 1, plus the retries of a {@code RetryInterceptor}. */
		ATTEMPTS("dio.attempts");

		private final String key;

		HighCardinalityKeys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

	/** Tags with few values. */
	public enum LowCardinalityKeys implements KeyName {

		/** HTTP method. */
		METHOD("method"),
		/** URI template. */
		URI("uri"),
		/** Status code, or IO_ERROR / CLIENT_ERROR / CANCELED. */
		STATUS("status"),
		/** SUCCESS, CLIENT_ERROR, SERVER_ERROR, REDIRECTION, INFORMATIONAL, CANCELED, UNKNOWN. */
		OUTCOME("outcome"),
		/** Exception class, or none. */
		EXCEPTION("exception"),
		/** Target host. */
		CLIENT_NAME("client.name"),
		/** Logical dio client. */
		CLIENT("client"),
		/** DioExceptionType, or none (Micrometer adds {@code error} with the exception class itself). */
		ERROR_TYPE("error.type");

		private final String key;

		LowCardinalityKeys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
