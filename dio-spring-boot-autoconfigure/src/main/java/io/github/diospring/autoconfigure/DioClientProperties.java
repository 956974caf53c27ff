package io.github.diospring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diospring.ListFormat;
import io.github.diospring.ResponseType;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Settings of one client: the top level of {@code dio.*} for the primary client, and each
 * {@code dio.clients.<name>.*}. Unset values of a named client come from the top level, then
 * from dio's defaults; maps (headers, query parameters, extra, pins) are merged by key.
 *
 * <pre>{@code
 * dio:
 *   clients:
 *     github:
 *       base-url: https://api.github.com
 *       receive-timeout: 10s
 * }</pre>
 */
public class DioClientProperties {

	/** Prefix of every relative request path, such as https://api.example.com/v1/. Paths are appended as text, as dio does. */
	private @Nullable String baseUrl;

	/** Default HTTP method. Default: GET. */
	private @Nullable String method;

	/** Limit for opening a connection, TCP and TLS included. Zero or unset: none. */
	private @Nullable Duration connectTimeout;

	/** Limit for writing a request body. Zero or unset: none. */
	private @Nullable Duration sendTimeout;

	/** Idle limit until the response headers, then between body chunks. Zero or unset: none. */
	private @Nullable Duration receiveTimeout;

	/** Headers sent with every request. */
	private Map<String, String> headers = new LinkedHashMap<>();

	/** Query parameters added to every request. */
	private Map<String, String> queryParameters = new LinkedHashMap<>();

	/** Default request content type. Default: JSON implied for structured bodies. */
	private @Nullable String contentType;

	/** How response bodies are decoded. Default: json. */
	private @Nullable ResponseType responseType;

	/** Whether JSON is parsed whatever the response content type. Default: false. */
	private @Nullable Boolean forceJsonDecode;

	/** Whether bodies of error responses are read and decoded. Default: true. */
	private @Nullable Boolean receiveDataWhenStatusError;

	/** Whether redirects are followed. Default: true. */
	private @Nullable Boolean followRedirects;

	/** How many redirects are followed at most. Default: 5. */
	private @Nullable Integer maxRedirects;

	/** Whether connections are kept alive. Default: true. */
	private @Nullable Boolean persistentConnection;

	/** Whether header names keep their case on the wire. Default: false. */
	private @Nullable Boolean preserveHeaderCase;

	/** How lists are written in query strings and form bodies. Default: multi. */
	private @Nullable ListFormat listFormat;

	/** Free-form values visible to interceptors. */
	private Map<String, String> extra = new LinkedHashMap<>();

	/** Forward proxy. */
	private final Proxy proxy = new Proxy();

	/** TLS trust and certificate pins. */
	private final Ssl ssl = new Ssl();

	/** Which interceptor beans join this client's chain. */
	private final InterceptorSelection interceptors = new InterceptorSelection();

	/** Cookie management (the CookieManager interceptor and its jar). */
	private final CookieSettings cookie = new CookieSettings();

	/** The umi / Ant Design Pro response envelope (the ErrorAdaptorInterceptor). */
	private final ErrorAdaptorSettings errorAdaptor = new ErrorAdaptorSettings();

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getMethod() {
		return this.method;
	}

	public void setMethod(@Nullable String method) {
		this.method = method;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(@Nullable Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public @Nullable Duration getReceiveTimeout() {
		return this.receiveTimeout;
	}

	public void setReceiveTimeout(@Nullable Duration receiveTimeout) {
		this.receiveTimeout = receiveTimeout;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public Map<String, String> getQueryParameters() {
		return this.queryParameters;
	}

	public void setQueryParameters(Map<String, String> queryParameters) {
		this.queryParameters = queryParameters;
	}

	public @Nullable String getContentType() {
		return this.contentType;
	}

	public void setContentType(@Nullable String contentType) {
		this.contentType = contentType;
	}

	public @Nullable ResponseType getResponseType() {
		return this.responseType;
	}

	public void setResponseType(@Nullable ResponseType responseType) {
		this.responseType = responseType;
	}

	public @Nullable Boolean getForceJsonDecode() {
		return this.forceJsonDecode;
	}

	public void setForceJsonDecode(@Nullable Boolean forceJsonDecode) {
		this.forceJsonDecode = forceJsonDecode;
	}

	public @Nullable Boolean getReceiveDataWhenStatusError() {
		return this.receiveDataWhenStatusError;
	}

	public void setReceiveDataWhenStatusError(@Nullable Boolean receiveDataWhenStatusError) {
		this.receiveDataWhenStatusError = receiveDataWhenStatusError;
	}

	public @Nullable Boolean getFollowRedirects() {
		return this.followRedirects;
	}

	public void setFollowRedirects(@Nullable Boolean followRedirects) {
		this.followRedirects = followRedirects;
	}

	public @Nullable Integer getMaxRedirects() {
		return this.maxRedirects;
	}

	public void setMaxRedirects(@Nullable Integer maxRedirects) {
		this.maxRedirects = maxRedirects;
	}

	public @Nullable Boolean getPersistentConnection() {
		return this.persistentConnection;
	}

	public void setPersistentConnection(@Nullable Boolean persistentConnection) {
		this.persistentConnection = persistentConnection;
	}

	public @Nullable Boolean getPreserveHeaderCase() {
		return this.preserveHeaderCase;
	}

	public void setPreserveHeaderCase(@Nullable Boolean preserveHeaderCase) {
		this.preserveHeaderCase = preserveHeaderCase;
	}

	public @Nullable ListFormat getListFormat() {
		return this.listFormat;
	}

	public void setListFormat(@Nullable ListFormat listFormat) {
		this.listFormat = listFormat;
	}

	public Map<String, String> getExtra() {
		return this.extra;
	}

	public void setExtra(Map<String, String> extra) {
		this.extra = extra;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public InterceptorSelection getInterceptors() {
		return this.interceptors;
	}

	public CookieSettings getCookie() {
		return this.cookie;
	}

	public ErrorAdaptorSettings getErrorAdaptor() {
		return this.errorAdaptor;
	}

	/** Proxy types. */
	public enum ProxyType {

		/** An HTTP forward proxy (CONNECT for https). */
		HTTP,

		/** A SOCKS 5 proxy. */
		SOCKS5

	}

	/** A forward proxy for one client. */
	public static class Proxy {

		/** Proxy protocol. Default: http when a host is set. */
		private @Nullable ProxyType type;

		/** Proxy host; unset: no proxy. */
		private @Nullable String host;

		/** Proxy port. */
		private @Nullable Integer port;

		/** User name for proxy authentication. */
		private @Nullable String username;

		/** Password for proxy authentication; never shown in logs or the actuator endpoint. */
		private @Nullable String password;

		/** Hosts reached directly, not through the proxy; a leading '*.' matches subdomains. */
		private List<String> nonProxyHosts = new ArrayList<>();

		public @Nullable ProxyType getType() {
			return this.type;
		}

		public void setType(@Nullable ProxyType type) {
			this.type = type;
		}

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

	}

	/** TLS settings for one client. Verification is always on; trust more through a bundle. */
	public static class Ssl {

		/** Name of a Spring SSL bundle (spring.ssl.bundle.*) with the trust store, and key store for mutual TLS. */
		private @Nullable String bundle;

		/** Certificate pins per host: sha256/ followed by the base64 SHA-256 of the public key, checked during the handshake. */
		private Map<String, List<String>> pins = new LinkedHashMap<>();

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public Map<String, List<String>> getPins() {
			return this.pins;
		}

		public void setPins(Map<String, List<String>> pins) {
			this.pins = pins;
		}

	}

	/** Selects interceptor beans by bean name. */
	public static class InterceptorSelection {

		/** Only these interceptor beans join the chain; empty: all of them. */
		private List<String> include = new ArrayList<>();

		/** These interceptor beans never join the chain. */
		private List<String> exclude = new ArrayList<>();

		public List<String> getInclude() {
			return this.include;
		}

		public void setInclude(List<String> include) {
			this.include = include;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

	}

	/** Cookies kept across requests, by RFC 6265. */
	public static class CookieSettings {

		/** Whether the CookieManager joins the chain. Default: false (a server-side jar is shared by every caller of the client). */
		private @Nullable Boolean enabled;

		/** Directory where cookies survive restarts (one file per client); unset: in memory. */
		private @Nullable Path persistDir;

		/** Whether expired cookies are still sent. Default: false. */
		private @Nullable Boolean ignoreExpires;

		/** Whether session cookies (no Expires/Max-Age) are written to the persist directory too. Default: true. */
		private @Nullable Boolean persistSession;

		/** Whether invalid Set-Cookie headers are skipped quietly (DEBUG) instead of with a WARN. Default: false. */
		private @Nullable Boolean ignoreInvalidCookies;

		/** For a named client: whether it shares the primary client's jar instead of having its own. Default: false. */
		private @Nullable Boolean share;

		/** Bytes of name plus value a cookie may have; larger ones are not stored. Default: 4096 (RFC 6265 §6.1). */
		private @Nullable Integer maxCookieSize;

		/** Cookies kept per domain; beyond it, expired then least recently used ones are evicted. Default: 50. */
		private @Nullable Integer maxCookiesPerDomain;

		/** Cookies kept in the jar in all; beyond it, expired then least recently used ones are evicted. Default: 3000. */
		private @Nullable Integer maxCookies;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Path getPersistDir() {
			return this.persistDir;
		}

		public void setPersistDir(@Nullable Path persistDir) {
			this.persistDir = persistDir;
		}

		public @Nullable Boolean getIgnoreExpires() {
			return this.ignoreExpires;
		}

		public void setIgnoreExpires(@Nullable Boolean ignoreExpires) {
			this.ignoreExpires = ignoreExpires;
		}

		public @Nullable Boolean getPersistSession() {
			return this.persistSession;
		}

		public void setPersistSession(@Nullable Boolean persistSession) {
			this.persistSession = persistSession;
		}

		public @Nullable Boolean getIgnoreInvalidCookies() {
			return this.ignoreInvalidCookies;
		}

		public void setIgnoreInvalidCookies(@Nullable Boolean ignoreInvalidCookies) {
			this.ignoreInvalidCookies = ignoreInvalidCookies;
		}

		public @Nullable Boolean getShare() {
			return this.share;
		}

		public void setShare(@Nullable Boolean share) {
			this.share = share;
		}

		public @Nullable Integer getMaxCookieSize() {
			return this.maxCookieSize;
		}

		public void setMaxCookieSize(@Nullable Integer maxCookieSize) {
			this.maxCookieSize = maxCookieSize;
		}

		public @Nullable Integer getMaxCookiesPerDomain() {
			return this.maxCookiesPerDomain;
		}

		public void setMaxCookiesPerDomain(@Nullable Integer maxCookiesPerDomain) {
			this.maxCookiesPerDomain = maxCookiesPerDomain;
		}

		public @Nullable Integer getMaxCookies() {
			return this.maxCookies;
		}

		public void setMaxCookies(@Nullable Integer maxCookies) {
			this.maxCookies = maxCookies;
		}

	}

	/** The response envelope: field names, unwrapping and reporting. */
	public static class ErrorAdaptorSettings {

		/** Whether the ErrorAdaptorInterceptor joins the chain. Default: true. */
		private @Nullable Boolean enabled;

		/** Envelope field names. */
		private final Fields fields = new Fields();

		/** When set, success means the success field equals this text (e.g. 0 for code-style backends); unset: only a JSON false fails. */
		private @Nullable String successValue;

		/** Field that typed calls are unwrapped from; empty to return the whole envelope. Default: the data field name. */
		private @Nullable String dataField;

		/** The showType number meaning NOTIFICATION: 4 (umi 3) or 3 (umi 4, Ant Design Pro). Default: 4. */
		private @Nullable Integer notificationShowType;

		/** Where REDIRECT errors point to, with errorCode and errorMessage as query parameters. Default: /exception. */
		private @Nullable String errorPage;

		/** Bodies larger than this are not inspected. Default: 1MB. */
		private @Nullable DataSize maxInspectSize;

		/** Error messages are cut at this many characters. Default: 1000. */
		private @Nullable Integer maxMessageLength;

		/** Response headers holding a trace id when the body has none, in order. Default: X-Trace-Id, traceparent. */
		private @Nullable List<String> traceHeaders;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public Fields getFields() {
			return this.fields;
		}

		public @Nullable String getSuccessValue() {
			return this.successValue;
		}

		public void setSuccessValue(@Nullable String successValue) {
			this.successValue = successValue;
		}

		public @Nullable String getDataField() {
			return this.dataField;
		}

		public void setDataField(@Nullable String dataField) {
			this.dataField = dataField;
		}

		public @Nullable Integer getNotificationShowType() {
			return this.notificationShowType;
		}

		public void setNotificationShowType(@Nullable Integer notificationShowType) {
			this.notificationShowType = notificationShowType;
		}

		public @Nullable String getErrorPage() {
			return this.errorPage;
		}

		public void setErrorPage(@Nullable String errorPage) {
			this.errorPage = errorPage;
		}

		public @Nullable DataSize getMaxInspectSize() {
			return this.maxInspectSize;
		}

		public void setMaxInspectSize(@Nullable DataSize maxInspectSize) {
			this.maxInspectSize = maxInspectSize;
		}

		public @Nullable Integer getMaxMessageLength() {
			return this.maxMessageLength;
		}

		public void setMaxMessageLength(@Nullable Integer maxMessageLength) {
			this.maxMessageLength = maxMessageLength;
		}

		public @Nullable List<String> getTraceHeaders() {
			return this.traceHeaders;
		}

		public void setTraceHeaders(@Nullable List<String> traceHeaders) {
			this.traceHeaders = traceHeaders;
		}

		/** Envelope field names; umi's by default. */
		public static class Fields {

			/** Name of the success field. Default: success. */
			private @Nullable String success;

			/** Name of the data field. Default: data. */
			private @Nullable String data;

			/** Name of the error code field. Default: errorCode. */
			private @Nullable String errorCode;

			/** Name of the error message field. Default: errorMessage. */
			private @Nullable String errorMessage;

			/** Name of the show type field. Default: showType. */
			private @Nullable String showType;

			/** Name of the trace id field. Default: traceId. */
			private @Nullable String traceId;

			/** Name of the host field. Default: host. */
			private @Nullable String host;

			public @Nullable String getSuccess() {
				return this.success;
			}

			public void setSuccess(@Nullable String success) {
				this.success = success;
			}

			public @Nullable String getData() {
				return this.data;
			}

			public void setData(@Nullable String data) {
				this.data = data;
			}

			public @Nullable String getErrorCode() {
				return this.errorCode;
			}

			public void setErrorCode(@Nullable String errorCode) {
				this.errorCode = errorCode;
			}

			public @Nullable String getErrorMessage() {
				return this.errorMessage;
			}

			public void setErrorMessage(@Nullable String errorMessage) {
				this.errorMessage = errorMessage;
			}

			public @Nullable String getShowType() {
				return this.showType;
			}

			public void setShowType(@Nullable String showType) {
				this.showType = showType;
			}

			public @Nullable String getTraceId() {
				return this.traceId;
			}

			public void setTraceId(@Nullable String traceId) {
				this.traceId = traceId;
			}

			public @Nullable String getHost() {
				return this.host;
			}

			public void setHost(@Nullable String host) {
				this.host = host;
			}

		}

	}

}
