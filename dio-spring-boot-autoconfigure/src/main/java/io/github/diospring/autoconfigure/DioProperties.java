package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.diospring.ListFormat;
import io.github.diospring.ResponseType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the auto-configured {@link io.github.diospring.Dio}, bound from {@code dio.*}. The
 * binding class; the client itself gets an immutable {@link io.github.diospring.BaseOptions}.
 *
 * <pre>{@code
 * dio:
 *   base-url: https://api.example.com
 *   connect-timeout: 5s
 *   receive-timeout: 3s
 *   headers:
 *     X-App: demo
 * }</pre>
 */
@ConfigurationProperties("dio")
public class DioProperties {

	/** Whether to auto-configure a Dio bean. */
	private boolean enabled = true;

	/** Prefix of every relative request path, such as https://api.example.com/v1/. */
	private @Nullable String baseUrl;

	/** Default HTTP method. */
	private String method = "GET";

	/** Limit for opening a connection (TCP and TLS); zero or unset for none. */
	private @Nullable Duration connectTimeout;

	/** Limit for writing a request body; zero or unset for none. */
	private @Nullable Duration sendTimeout;

	/** Idle limit until the response headers and between body chunks; zero or unset for none. */
	private @Nullable Duration receiveTimeout;

	/** Headers sent with every request. */
	private Map<String, String> headers = new LinkedHashMap<>();

	/** Query parameters added to every request. */
	private Map<String, String> queryParameters = new LinkedHashMap<>();

	/** Default request content type. */
	private @Nullable String contentType;

	/** How response bodies are decoded. */
	private ResponseType responseType = ResponseType.JSON;

	/** Whether JSON is parsed whatever the response content type. */
	private boolean forceJsonDecode;

	/** Whether bodies of error responses are read and decoded. */
	private boolean receiveDataWhenStatusError = true;

	/** Whether redirects are followed. */
	private boolean followRedirects = true;

	/** How many redirects are followed at most. */
	private int maxRedirects = 5;

	/** Whether connections are kept alive. */
	private boolean persistentConnection = true;

	/** Whether header names keep their case on the wire. */
	private boolean preserveHeaderCase;

	/** How lists are written in query strings and form bodies. */
	private ListFormat listFormat = ListFormat.MULTI;

	/** Free-form values visible to interceptors. */
	private Map<String, String> extra = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String getMethod() {
		return this.method;
	}

	public void setMethod(String method) {
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

	public ResponseType getResponseType() {
		return this.responseType;
	}

	public void setResponseType(ResponseType responseType) {
		this.responseType = responseType;
	}

	public boolean isForceJsonDecode() {
		return this.forceJsonDecode;
	}

	public void setForceJsonDecode(boolean forceJsonDecode) {
		this.forceJsonDecode = forceJsonDecode;
	}

	public boolean isReceiveDataWhenStatusError() {
		return this.receiveDataWhenStatusError;
	}

	public void setReceiveDataWhenStatusError(boolean receiveDataWhenStatusError) {
		this.receiveDataWhenStatusError = receiveDataWhenStatusError;
	}

	public boolean isFollowRedirects() {
		return this.followRedirects;
	}

	public void setFollowRedirects(boolean followRedirects) {
		this.followRedirects = followRedirects;
	}

	public int getMaxRedirects() {
		return this.maxRedirects;
	}

	public void setMaxRedirects(int maxRedirects) {
		this.maxRedirects = maxRedirects;
	}

	public boolean isPersistentConnection() {
		return this.persistentConnection;
	}

	public void setPersistentConnection(boolean persistentConnection) {
		this.persistentConnection = persistentConnection;
	}

	public boolean isPreserveHeaderCase() {
		return this.preserveHeaderCase;
	}

	public void setPreserveHeaderCase(boolean preserveHeaderCase) {
		this.preserveHeaderCase = preserveHeaderCase;
	}

	public ListFormat getListFormat() {
		return this.listFormat;
	}

	public void setListFormat(ListFormat listFormat) {
		this.listFormat = listFormat;
	}

	public Map<String, String> getExtra() {
		return this.extra;
	}

	public void setExtra(Map<String, String> extra) {
		this.extra = extra;
	}

}
