package io.github.diospring.envelope;

import io.github.diospring.DioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each business error (an {@link ErrorInfo#isEnvelope() envelope}) at the level its
 * {@code showType} asks for: SILENT at DEBUG, WARN_MESSAGE at WARN, ERROR_MESSAGE, NOTIFICATION
 * and REDIRECT at ERROR; traceId and host included. Every other failure (an error status without
 * an envelope, a timeout, a refused connection) is logged at DEBUG only: it is not a business
 * error, and whoever handles the exception logs it once, at the level that fits there.
 *
 * <pre>{@code
 * ErrorNotifier notifier = new LoggingErrorNotifier();
 * }</pre>
 */
public class LoggingErrorNotifier implements ErrorNotifier {

	private static final Logger logger = LoggerFactory.getLogger(LoggingErrorNotifier.class);

	@Override
	public void notify(ErrorInfo info, DioException error) {
		String uri = (error.requestOptions() != null) ? DioExceptionDescriptions.uri(error) : "?";
		String message = String.valueOf(info.errorMessage());
		// a transport error's message, or the fallback for a bare error status, already names the request: say it once
		boolean named = message.contains(uri)
				|| (error.requestOptions() != null && message.startsWith(error.requestOptions().method() + " "));
		String line = "{} {} (errorCode={}, traceId={}, host={})";
		Object[] args = { info.showType(), named ? message : uri + ": " + message, info.errorCodeText(), info.traceId(),
				info.host() };
		if (!info.isEnvelope()) {
			logger.debug(line, args);
			return;
		}
		switch (info.showType()) {
			case SILENT -> logger.debug(line, args);
			case WARN_MESSAGE -> logger.warn(line, args);
			default -> logger.error(line, args);
		}
	}

	/** Keeps the URI rendering in one place. */
	static final class DioExceptionDescriptions {

		private DioExceptionDescriptions() {
		}

		static String uri(DioException error) {
			try {
				return error.requestOptions().method() + " " + error.requestOptions().uri();
			}
			catch (RuntimeException ex) {
				return error.requestOptions().method() + " " + error.requestOptions().path();
			}
		}

	}

}
