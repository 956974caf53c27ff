package io.github.diospring.adapter;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The built-in transports. {@link #REACTOR_NETTY} is the default; {@link #WEBCLIENT} runs the same
 * requests through Spring's {@code WebClient} on the same Reactor Netty client, for applications
 * that rely on WebClient's connector or filters. The system property {@value #SYSTEM_PROPERTY}
 * ({@code reactor-netty} or {@code webclient}) chooses the transport of {@code Dio.create()} and
 * {@code Dio.builder()} without a code change; in Spring Boot it is the {@code dio.adapter}
 * property.
 *
 * <pre>{@code
 * Dio dio = Dio.builder().adapter(AdapterType.WEBCLIENT.create(PoolSettings.defaults())).build();
 * }</pre>
 */
public enum AdapterType {

	/** {@link ReactorNettyAdapter}: straight on Reactor Netty's {@code HttpClient}. */
	REACTOR_NETTY,

	/** {@link WebClientAdapter}: through Spring's {@code WebClient}. */
	WEBCLIENT;

	/** The system property that chooses the default transport. */
	public static final String SYSTEM_PROPERTY = "dio.adapter";

	/**
	 * @param pool the limits of the adapter's own connection pool
	 * @return a new adapter of this type, owning its pool
	 */
	public HttpClientAdapter create(PoolSettings pool) {
		return (this == WEBCLIENT) ? WebClientAdapter.create(pool) : ReactorNettyAdapter.create(pool);
	}

	/**
	 * @return the type the {@value #SYSTEM_PROPERTY} system property names, else {@link #REACTOR_NETTY}
	 * @throws IllegalArgumentException when the property names no type
	 */
	public static AdapterType fromSystemProperty() {
		return parse(System.getProperty(SYSTEM_PROPERTY), SYSTEM_PROPERTY);
	}

	/**
	 * @param value {@code reactor-netty} or {@code webclient} (any case, {@code _} or {@code -}), or null
	 * @param source where the value came from, for the error message
	 * @return the type, {@link #REACTOR_NETTY} for null or blank
	 * @throws IllegalArgumentException when the value names no type
	 */
	public static AdapterType parse(@Nullable String value, String source) {
		if (value == null || value.isBlank()) {
			return REACTOR_NETTY;
		}
		String key = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		for (AdapterType type : values()) {
			if (type.name().equals(key)) {
				return type;
			}
		}
		throw new IllegalArgumentException(source + "=" + value + " names no dio adapter; use reactor-netty (the default) or webclient");
	}

}
