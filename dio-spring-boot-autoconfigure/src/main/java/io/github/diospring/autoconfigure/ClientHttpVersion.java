package io.github.diospring.autoconfigure;

import java.time.Duration;

import io.github.diospring.adapter.WebClientAdapter;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A client's {@code http-version} applied to its Reactor Netty connector. HTTP/2 gets a pool of
 * its own that fills a connection's streams before it opens another, so concurrent requests share
 * one connection; the client's adapter disposes it. Every Reactor Netty connector also reports each
 * response's version on {@code Response.extra()}.
 */
final class ClientHttpVersion {

	private ClientHttpVersion() {
	}

	/** @return the connector builder with the version applied, and the pool made for it (or null) */
	static Applied apply(ClientSettings settings, ClientHttpConnectorBuilder<?> builder) {
		DioClientProperties.HttpVersion version = settings.pick(DioClientProperties::getHttpVersion);
		if (!(builder instanceof ReactorClientHttpConnectorBuilder reactor)) {
			if (version != null && version != DioClientProperties.HttpVersion.HTTP_1_1) {
				throw new DioConfigurationException(settings.property("http-version", DioClientProperties::getHttpVersion),
						version, "needs the Reactor Netty connector, but the connector is " + builder.getClass().getSimpleName(),
						"Set spring.http.clients.reactive.connector=reactor, or remove http-version.");
			}
			return new Applied(builder, null);
		}
		ReactorClientHttpConnectorBuilder reporting = reactor.withHttpClientCustomizer(WebClientAdapter::reportingHttpVersion);
		if (version == null || version == DioClientProperties.HttpVersion.HTTP_1_1) {
			return new Applied(reporting, null);
		}
		if (version == DioClientProperties.HttpVersion.H2 && (settings.sslBundle() != null || !settings.pins().isEmpty())) {
			// Boot applies a bundle as a TLS context without ALPN, which would silently stay on HTTP/1.1
			throw new DioConfigurationException(settings.property("http-version", DioClientProperties::getHttpVersion),
					version, "cannot be combined with ssl.bundle or ssl.pins yet (the bundle's TLS context has no ALPN)",
					"Remove http-version (HTTP/1.1), or trust the server through the JVM's trust store.");
		}
		ConnectionProvider pool = ConnectionProvider.builder("dio-" + settings.name)
			.maxIdleTime(Duration.ofSeconds(30))
			.allocationStrategy(Http2AllocationStrategy.builder().minConnections(1).maxConnections(16)
				.strictConnectionReuse(true).build())
			.build();
		HttpProtocol[] protocols = (version == DioClientProperties.HttpVersion.H2C)
				? new HttpProtocol[] { HttpProtocol.H2C } : new HttpProtocol[] { HttpProtocol.HTTP11, HttpProtocol.H2 };
		return new Applied(reporting.withHttpClientFactory(() -> HttpClient.create(pool))
			.withHttpClientCustomizer(client -> client.protocol(protocols)), pool);
	}

	/**
	 * @param connector the connector builder to use
	 * @param pool a pool the client owns, or null
	 */
	record Applied(ClientHttpConnectorBuilder<?> connector, @Nullable ConnectionProvider pool) {
	}

}
