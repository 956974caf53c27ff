package io.github.diospring;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Cancels any number of requests at once, as dio's {@code CancelToken}. The first
 * {@link #cancel(Object)} wins (later reasons are ignored); a cancelled token is spent: every
 * request that uses it afterwards fails at once, without sending anything. Cancelling aborts the
 * exchange and releases its connection; the request fails with {@link DioExceptionType#CANCEL}.
 *
 * <pre>{@code
 * CancelToken token = new CancelToken();
 * dio.get("/a", r -> r.cancelToken(token)).subscribe(ok -> {}, e -> {
 *     if (CancelToken.isCancel(e)) log.info("cancelled: {}", e.getMessage());
 * });
 * token.cancel("user left the page");
 * }</pre>
 */
public final class CancelToken {

	private static final Logger logger = LoggerFactory.getLogger(CancelToken.class);

	private static final Object NO_REASON = new Object();

	private final AtomicReference<@Nullable Object> reason = new AtomicReference<>();

	private final Sinks.Empty<Void> cancelled = Sinks.empty();

	/** Creates a token that is not cancelled. */
	public CancelToken() {
	}

	/**
	 * @param error any error
	 * @return whether it is a {@link DioExceptionType#CANCEL} {@link DioException}
	 */
	public static boolean isCancel(@Nullable Throwable error) {
		return (error instanceof DioException e) && e.type() == DioExceptionType.CANCEL;
	}

	/** Cancels without a reason. */
	public void cancel() {
		cancel(null);
	}

	/**
	 * Cancels every request using this token, now and later. Only the first call counts.
	 * @param reason why; kept in the exception's message and as its {@link DioException#error()} (and cause, when it is a Throwable)
	 */
	public void cancel(@Nullable Object reason) {
		Object value = (reason != null) ? reason : NO_REASON;
		if (this.reason.compareAndSet(null, value)) {
			this.cancelled.tryEmitEmpty();
		}
		else if (!Objects.equals(this.reason.get(), value)) {
			logger.debug("CancelToken already cancelled with '{}'; ignoring the later reason '{}'",
					reason(), reason);
		}
	}

	/** @return whether {@link #cancel(Object)} was called */
	public boolean isCancelled() {
		return this.reason.get() != null;
	}

	/** @return the first reason given, or {@code null} */
	public @Nullable Object reason() {
		Object r = this.reason.get();
		return (r == NO_REASON) ? null : r;
	}

	/** @return a {@link DioExceptionType#CANCEL} exception for this token, or {@code null} if not cancelled */
	public @Nullable DioException cancelError() {
		return isCancelled() ? DioException.requestCancelled(null, reason()) : null;
	}

	/** @return a Mono that completes (empty) when the token is cancelled */
	public Mono<Void> whenCancel() {
		return this.cancelled.asMono();
	}

	@Override
	public String toString() {
		return isCancelled() ? "CancelToken[cancelled: " + reason() + "]" : "CancelToken[active]";
	}

}
