package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.diospring.BaseOptions;
import io.github.diospring.adapter.PoolSettings;
import org.jspecify.annotations.Nullable;

/**
 * One client's settings after inheritance: its own value, else the top level's, else dio's
 * default; maps merged by key. Turns them into {@link BaseOptions}, naming the exact property
 * (the client's or the top level's) when a value is invalid.
 */
final class ClientSettings {

	static final String DEFAULT_CLIENT = "default";

	final String name;

	private final DioClientProperties client;

	private final DioClientProperties top;

	ClientSettings(String name, DioClientProperties client, DioClientProperties top) {
		this.name = name;
		this.client = client;
		this.top = top;
	}

	DioClientProperties client() {
		return this.client;
	}

	DioClientProperties top() {
		return this.top;
	}

	/** @return the full name of a property as this client sees it: its own when it set it, else the top level's */
	String property(String kebab, Function<DioClientProperties, @Nullable Object> getter) {
		boolean own = !this.name.equals(DEFAULT_CLIENT) && getter.apply(this.client) != null;
		return (own ? "dio.clients." + this.name + "." : "dio.") + kebab;
	}

	<T> @Nullable T pick(Function<DioClientProperties, @Nullable T> getter) {
		T own = getter.apply(this.client);
		return (own != null) ? own : getter.apply(this.top);
	}

	/** A value only this client set itself (not inherited). */
	<T> @Nullable T ownOnly(Function<DioClientProperties, @Nullable T> getter) {
		return (this.client != this.top) ? getter.apply(this.client) : null;
	}

	/** Whether this named client sets any {@code error-adaptor.*} value of its own. */
	boolean hasOwnErrorAdaptorSettings() {
		if (this.client == this.top) {
			return false;
		}
		DioClientProperties.ErrorAdaptorSettings e = this.client.getErrorAdaptor();
		DioClientProperties.ErrorAdaptorSettings.Fields f = e.getFields();
		return e.getSuccessValue() != null || e.getDataField() != null || e.getNotificationShowType() != null
				|| e.getErrorPage() != null || e.getMaxInspectSize() != null || e.getMaxMessageLength() != null
				|| e.getTraceHeaders() != null || f.getSuccess() != null || f.getData() != null
				|| f.getErrorCode() != null || f.getErrorMessage() != null || f.getShowType() != null
				|| f.getTraceId() != null || f.getHost() != null;
	}

	<V> Map<String, V> merged(Function<DioClientProperties, Map<String, V>> getter) {
		Map<String, V> merged = new LinkedHashMap<>(getter.apply(this.top));
		if (this.client != this.top) {
			merged.putAll(getter.apply(this.client));
		}
		return merged;
	}

	DioClientProperties.Proxy proxy() {
		return (this.client.getProxy().getHost() != null || this.client == this.top) ? this.client.getProxy()
				: this.top.getProxy();
	}

	@Nullable String sslBundle() {
		return pick(p -> p.getSsl().getBundle());
	}

	Map<String, List<String>> pins() {
		return merged(p -> p.getSsl().getPins());
	}

	List<String> include() {
		return this.client.getInterceptors().getInclude();
	}

	List<String> exclude() {
		return this.client.getInterceptors().getExclude();
	}

	BaseOptions toBaseOptions() {
		checkTimeout("connect-timeout", DioClientProperties::getConnectTimeout);
		checkTimeout("send-timeout", DioClientProperties::getSendTimeout);
		checkTimeout("receive-timeout", DioClientProperties::getReceiveTimeout);
		checkTimeout("call-timeout", DioClientProperties::getCallTimeout);
		BaseOptions.Builder b = BaseOptions.builder();
		String baseUrl = pick(DioClientProperties::getBaseUrl);
		b.baseUrl((baseUrl != null) ? baseUrl : "");
		setIfPresent(pick(DioClientProperties::getMethod), b::method);
		// unset timeouts and size keep the library's finite defaults; zero (-1 for the size) turns them off
		setIfPresent(pick(DioClientProperties::getConnectTimeout), b::connectTimeout);
		setIfPresent(pick(DioClientProperties::getSendTimeout), b::sendTimeout);
		setIfPresent(pick(DioClientProperties::getReceiveTimeout), b::receiveTimeout);
		setIfPresent(pick(DioClientProperties::getCallTimeout), b::callTimeout);
		setIfPresent(pick(DioClientProperties::getMaxInMemorySize), size -> b.maxInMemorySize(size.toBytes()));
		b.headers(merged(DioClientProperties::getHeaders))
			.queryParameters(merged(DioClientProperties::getQueryParameters))
			.contentType(pick(DioClientProperties::getContentType))
			.extra(merged(DioClientProperties::getExtra));
		setIfPresent(pick(DioClientProperties::getResponseType), b::responseType);
		setIfPresent(pick(DioClientProperties::getForceJsonDecode), b::forceJsonDecode);
		setIfPresent(pick(DioClientProperties::getReceiveDataWhenStatusError), b::receiveDataWhenStatusError);
		setIfPresent(pick(DioClientProperties::getFollowRedirects), b::followRedirects);
		setIfPresent(pick(DioClientProperties::getMaxRedirects), b::maxRedirects);
		setIfPresent(pick(DioClientProperties::getPersistentConnection), b::persistentConnection);
		setIfPresent(pick(DioClientProperties::getPreserveHeaderCase), b::preserveHeaderCase);
		setIfPresent(pick(DioClientProperties::getListFormat), b::listFormat);
		try {
			return b.build();
		}
		catch (IllegalArgumentException ex) {
			throw translate(ex);
		}
	}

	/**
	 * The client's own pool when it or the top level sets any {@code pool.*} value (each value
	 * inherited on its own), else null: the connector's pool.
	 */
	@Nullable PoolSettings pool() {
		DioClientProperties.Pool own = this.client.getPool();
		DioClientProperties.Pool top = this.top.getPool();
		if (!isSet(own) && !isSet(top)) {
			return null;
		}
		PoolSettings.Builder b = PoolSettings.builder();
		setIfPresent(pick(p -> p.getPool().getMaxConnections()), b::maxConnections);
		setIfPresent(pick(p -> p.getPool().getPendingAcquireMaxCount()), b::pendingAcquireMaxCount);
		setIfPresent(pick(p -> p.getPool().getPendingAcquireTimeout()), b::pendingAcquireTimeout);
		setIfPresent(pick(p -> p.getPool().getMaxIdleTime()), b::maxIdleTime);
		setIfPresent(pick(p -> p.getPool().getMaxLifeTime()), b::maxLifeTime);
		setIfPresent(pick(p -> p.getPool().getEvictInBackground()), b::evictInBackground);
		try {
			return b.build();
		}
		catch (IllegalArgumentException ex) {
			// PoolSettings' messages start with the field name ("maxConnections: ..."); name the property
			String message = String.valueOf(ex.getMessage());
			int colon = message.indexOf(':');
			String field = message.substring(0, colon);
			String kebab = "pool." + field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
			Function<DioClientProperties, @Nullable Object> getter = p -> poolValue(p.getPool(), field);
			throw invalidPool(property(kebab, getter), pick(getter), message.substring(colon + 1).trim());
		}
	}

	/** @return {@code dio.clients.<name>.pool} when this client sets a pool value itself, else {@code dio.pool} */
	String poolProperty() {
		return property("pool", p -> isSet(p.getPool()) ? "set" : null);
	}

	private static DioConfigurationException invalidPool(String property, @Nullable Object value, String problem) {
		String shown = String.valueOf(value);
		if (problem.startsWith(shown)) {
			problem = problem.substring(shown.length()).trim();
		}
		return new DioConfigurationException(property, value, problem,
				"See the pool settings in the README's \"Security and limits\" section.");
	}

	private static boolean isSet(DioClientProperties.Pool pool) {
		return pool.getMaxConnections() != null || pool.getPendingAcquireMaxCount() != null
				|| pool.getPendingAcquireTimeout() != null || pool.getMaxIdleTime() != null
				|| pool.getMaxLifeTime() != null || pool.getEvictInBackground() != null;
	}

	private static @Nullable Object poolValue(DioClientProperties.Pool pool, String field) {
		return switch (field) {
			case "maxConnections" -> pool.getMaxConnections();
			case "pendingAcquireMaxCount" -> pool.getPendingAcquireMaxCount();
			case "pendingAcquireTimeout" -> pool.getPendingAcquireTimeout();
			case "maxIdleTime" -> pool.getMaxIdleTime();
			case "maxLifeTime" -> pool.getMaxLifeTime();
			default -> pool.getEvictInBackground();
		};
	}

	private void checkTimeout(String kebab, Function<DioClientProperties, @Nullable Duration> getter) {
		Duration value = pick(getter);
		if (value != null && value.isNegative()) {
			throw new DioConfigurationException(property(kebab, getter::apply), value, "is negative",
					"Use a positive duration such as 5s, or 0 for no limit.");
		}
	}

	/** The options' messages start with the field name ("baseUrl: ..."); name the property instead. */
	private DioConfigurationException translate(IllegalArgumentException ex) {
		String message = String.valueOf(ex.getMessage());
		int colon = message.indexOf(':');
		String field = (colon > 0) ? message.substring(0, colon) : "";
		String kebab = field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
		Function<DioClientProperties, @Nullable Object> getter = switch (field) {
			case "baseUrl" -> DioClientProperties::getBaseUrl;
			case "method" -> DioClientProperties::getMethod;
			case "maxRedirects" -> DioClientProperties::getMaxRedirects;
			case "contentType" -> DioClientProperties::getContentType;
			case "maxInMemorySize" -> DioClientProperties::getMaxInMemorySize;
			default -> p -> null;
		};
		String property = kebab.isEmpty() ? "dio" : property(kebab, getter);
		Object value = getter.apply(this.client) != null ? getter.apply(this.client) : getter.apply(this.top);
		String problem = message.substring(colon + 1).trim();
		String quoted = "'" + value + "'";
		if (problem.startsWith(quoted)) {
			problem = problem.substring(quoted.length()).trim();
		}
		return new DioConfigurationException(property, value, problem,
				"See the dio configuration reference in the README for valid values.");
	}

	private static <T> void setIfPresent(@Nullable T value, java.util.function.Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
		}
	}

}
