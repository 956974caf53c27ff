package io.github.diospring.demo;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.diospring.autoconfigure.DioClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's lb:// client and its retried call, over real HTTP: the BFF → Spring Cloud
 * LoadBalancer → two local inventory instances. Same configuration as {@link DemoApplicationTest},
 * so the application context is shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResilienceDemoTest {

	@LocalServerPort
	int port;

	@Autowired
	DioClients clients;

	private Map<String, Object> get(String path) {
		return WebClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri(path)
			.retrieve()
			.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.block(Duration.ofSeconds(30));
	}

	/** What the front end's useRequest gets: the envelope's data. */
	@SuppressWarnings("unchecked")
	private Map<String, Object> data(String path) {
		Map<String, Object> envelope = get(path);
		assertThat(envelope).containsEntry("success", true);
		return (Map<String, Object>) envelope.get("data");
	}

	@Test
	void theLoadBalancedClientSpreadsRequestsOverBothInstances() {
		assertThat(this.clients.get("inventory").options().baseUrl()).isEqualTo("lb://inventory/upstream");
		assertThat(this.clients.interceptorChain("inventory"))
			.containsSubsequence("retryInterceptor", "dioLoadBalancerInterceptor");
		Set<Object> instances = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			Map<String, Object> answer = data("/api/inventory");
			assertThat(answer.get("items")).isEqualTo(List.of("tea", "coffee"));
			instances.add(answer.get("instance"));
		}
		assertThat(instances).containsExactlyInAnyOrder("inventory-1", "inventory-2");
	}

	@Test
	void aFlakyCallIsRetriedAfterRetryAfterAndSucceeds() {
		boolean retried = false;
		for (int i = 0; i < 2; i++) {
			Map<String, Object> answer = data("/api/flaky");
			assertThat(answer.get("instance")).isIn("inventory-1", "inventory-2");
			retried |= answer.get("attempts").equals(2);
		}
		assertThat(retried).as("one of two calls met the 503 and was retried").isTrue();
	}

}
