package io.github.diospring.autoconfigure;

import java.time.Duration;

import io.github.diospring.adapter.WebClientAdapter;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.SslProvider;

/**
 * A client's {@code http-version} applied to its Reactor Netty connector. HTTP/2 gets a pool of
 * its own that fills a connection's streams before it opens another, so concurrent requests share
 * one connection; the client's adapter disposes it. h2 with an SSL bundle or pins keeps them and
 * adds ALPN. Every Reactor Netty connector also reports each
 * response's version on {@code Response.extra()}.
 */
final class ClientHttpVersion {

	private ClientHttpVersion() {
	}

	/** @return the connector builder with the version applied, and the pool made for it (or null) */
	static Applied apply(ClientSettings settings, ClientHttpConnectorBuilder<?> builder, @Nullable SslBundle tls) {
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
		ConnectionProvider pool = ConnectionProvider.builder("dio-" + settings.name)
			.maxIdleTime(Duration.ofSeconds(30))
			.allocationStrategy(Http2AllocationStrategy.builder().minConnections(1).maxConnections(16)
				.strictConnectionReuse(true).build())
			.build();
		HttpProtocol[] protocols = (version == DioClientProperties.HttpVersion.H2C)
				? new HttpProtocol[] { HttpProtocol.H2C } : new HttpProtocol[] { HttpProtocol.HTTP11, HttpProtocol.H2 };
		ReactorClientHttpConnectorBuilder connector = reporting.withHttpClientFactory(() -> HttpClient.create(pool))
			.withHttpClientCustomizer(client -> client.protocol(protocols));
		if (version == DioClientProperties.HttpVersion.H2 && tls != null) {
			// Boot applies a bundle as a TLS context without ALPN, which would quietly stay on HTTP/1.1
			connector = connector.withHttpClientCustomizer(client -> client.secure(spec -> spec.sslContext((SslProvider.GenericSslContextSpec<?>) alpn(tls))));
		}
		return new Applied(connector, pool);
	}

	/** The bundle's key and trust managers (certificate pins included) in a TLS context that offers h2 with ALPN. */
	private static Http2SslContextSpec alpn(SslBundle bundle) {
		SslManagerBundle managers = bundle.getManagers();
		SslOptions options = bundle.getOptions();
		return Http2SslContextSpec.forClient().configure(builder -> {
			builder.keyManager(managers.getKeyManagerFactory()).trustManager(managers.getTrustManagerFactory());
			if (options.getCiphers() != null) {
				builder.ciphers(SslOptions.asSet(options.getCiphers()));
			}
			if (options.getEnabledProtocols() != null) {
				builder.protocols(options.getEnabledProtocols());
			}
		});
	}

	/**
	 * @param connector the connector builder to use
	 * @param pool a pool the client owns, or null
	 */
	record Applied(ClientHttpConnectorBuilder<?> connector, @Nullable ConnectionProvider pool) {
	}

}
