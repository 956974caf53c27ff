package io.github.diospring.demo.resilience;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Two upstream instances of a "inventory" service, each a small Reactor Netty server on a random
 * local port, registered with Spring Cloud's simple discovery client as {@code inventory} — what
 * {@code spring.cloud.discovery.client.simple.instances.inventory[i].uri} would say if the ports were
 * known in advance. The {@code inventory} dio client reaches them as {@code lb://inventory}.
 * {@code /upstream/inventory/flaky} answers every other call with 503 and {@code Retry-After: 1}, to
 * show a retried call.
 *
 * <pre>{@code
 * curl localhost:8080/api/inventory      # served by inventory-1, then inventory-2, ...
 * curl localhost:8080/api/flaky        # 503, waits 1 s, retried on the other instance
 * }</pre>
 */
@Component
class InventoryInstances implements DisposableBean {

	static final String SERVICE = "inventory";

	private final List<DisposableServer> servers = new ArrayList<>();

	private final AtomicInteger flakyCalls = new AtomicInteger();

	InventoryInstances(SimpleReactiveDiscoveryProperties discovery) {
		List<InstanceProperties> instances = new ArrayList<>();
		for (int i = 1; i <= 2; i++) {
			String name = SERVICE + "-" + i;
			DisposableServer server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.route(routes -> routes
					.get("/upstream/inventory/items", (request, response) -> response
						.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"success\":true,\"data\":{\"instance\":\"" + name
								+ "\",\"items\":[\"tea\",\"coffee\"]}}")))
					.get("/upstream/inventory/flaky", (request, response) -> (this.flakyCalls.incrementAndGet() % 2 == 1)
							? response.status(503).header("Retry-After", "1").send()
							: response.header("Content-Type", "application/json")
								.sendString(Mono.just("{\"success\":true,\"data\":{\"instance\":\"" + name + "\"}}"))))
				.bindNow();
			this.servers.add(server);
			InstanceProperties instance = new InstanceProperties();
			instance.setInstanceId(name);
			instance.setUri(URI.create("http://127.0.0.1:" + server.port()));
			instance.setMetadata(Map.of("zone", "zone-" + i));
			instances.add(instance);
		}
		discovery.setInstances(Map.of(SERVICE, instances));
		discovery.afterPropertiesSet();
	}

	@Override
	public void destroy() {
		this.servers.forEach(DisposableServer::disposeNow);
	}

}
