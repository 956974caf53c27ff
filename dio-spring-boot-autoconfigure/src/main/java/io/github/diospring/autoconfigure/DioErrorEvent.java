package io.github.diospring.autoconfigure;

import io.github.diospring.DioException;
import io.github.diospring.envelope.ErrorInfo;
import io.github.diospring.envelope.ShowType;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

/**
 * Published for each failure the error adaptor reports (never for cancellations or with
 * {@code skipErrorHandler}): what a front end would show, for the back end to forward, count or
 * alert on. The exception is still thrown to the caller.
 *
 * <pre>{@code
 * @EventListener
 * void onDioError(DioErrorEvent event) {
 *     if (event.errorInfo().showType() == ShowType.REDIRECT) log.info("send the user to {}", event.redirectUrl());
 * }
 * }</pre>
 */
public class DioErrorEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient ErrorInfo errorInfo;

	private final transient DioException exception;

	private final @Nullable String redirectUrl;

	/**
	 * @param errorInfo what the envelope (or the fallback) says
	 * @param exception the exception the caller receives
	 * @param errorPage the error page for REDIRECT
	 */
	public DioErrorEvent(ErrorInfo errorInfo, DioException exception, String errorPage) {
		super(errorInfo);
		this.errorInfo = errorInfo;
		this.exception = exception;
		this.redirectUrl = (errorInfo.showType() == ShowType.REDIRECT) ? errorInfo.redirectUrl(errorPage) : null;
	}

	/** @return what the envelope (or the fallback) says */
	public ErrorInfo errorInfo() {
		return this.errorInfo;
	}

	/** @return the exception the caller receives */
	public DioException exception() {
		return this.exception;
	}

	/** @return for REDIRECT, the error page with errorCode and errorMessage; otherwise null */
	public @Nullable String redirectUrl() {
		return this.redirectUrl;
	}

}
