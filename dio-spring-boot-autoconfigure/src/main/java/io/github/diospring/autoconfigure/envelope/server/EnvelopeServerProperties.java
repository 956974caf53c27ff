package io.github.diospring.autoconfigure.envelope.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dio.envelope.server.*}: how this application answers its own front end with the envelope.
 *
 * <pre>{@code
 * dio:
 *   envelope:
 *     server:
 *       enabled: true
 *       front-end: pro
 *       http-status: keep
 *       wrap-results: true
 * }</pre>
 */
@ConfigurationProperties("dio.envelope.server")
public class EnvelopeServerProperties {

	/** Whether errors (and, with wrap-results or @EnvelopeResponse, results) are answered as the envelope. */
	private boolean enabled;

	/** The front end whose showType numbering is answered: pro (umi 4, NOTIFICATION = 3) or umi3 (NOTIFICATION = 4). */
	private FrontEnd frontEnd = FrontEnd.PRO;

	/** HTTP status of error envelopes: keep (business errors 200, others keep their status) or always-ok. */
	private StatusPolicy httpStatus = StatusPolicy.KEEP;

	/** Whether every controller's results are wrapped in {success: true, data}; otherwise only @EnvelopeResponse ones. */
	private boolean wrapResults;

	/** The envelope's host field. Default: this machine's host name. */
	private @Nullable String host;

	/** Response header carrying the request's traceId; empty to send none. */
	private String traceHeader = "X-Trace-Id";

	/** Messages shown for errors the browser must not see the detail of, by errorCode (e.g. RECEIVE_TIMEOUT, CONNECTION_ERROR, BAD_RESPONSE, INTERNAL_ERROR). */
	private Map<String, String> messages = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public FrontEnd getFrontEnd() {
		return this.frontEnd;
	}

	public void setFrontEnd(FrontEnd frontEnd) {
		this.frontEnd = frontEnd;
	}

	public StatusPolicy getHttpStatus() {
		return this.httpStatus;
	}

	public void setHttpStatus(StatusPolicy httpStatus) {
		this.httpStatus = httpStatus;
	}

	public boolean isWrapResults() {
		return this.wrapResults;
	}

	public void setWrapResults(boolean wrapResults) {
		this.wrapResults = wrapResults;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public String getTraceHeader() {
		return this.traceHeader;
	}

	public void setTraceHeader(String traceHeader) {
		this.traceHeader = traceHeader;
	}

	public Map<String, String> getMessages() {
		return this.messages;
	}

	public void setMessages(Map<String, String> messages) {
		this.messages = messages;
	}

}
