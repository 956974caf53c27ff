package io.github.diospring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diospring.ListFormat;
import io.github.diospring.ResponseType;
import io.github.diospring.adapter.AdapterType;
import io.github.diospring.cache.CachePolicy;
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

	/** Limit for opening a connection, TCP and TLS included. Default: 10s; zero: none. */
	private @Nullable Duration connectTimeout;

	/** Limit for writing a request body. Zero or unset: none. */
	private @Nullable Duration sendTimeout;

	/** Idle limit until the response headers, then between body chunks. Default: 30s; zero: none. */
	private @Nullable Duration receiveTimeout;

	/** Limit for the whole exchange: connect, upload, headers and body. Zero or unset: none. */
	private @Nullable Duration callTimeout;

	/** Most bytes of a response body read into memory (String, JSON, bytes); STREAM and downloads are not limited. Default: 10MB; -1 for none. */
	private @Nullable DataSize maxInMemorySize;

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

	/**
	 * HTTP version: http-1-1 (default), h2 (HTTP/2 over TLS negotiated with ALPN, HTTP/1.1 when the
	 * server has no HTTP/2, plain http stays HTTP/1.1) or h2c (HTTP/2 without TLS, prior knowledge).
	 * Needs the Reactor Netty connector.
	 */
	private @Nullable HttpVersion httpVersion;

	/**
	 * Transport: reactor-netty (default; dio straight on Reactor Netty's HttpClient, built from
	 * Boot's connector settings) or webclient (through a WebClient from Boot's WebClient.Builder,
	 * for applications that rely on its filters). Both need the Reactor Netty connector; with
	 * another connector the client uses webclient.
	 */
	private @Nullable AdapterType adapter;

	/** Forward proxy. */
	private final Proxy proxy = new Proxy();

	/** The client's own Reactor Netty connection pool. Unset: the connector's (Spring Boot's shared pool: 500 connections, 1000 waiting, 45s). */
	private final Pool pool = new Pool();

	/** TLS trust and certificate pins. */
	private final Ssl ssl = new Ssl();

	/** Which interceptor beans join this client's chain. */
	private final InterceptorSelection interceptors = new InterceptorSelection();

	/** Cookie management (the CookieManager interceptor and its jar). */
	private final CookieSettings cookie = new CookieSettings();

	/** The umi / Ant Design Pro response envelope (the ErrorAdaptorInterceptor). */
	private final ErrorAdaptorSettings errorAdaptor = new ErrorAdaptorSettings();

	/** The HTTP cache (the CacheInterceptor). */
	private final CacheSettings cache = new CacheSettings();

	/** Retries of failed attempts, with backoff and a retry budget. */
	private final RetrySettings retry = new RetrySettings();

	/** The resilience4j circuit breaker in front of this client's transport. */
	private final CircuitBreakerSettings circuitBreaker = new CircuitBreakerSettings();

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

	public @Nullable Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(@Nullable Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public @Nullable DataSize getMaxInMemorySize() {
		return this.maxInMemorySize;
	}

	public void setMaxInMemorySize(@Nullable DataSize maxInMemorySize) {
		this.maxInMemorySize = maxInMemorySize;
	}

	public Pool getPool() {
		return this.pool;
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

	public @Nullable HttpVersion getHttpVersion() {
		return this.httpVersion;
	}

	public void setHttpVersion(@Nullable HttpVersion httpVersion) {
		this.httpVersion = httpVersion;
	}

	public @Nullable AdapterType getAdapter() {
		return this.adapter;
	}

	public void setAdapter(@Nullable AdapterType adapter) {
		this.adapter = adapter;
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

	public RetrySettings getRetry() {
		return this.retry;
	}

	public CircuitBreakerSettings getCircuitBreaker() {
		return this.circuitBreaker;
	}

	/** Retries by the built-in RetryInterceptor: which failures, how often, how long to wait, and a budget. */
	public static class RetrySettings {

		/** Whether failed attempts are retried. Default: false. */
		private @Nullable Boolean enabled;

		/** Attempts in all, the first included. Default: 3. */
		private @Nullable Integer maxAttempts;

		/** Response statuses retried. Default: 408, 429, 500, 502, 503, 504. */
		private @Nullable List<Integer> statuses;

		/** Methods retried without a per-request opt-in (extra dio.retry=true). Default: GET, HEAD, OPTIONS, TRACE, PUT, DELETE. */
		private @Nullable List<String> methods;

		/** Backoff ceiling before the first retry; each retry doubles it, and the wait is random below it (full jitter). Default: 100ms. */
		private @Nullable Duration initialBackoff;

		/** Highest backoff ceiling. Default: 5s. */
		private @Nullable Duration maxBackoff;

		/** Longest Retry-After answer waited for; a longer one is not retried. Default: 30s. */
		private @Nullable Duration maxRetryAfter;

		/** Share of the traffic retries may add. */
		private final Budget budget = new Budget();

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable List<Integer> getStatuses() {
			return this.statuses;
		}

		public void setStatuses(@Nullable List<Integer> statuses) {
			this.statuses = statuses;
		}

		public @Nullable List<String> getMethods() {
			return this.methods;
		}

		public void setMethods(@Nullable List<String> methods) {
			this.methods = methods;
		}

		public @Nullable Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(@Nullable Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public @Nullable Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(@Nullable Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public @Nullable Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(@Nullable Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public Budget getBudget() {
			return this.budget;
		}

		/** Within any window, retries may number at most min-retries + ratio x requests (per client). */
		public static class Budget {

			/** Whether retries are limited by the budget (off: only max-attempts limits them). Default: true. */
			private @Nullable Boolean enabled;

			/** Retries allowed per request. Default: 0.2 (20 %). */
			private @Nullable Double ratio;

			/** Retries allowed per window whatever the traffic. Default: 10. */
			private @Nullable Integer minRetries;

			/** How far back requests and retries count. Default: 10s. */
			private @Nullable Duration window;

			public @Nullable Boolean getEnabled() {
				return this.enabled;
			}

			public void setEnabled(@Nullable Boolean enabled) {
				this.enabled = enabled;
			}

			public @Nullable Double getRatio() {
				return this.ratio;
			}

			public void setRatio(@Nullable Double ratio) {
				this.ratio = ratio;
			}

			public @Nullable Integer getMinRetries() {
				return this.minRetries;
			}

			public void setMinRetries(@Nullable Integer minRetries) {
				this.minRetries = minRetries;
			}

			public @Nullable Duration getWindow() {
				return this.window;
			}

			public void setWindow(@Nullable Duration window) {
				this.window = window;
			}

		}

	}

	/** Circuit breaking through resilience4j; thresholds are resilience4j's own (resilience4j.circuitbreaker.instances.*). */
	public static class CircuitBreakerSettings {

		/** Whether the client's transport goes through a circuit breaker. Default: when resilience4j.circuitbreaker.instances.<name> is configured. */
		private @Nullable Boolean enabled;

		/** Name of the resilience4j circuit breaker instance. Default: the client's name. */
		private @Nullable String name;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

	}

	public CacheSettings getCache() {
		return this.cache;
	}

	/**
	 * A client's own connection pool; any value set gives the client a pool of its own, whose
	 * other values default to 500 connections, 1000 waiting for 45s, idle connections dropped after 30s.
	 */
	public static class Pool {

		/** Connections per host at most. Default: 500. */
		private @Nullable Integer maxConnections;

		/** Requests waiting for a connection at most; -1 for no limit. Default: 1000. */
		private @Nullable Integer pendingAcquireMaxCount;

		/** How long a request waits for a connection. Default: 45s. */
		private @Nullable Duration pendingAcquireTimeout;

		/** Connections idle longer are closed instead of reused. Default: 30s; zero: no limit. */
		private @Nullable Duration maxIdleTime;

		/** Connections older are closed instead of reused. Default: no limit. */
		private @Nullable Duration maxLifeTime;

		/** Interval of a background sweep closing idle and expired connections. Default: none. */
		private @Nullable Duration evictInBackground;

		public @Nullable Integer getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(@Nullable Integer maxConnections) {
			this.maxConnections = maxConnections;
		}

		public @Nullable Integer getPendingAcquireMaxCount() {
			return this.pendingAcquireMaxCount;
		}

		public void setPendingAcquireMaxCount(@Nullable Integer pendingAcquireMaxCount) {
			this.pendingAcquireMaxCount = pendingAcquireMaxCount;
		}

		public @Nullable Duration getPendingAcquireTimeout() {
			return this.pendingAcquireTimeout;
		}

		public void setPendingAcquireTimeout(@Nullable Duration pendingAcquireTimeout) {
			this.pendingAcquireTimeout = pendingAcquireTimeout;
		}

		public @Nullable Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		public void setMaxIdleTime(@Nullable Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

		public @Nullable Duration getMaxLifeTime() {
			return this.maxLifeTime;
		}

		public void setMaxLifeTime(@Nullable Duration maxLifeTime) {
			this.maxLifeTime = maxLifeTime;
		}

		public @Nullable Duration getEvictInBackground() {
			return this.evictInBackground;
		}

		public void setEvictInBackground(@Nullable Duration evictInBackground) {
			this.evictInBackground = evictInBackground;
		}

	}

	/** Whose cookies one jar keeps. */
	public enum CookieScope {

		/** One jar for every call of the client: the service's own upstream session (machine to machine). */
		CLIENT,

		/** One jar per user, in the inbound request's web session (WebSession or HttpSession); calls outside a request fail. */
		SESSION

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

		/**
		 * Whose cookies a jar keeps: client (one jar for every call of the client, for
		 * machine-to-machine calls) or session (one jar per user, kept in the inbound request's web
		 * session; a call outside an inbound request fails). Default: client.
		 */
		private @Nullable CookieScope scope;

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

		public @Nullable CookieScope getScope() {
			return this.scope;
		}

		public void setScope(@Nullable CookieScope scope) {
			this.scope = scope;
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


	/** An HTTP cache with RFC 9111's private-cache rules and dio_cache_interceptor's policies. */
	public static class CacheSettings {

		/** Whether the CacheInterceptor joins the chain. Default: false. */
		private @Nullable Boolean enabled;

		/** Name of a cache in a Spring CacheManager (Redis...) to store entries in, shared by every client and instance using it; unset: an in-memory Caffeine cache of this client. */
		private @Nullable String store;

		/** Bean name of the CacheManager holding the store. Default: the application's only or primary CacheManager. */
		private @Nullable String cacheManager;

		/** Entries the in-memory store keeps at most. Default: 1000. */
		private @Nullable Long maxEntries;

		/** Bytes the in-memory store keeps at most. Default: 10MB. */
		private @Nullable DataSize maxSize;

		/** Responses with larger bodies are not stored. Default: 1MB. */
		private @Nullable DataSize maxEntrySize;

		/** Policy of requests that do not pick one. Default: request (follow the HTTP headers). */
		private @Nullable CachePolicy policy;

		/** How long past its freshness a stored response may still answer errors and force-cache requests; unset: no limit. */
		private @Nullable Duration maxStale;

		/** Response statuses answered with the stored (even stale) response instead, e.g. 500, 502, 503, 504. Default: none. */
		private @Nullable List<Integer> hitCacheOnErrorCodes;

		/** Whether connection failures and timeouts are answered with the stored (even stale) response. Default: false. */
		private @Nullable Boolean hitCacheOnNetworkFailure;

		/** Fraction of the time since Last-Modified that a response without explicit freshness stays fresh (RFC 9111 suggests 0.1). Default: 0 (off). */
		private @Nullable Double heuristicFraction;

		/** Longest heuristic freshness. Default: 1d. */
		private @Nullable Duration heuristicMaxAge;

		/** Whether responses to requests with an Authorization header are stored, each credential under its own keys. Default: false. */
		private @Nullable Boolean allowAuthorization;

		/** Whether STREAM responses and downloads are stored as they are read. Default: false. */
		private @Nullable Boolean cacheStreams;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getStore() {
			return this.store;
		}

		public void setStore(@Nullable String store) {
			this.store = store;
		}

		public @Nullable String getCacheManager() {
			return this.cacheManager;
		}

		public void setCacheManager(@Nullable String cacheManager) {
			this.cacheManager = cacheManager;
		}

		public @Nullable Long getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(@Nullable Long maxEntries) {
			this.maxEntries = maxEntries;
		}

		public @Nullable DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(@Nullable DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public @Nullable DataSize getMaxEntrySize() {
			return this.maxEntrySize;
		}

		public void setMaxEntrySize(@Nullable DataSize maxEntrySize) {
			this.maxEntrySize = maxEntrySize;
		}

		public @Nullable CachePolicy getPolicy() {
			return this.policy;
		}

		public void setPolicy(@Nullable CachePolicy policy) {
			this.policy = policy;
		}

		public @Nullable Duration getMaxStale() {
			return this.maxStale;
		}

		public void setMaxStale(@Nullable Duration maxStale) {
			this.maxStale = maxStale;
		}

		public @Nullable List<Integer> getHitCacheOnErrorCodes() {
			return this.hitCacheOnErrorCodes;
		}

		public void setHitCacheOnErrorCodes(@Nullable List<Integer> hitCacheOnErrorCodes) {
			this.hitCacheOnErrorCodes = hitCacheOnErrorCodes;
		}

		public @Nullable Boolean getHitCacheOnNetworkFailure() {
			return this.hitCacheOnNetworkFailure;
		}

		public void setHitCacheOnNetworkFailure(@Nullable Boolean hitCacheOnNetworkFailure) {
			this.hitCacheOnNetworkFailure = hitCacheOnNetworkFailure;
		}

		public @Nullable Double getHeuristicFraction() {
			return this.heuristicFraction;
		}

		public void setHeuristicFraction(@Nullable Double heuristicFraction) {
			this.heuristicFraction = heuristicFraction;
		}

		public @Nullable Duration getHeuristicMaxAge() {
			return this.heuristicMaxAge;
		}

		public void setHeuristicMaxAge(@Nullable Duration heuristicMaxAge) {
			this.heuristicMaxAge = heuristicMaxAge;
		}

		public @Nullable Boolean getAllowAuthorization() {
			return this.allowAuthorization;
		}

		public void setAllowAuthorization(@Nullable Boolean allowAuthorization) {
			this.allowAuthorization = allowAuthorization;
		}

		public @Nullable Boolean getCacheStreams() {
			return this.cacheStreams;
		}

		public void setCacheStreams(@Nullable Boolean cacheStreams) {
			this.cacheStreams = cacheStreams;
		}
	}

	/** The HTTP versions a client can speak. */
	public enum HttpVersion {

		/** HTTP/1.1 only. */
		HTTP_1_1,

		/** HTTP/2 over TLS, negotiated with ALPN; HTTP/1.1 when the server has no HTTP/2. */
		H2,

		/** HTTP/2 over plain TCP with prior knowledge (the server must speak HTTP/2). */
		H2C

	}

}
