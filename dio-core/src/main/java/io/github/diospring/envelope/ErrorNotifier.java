package io.github.diospring.envelope;

import io.github.diospring.DioException;

/**
 * Told about each failure the error adaptor handles, to show it (umi's {@code showType}
 * dispatch). The exception is always still thrown to the caller; a notifier only observes.
 * Never called for cancellations or with {@code skipErrorHandler}; called once per failure, with
 * a non-empty message cut at the client's {@code max-message-length}. Only
 * {@link ErrorInfo#isEnvelope() envelopes} are business errors; other failures (error statuses
 * without an envelope, transport failures) arrive too, marked by {@link ErrorInfo#origin()}.
 *
 * <pre>{@code
 * ErrorNotifier toAlerts = (info, error) -> {
 *     if (info.showType() == ShowType.NOTIFICATION) alerts.send(info.errorCodeText(), info.errorMessage());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ErrorNotifier {

	/**
	 * @param info what the envelope (or the fallback) says; {@code showType} says how to show it
	 * @param error the exception the caller receives
	 */
	void notify(ErrorInfo info, DioException error);

	/**
	 * Called by the {@link ErrorAdaptorInterceptor} with the settings of the client that failed
	 * (its error page, its limits); by default the same as {@link #notify(ErrorInfo, DioException)}.
	 * @param info what the envelope (or the fallback) says
	 * @param error the exception the caller receives
	 * @param settings the failing client's envelope settings
	 */
	default void notify(ErrorInfo info, DioException error, EnvelopeSettings settings) {
		notify(info, error);
	}

}
