package io.github.diospring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.diospring.Redaction;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dio.*}: the primary client's settings at the top level, named clients under
 * {@code dio.clients}, and the built-in interceptors. The binding class; clients get immutable
 * {@link io.github.diospring.BaseOptions}.
 *
 * <pre>{@code
 * dio:
 *   base-url: https://api.example.com
 *   connect-timeout: 5s
 *   log:
 *     enabled: true
 *   clients:
 *     github:
 *       base-url: https://api.github.com
 * }</pre>
 */
@ConfigurationProperties("dio")
public class DioProperties extends DioClientProperties {

	/** Whether to auto-configure Dio clients. */
	private boolean enabled = true;

	/** The built-in LogInterceptor. */
	private final Log log = new Log();

	/** Meters beyond the http.client.requests timer. */
	private final Metrics metrics = new Metrics();

	/** Spring's HTTP service interfaces ({@code @ImportHttpServices}) on dio clients. */
	private final HttpServices httpServices = new HttpServices();

	/** Named clients, each injectable with @Qualifier("name"); unset values come from the top level. */
	private Map<String, DioClientProperties> clients = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Log getLog() {
		return this.log;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public HttpServices getHttpServices() {
		return this.httpServices;
	}

	public Map<String, DioClientProperties> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, DioClientProperties> clients) {
		this.clients = clients;
	}

	/** The built-in LogInterceptor, with dio's switches. */
	public static class Log {

		/** Whether the LogInterceptor bean is registered. */
		private boolean enabled;

		/** Whether to log the request's URI (dio 5.9's requestUrl). */
		private boolean requestUrl = true;

		/** Whether to log the request's method and options. */
		private boolean request = true;

		/** Whether to log request headers. */
		private boolean requestHeader = true;

		/** Whether to log request bodies (streams are described, never read). */
		private boolean requestBody;

		/** Whether to log the response's real URI (dio 5.9's responseUrl). */
		private boolean responseUrl = true;

		/** Whether to log response headers. */
		private boolean responseHeader = true;

		/** Whether to log response bodies (streams are described, never read). */
		private boolean responseBody;

		/** Whether to log errors. */
		private boolean error = true;

		/** What is masked in logs, exception messages and the actuator endpoint. */
		private final Redact redact = new Redact();

		/** Characters of a body that are logged at most. */
		private int maxBodyLength = 4096;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isRequestUrl() {
			return this.requestUrl;
		}

		public void setRequestUrl(boolean requestUrl) {
			this.requestUrl = requestUrl;
		}

		public boolean isResponseUrl() {
			return this.responseUrl;
		}

		public void setResponseUrl(boolean responseUrl) {
			this.responseUrl = responseUrl;
		}

		public boolean isRequest() {
			return this.request;
		}

		public void setRequest(boolean request) {
			this.request = request;
		}

		public boolean isRequestHeader() {
			return this.requestHeader;
		}

		public void setRequestHeader(boolean requestHeader) {
			this.requestHeader = requestHeader;
		}

		public boolean isRequestBody() {
			return this.requestBody;
		}

		public void setRequestBody(boolean requestBody) {
			this.requestBody = requestBody;
		}

		public boolean isResponseHeader() {
			return this.responseHeader;
		}

		public void setResponseHeader(boolean responseHeader) {
			this.responseHeader = responseHeader;
		}

		public boolean isResponseBody() {
			return this.responseBody;
		}

		public void setResponseBody(boolean responseBody) {
			this.responseBody = responseBody;
		}

		public boolean isError() {
			return this.error;
		}

		public void setError(boolean error) {
			this.error = error;
		}

		public Redact getRedact() {
			return this.redact;
		}

		public int getMaxBodyLength() {
			return this.maxBodyLength;
		}

		public void setMaxBodyLength(int maxBodyLength) {
			this.maxBodyLength = maxBodyLength;
		}

	}

	/**
	 * The one redaction policy ({@link Redaction}) of every client: names matched ignoring case,
	 * URL user info always masked. Each list replaces the defaults; an empty list masks nothing of
	 * its kind.
	 */
	public static class Redact {

		/** Headers whose values are masked. */
		private Set<String> headers = new TreeSet<>(Redaction.DEFAULT_NAMES);

		/** Query parameters whose values are masked in URLs. */
		private Set<String> queryParameters = new TreeSet<>(Redaction.DEFAULT_NAMES);

		/** JSON, map and form body fields whose values are masked, at any depth. */
		private Set<String> bodyFields = new TreeSet<>(Redaction.DEFAULT_NAMES);

		public Set<String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Set<String> headers) {
			this.headers = headers;
		}

		public Set<String> getQueryParameters() {
			return this.queryParameters;
		}

		public void setQueryParameters(Set<String> queryParameters) {
			this.queryParameters = queryParameters;
		}

		public Set<String> getBodyFields() {
			return this.bodyFields;
		}

		public void setBodyFields(Set<String> bodyFields) {
			this.bodyFields = bodyFields;
		}

		/** @return the policy these settings describe */
		Redaction toRedaction() {
			return Redaction.defaults().withHeaders(this.headers).withQueryParameters(this.queryParameters)
				.withBodyFields(this.bodyFields);
		}

	}

	/** Meters beyond the http.client.requests timer. */
	public static class Metrics {

		/** Whether dio.client.errors of type BIZ_ERROR are tagged with the envelope's error code. */
		private boolean errorCodeTag;

		/** How many distinct error codes get their own tag value; the rest are counted as OTHER. */
		private int maxErrorCodes = 50;

		public boolean isErrorCodeTag() {
			return this.errorCodeTag;
		}

		public void setErrorCodeTag(boolean errorCodeTag) {
			this.errorCodeTag = errorCodeTag;
		}

		public int getMaxErrorCodes() {
			return this.maxErrorCodes;
		}

		public void setMaxErrorCodes(int maxErrorCodes) {
			this.maxErrorCodes = maxErrorCodes;
		}

	}

	/** HTTP service groups served by dio clients. */
	public static class HttpServices {

		/**
		 * Whether an @ImportHttpServices group named like a dio client ('default', or a name under
		 * dio.clients) runs through that client instead of Boot's own.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
