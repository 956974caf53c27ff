package io.github.diospring.autoconfigure;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import reactor.netty.transport.ProxyProvider;

/** A client's {@code proxy.*} settings applied to its Reactor Netty connector. */
final class ClientProxy {

	private ClientProxy() {
	}

	static ClientHttpConnectorBuilder<?> apply(ClientSettings settings, ClientHttpConnectorBuilder<?> builder) {
		DioClientProperties.Proxy proxy = settings.proxy();
		if (proxy.getHost() == null || proxy.getHost().isBlank()) {
			return builder;
		}
		String property = settings.property("proxy.host", p -> p.getProxy().getHost());
		if (!(builder instanceof ReactorClientHttpConnectorBuilder reactor)) {
			throw new DioConfigurationException(property, proxy.getHost(),
					"needs the Reactor Netty connector, but the connector is " + builder.getClass().getSimpleName(),
					"Set spring.http.clients.reactive.connector=reactor, or configure the proxy on your own connector.");
		}
		if (proxy.getPort() == null || proxy.getPort() <= 0 || proxy.getPort() > 65535) {
			throw new DioConfigurationException(property.replace("proxy.host", "proxy.port"), proxy.getPort(),
					"is not a port", "Set the proxy's port, 1 to 65535.");
		}
		ProxyProvider.Proxy type = (proxy.getType() == DioClientProperties.ProxyType.SOCKS5) ? ProxyProvider.Proxy.SOCKS5
				: ProxyProvider.Proxy.HTTP;
		String nonProxyHosts = toRegex(proxy.getNonProxyHosts());
		return reactor.withHttpClientCustomizer(httpClient -> httpClient.proxy(spec -> {
			ProxyProvider.Builder b = spec.type(type).host(proxy.getHost()).port(proxy.getPort());
			if (proxy.getUsername() != null) {
				b.username(proxy.getUsername()).password(user -> proxy.getPassword());
			}
			if (!nonProxyHosts.isEmpty()) {
				b.nonProxyHosts(nonProxyHosts);
			}
		}));
	}

	/** {@code *.example.com} matches subdomains; every other character is literal. */
	static String toRegex(List<String> hosts) {
		return hosts.stream()
			.map(String::trim)
			.filter(h -> !h.isEmpty())
			.map(h -> h.startsWith("*.") ? "(.*\\.)?" + Pattern.quote(h.substring(2)) : Pattern.quote(h))
			.collect(Collectors.joining("|"));
	}

}
