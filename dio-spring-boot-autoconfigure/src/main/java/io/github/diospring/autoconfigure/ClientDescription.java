package io.github.diospring.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.diospring.BaseOptions;
import io.github.diospring.adapter.PoolSettings;
import io.github.diospring.Headers;
import io.github.diospring.Redaction;
import org.jspecify.annotations.Nullable;

/**
 * What the actuator endpoint shows of one client's configuration: each option's effective value
 * now and where it came from ({@code client}, {@code top-level}, {@code default}, or
 * {@code runtime} when {@code dio.options(...)} changed it after start-up), its HTTP version, its proxy (password
 * masked) and TLS settings (pins counted, never shown). The client's {@link Redaction} policy
 * ({@code dio.log.redact.*}) masks header values, query parameter values, body-field-like
 * {@code extra} values and URL user info; the policy itself is shown by its names.
 */
final class ClientDescription {

	static final String MASK = Redaction.MASK;

	private ClientDescription() {
	}

	static Map<String, Object> describe(ClientSettings settings, BaseOptions configured, BaseOptions current) {
		Map<String, Object> described = new LinkedHashMap<>();
		for (RecordComponent component : BaseOptions.class.getRecordComponents()) {
			String camel = component.getName();
			Method getter = getter(camel);
			if (getter == null) {
				continue;
			}
			String value = String.valueOf(value(component, current));
			String source = value.equals(String.valueOf(value(component, configured))) ? source(settings, getter)
					: "runtime";
			described.put(kebab(camel), Map.of("value", value, "source", source));
		}
		DioClientProperties.HttpVersion version = settings.pick(DioClientProperties::getHttpVersion);
		described.put("http-version", Map.of("value", String.valueOf((version != null) ? version
				: DioClientProperties.HttpVersion.HTTP_1_1), "source", source(settings, getter("httpVersion"))));
		DioClientProperties.Proxy proxy = settings.proxy();
		if (proxy.getHost() != null) {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("type", String.valueOf((proxy.getType() != null) ? proxy.getType() : DioClientProperties.ProxyType.HTTP));
			p.put("host", proxy.getHost());
			p.put("port", String.valueOf(proxy.getPort()));
			p.put("username", String.valueOf(proxy.getUsername()));
			p.put("password", (proxy.getPassword() != null) ? MASK : "null");
			p.put("nonProxyHosts", List.copyOf(proxy.getNonProxyHosts()));
			described.put("proxy", p);
		}
		described.put("pool", describePool(settings.pool()));
		Map<String, Object> ssl = new LinkedHashMap<>();
		ssl.put("bundle", String.valueOf(settings.sslBundle()));
		Map<String, Integer> pins = new LinkedHashMap<>();
		settings.pins().forEach((host, values) -> pins.put(host, values.size()));
		ssl.put("pinnedHosts", pins);
		described.put("ssl", ssl);
		return described;
	}

	/** The client's own pool, or that it uses the connector's (Spring Boot's shared pool unless customized). */
	private static Map<String, Object> describePool(@Nullable PoolSettings pool) {
		Map<String, Object> p = new LinkedHashMap<>();
		if (pool == null) {
			p.put("source", "connector");
			return p;
		}
		p.put("source", "client");
		p.put("maxConnections", pool.maxConnections());
		p.put("pendingAcquireMaxCount", pool.pendingAcquireMaxCount());
		p.put("pendingAcquireTimeout", pool.pendingAcquireTimeout().toString());
		p.put("maxIdleTime", String.valueOf(pool.maxIdleTime()));
		p.put("maxLifeTime", String.valueOf(pool.maxLifeTime()));
		p.put("evictInBackground", String.valueOf(pool.evictInBackground()));
		return p;
	}

	private static Object value(RecordComponent component, BaseOptions options) {
		try {
			Object value = component.getAccessor().invoke(options);
			Redaction redaction = Redaction.of(options);
			if (value instanceof Headers headers) {
				return redaction.headers(headers);
			}
			if (component.getName().equals("queryParameters") && value instanceof Map<?, ?> query) {
				return redaction.queryParameters(stringKeys(query));
			}
			if (component.getName().equals("extra") && value instanceof Map<?, ?> extra) {
				Object shown = redaction.body(stringKeys(extra), null);
				return (shown != null) ? shown : "none";
			}
			if (value instanceof String text) {
				return redaction.text(text);
			}
			if (value instanceof Duration duration) {
				return duration.toString();
			}
			if (value != null && value.getClass().isSynthetic()) {
				return "custom";
			}
			return (value != null) ? value : "none";
		}
		catch (ReflectiveOperationException ex) {
			return "?";
		}
	}

	private static String source(ClientSettings settings, Method getter) {
		boolean own = !settings.name.equals(ClientSettings.DEFAULT_CLIENT) && isSet(invoke(getter, settings.client()));
		if (own) {
			return "client";
		}
		return isSet(invoke(getter, settings.top())) ? "top-level" : "default";
	}

	private static boolean isSet(@Nullable Object value) {
		return value != null && !(value instanceof Map<?, ?> map && map.isEmpty());
	}

	private static @Nullable Object invoke(Method getter, DioClientProperties properties) {
		try {
			return getter.invoke(properties);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	private static @Nullable Method getter(String camel) {
		try {
			return DioClientProperties.class.getMethod("get" + Character.toUpperCase(camel.charAt(0)) + camel.substring(1));
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	private static Map<String, @Nullable Object> stringKeys(Map<?, ?> map) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		map.forEach((k, v) -> out.put(String.valueOf(k), v));
		return out;
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
