package io.github.diospring.envelope;

import io.github.diospring.DioException;

/**
 * Told about each failure the error adaptor handles, to show it (umi's {@code showType}
 * dispatch). The exception is always still thrown to the caller; a notifier only observes.
 * Never called for cancellations or with {@code skipErrorHandler}.
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

}
