package io.github.diospring.demo.upstream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A slow-changing upstream resource that says how long it may be cached ({@code max-age}) and how
 * to revalidate it ({@code ETag}), and counts how often it is really asked.
 *
 * <pre>{@code
 * curl -i http://localhost:8080/upstream/catalog
 * }</pre>
 */
@RestController
@RequestMapping("/upstream")
class CatalogUpstreamController {

	private final AtomicInteger served = new AtomicInteger();

	@GetMapping("/catalog")
	ResponseEntity<Map<String, Object>> catalog() {
		this.served.incrementAndGet();
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
			.eTag("\"catalog-v1\"")
			.body(Envelope.ok(Map.of("items", List.of("keyboard", "mouse", "monitor"))));
	}

	@GetMapping("/catalog/served")
	Map<String, Object> served() {
		return Envelope.ok(Map.of("served", this.served.get()));
	}

}
