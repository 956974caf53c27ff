package io.github.diospring.demo.resilience;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diospring.Dio;
import io.github.diospring.Response;
import io.github.diospring.envelope.EnvelopeResponse;
import io.github.diospring.retry.RetryAttempt;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Calls the {@code inventory} service through its {@code lb://inventory} client: Spring Cloud
 * LoadBalancer picks an instance for every request and every retry, and the retry interceptor
 * waits out a 503's {@code Retry-After}.
 *
 * <pre>{@code
 * curl localhost:8080/api/inventory
 * curl localhost:8080/api/flaky
 * }</pre>
 */
@RestController
@RequestMapping("/api")
@EnvelopeResponse
class ResilienceController {

	private final Dio inventory;

	ResilienceController(@Qualifier("inventory") Dio inventory) {
		this.inventory = inventory;
	}

	/** Round robin over the two instances. */
	@GetMapping("/inventory")
	Mono<Map<String, Object>> inventory() {
		return this.inventory.get("/inventory/items", Inventory.class)
			.map(r -> withAttempts(r, Map.of("instance", r.data().instance(), "items", r.data().items())));
	}

	/** Every other upstream call fails with 503 and Retry-After: 1; the client retries it. */
	@GetMapping("/flaky")
	Mono<Map<String, Object>> flaky() {
		return this.inventory.get("/inventory/flaky", Inventory.class)
			.map(r -> withAttempts(r, Map.of("instance", r.data().instance())));
	}

	/** The envelope's data of a inventory instance. */
	record Inventory(String instance, List<String> items) {
	}

	/** The upstream's data, plus which attempt answered and where it went. */
	private static Map<String, Object> withAttempts(Response<?> response, Map<String, Object> data) {
		Map<String, Object> result = new LinkedHashMap<>(data);
		result.put("attempts", RetryAttempt.of(response.requestOptions()).number());
		result.put("servedFrom", response.realUri().getAuthority());
		return result;
	}

}
