package io.github.diospring.demo.bff;

import java.util.List;
import java.util.Map;

import io.github.diospring.Dio;
import io.github.diospring.cache.CacheInterceptor;
import io.github.diospring.envelope.EnvelopeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The HTTP cache: the {@code catalog} client caches the upstream catalog ({@code dio.clients.catalog.cache}
 * in application.yml), so only the first call in five minutes reaches the upstream; the log says which.
 *
 * <pre>{@code
 * curl localhost:8080/api/catalog   # {"success":true,"data":{"items":[...],"cache":"MISS"}}
 * curl localhost:8080/api/catalog   # {"success":true,"data":{"items":[...],"cache":"HIT"}}
 * }</pre>
 */
@RestController
@RequestMapping("/api")
@EnvelopeResponse
class CatalogController {

	private static final Logger logger = LoggerFactory.getLogger(CatalogController.class);

	private final Dio catalog;

	CatalogController(@Qualifier("catalog") Dio catalog) {
		this.catalog = catalog;
	}

	/** The envelope's data, unwrapped by the error adaptor, from the network or the cache alike. */
	record Catalog(List<String> items) {
	}

	@GetMapping("/catalog")
	Mono<Map<String, Object>> catalog() {
		return this.catalog.get("/catalog", Catalog.class).map(response -> {
			Object status = response.extra().get(CacheInterceptor.STATUS);
			logger.info("catalog answered by the HTTP cache: {}", status);
			return Map.of("items", response.data().items(), "cache", String.valueOf(status));
		});
	}

}
