package io.github.diospring.envelope;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an envelope says about a request (umi's {@code ErrorInfoStructure}): an immutable value.
 * {@code errorCode} keeps its raw value, string or number, as backends disagree.
 *
 * <pre>{@code
 * catch (BizException e) {
 *     ErrorInfo info = e.errorInfo();
 *     log.warn("{} {} (trace {})", info.errorCode(), info.errorMessage(), info.traceId());
 * }
 * }</pre>
 *
 * @param success the envelope's verdict: {@code false} is failure; {@code null} when it says nothing
 * @param data the payload
 * @param errorCode the error code as sent (String or Number), or null
 * @param errorMessage the message for people, or null
 * @param showType how to show it
 * @param traceId the id to find the request in server logs, or null
 * @param host the server that answered, or null
 * @param extra every other field of the envelope
 * @param origin who wrote it: an envelope, another error format, or dio itself
 */
public record ErrorInfo(@Nullable Boolean success, @Nullable Object data, @Nullable Object errorCode,
		@Nullable String errorMessage, ShowType showType, @Nullable String traceId, @Nullable String host,
		Map<String, @Nullable Object> extra, Origin origin) {

	/** Copies {@code extra}. */
	public ErrorInfo {
		extra = (extra == null || extra.isEmpty()) ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
		showType = (showType != null) ? showType : ShowType.ERROR_MESSAGE;
		origin = (origin != null) ? origin : Origin.ENVELOPE;
	}

	/**
	 * What an envelope says (what custom {@link ErrorAdaptor}s return).
	 * @param success the envelope's verdict
	 * @param data the payload
	 * @param errorCode the error code as sent
	 * @param errorMessage the message for people
	 * @param showType how to show it
	 * @param traceId the trace id
	 * @param host the server that answered
	 * @param extra every other field
	 */
	public ErrorInfo(@Nullable Boolean success, @Nullable Object data, @Nullable Object errorCode,
			@Nullable String errorMessage, ShowType showType, @Nullable String traceId, @Nullable String host,
			Map<String, @Nullable Object> extra) {
		this(success, data, errorCode, errorMessage, showType, traceId, host, extra, Origin.ENVELOPE);
	}

	/**
	 * An info with just a message, for failures without an envelope (written by dio).
	 * @param errorCode the code, or null
	 * @param errorMessage the message
	 * @return the info
	 */
	public static ErrorInfo ofMessage(@Nullable Object errorCode, String errorMessage) {
		return new ErrorInfo(false, null, errorCode, errorMessage, ShowType.ERROR_MESSAGE, null, null, Map.of(),
				Origin.CLIENT);
	}

	/** @return whether the server wrote an envelope: its errorMessage and showType are a business error's */
	public boolean isEnvelope() {
		return this.origin == Origin.ENVELOPE;
	}

	/** @return whether the envelope reports failure */
	public boolean isFailure() {
		return Boolean.FALSE.equals(this.success);
	}

	/** @return the error code as text, or null */
	public @Nullable String errorCodeText() {
		return (this.errorCode != null) ? String.valueOf(this.errorCode) : null;
	}

	/**
	 * @param traceId the trace id
	 * @param host the host
	 * @return a copy with these, where this info had none
	 */
	public ErrorInfo withTraceFallback(@Nullable String traceId, @Nullable String host) {
		return new ErrorInfo(this.success, this.data, this.errorCode, this.errorMessage, this.showType,
				(this.traceId != null) ? this.traceId : traceId, (this.host != null) ? this.host : host, this.extra,
				this.origin);
	}

	/**
	 * @param errorMessage the message
	 * @return a copy with this message
	 */
	public ErrorInfo withErrorMessage(@Nullable String errorMessage) {
		return new ErrorInfo(this.success, this.data, this.errorCode, errorMessage, this.showType, this.traceId,
				this.host, this.extra, this.origin);
	}

	/**
	 * Cuts the texts a server controls (message, code, trace id, host) at {@code max} characters, so
	 * a hostile body cannot flood logs, events or notifications.
	 * @param max the longest text kept
	 * @return a copy with every text at most {@code max} characters (plus an ellipsis)
	 */
	public ErrorInfo capped(int max) {
		Object code = (this.errorCode instanceof CharSequence text) ? cap(text.toString(), max) : this.errorCode;
		return new ErrorInfo(this.success, this.data, code, cap(this.errorMessage, max), this.showType,
				cap(this.traceId, max), cap(this.host, max), this.extra, this.origin);
	}

	private static @Nullable String cap(@Nullable String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max) + "…";
	}

	/**
	 * Who wrote an {@link ErrorInfo}, which decides how loudly it is logged and whether a server may
	 * pass its message on to a browser.
	 *
	 * <pre>{@code
	 * if (info.origin() == ErrorInfo.Origin.ENVELOPE) showToUser(info.errorMessage());
	 * }</pre>
	 */
	public enum Origin {

		/** The server's envelope: a business error in the server's own words. */
		ENVELOPE,

		/** Another error format of the server (Spring Boot's error JSON, a ProblemDetail, {@code {message, status}}). */
		ERROR_BODY,

		/** dio itself: an error status without a readable body, a transport failure, an adaptor that failed. */
		CLIENT

	}

	/**
	 * umi 3's REDIRECT target: the error page with {@code errorCode} and {@code errorMessage}.
	 * @param errorPage such as {@code /exception}
	 * @return such as {@code /exception?errorCode=1001&errorMessage=...}
	 */
	public String redirectUrl(String errorPage) {
		StringBuilder url = new StringBuilder(errorPage);
		char separator = errorPage.contains("?") ? '&' : '?';
		if (this.errorCode != null) {
			url.append(separator).append("errorCode=").append(URLEncoder.encode(errorCodeText(), StandardCharsets.UTF_8));
			separator = '&';
		}
		if (this.errorMessage != null) {
			url.append(separator).append("errorMessage=").append(URLEncoder.encode(this.errorMessage, StandardCharsets.UTF_8));
		}
		return url.toString();
	}

}
