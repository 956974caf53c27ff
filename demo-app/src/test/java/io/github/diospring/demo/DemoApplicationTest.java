package io.github.diospring.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.diospring.Dio;
import io.github.diospring.autoconfigure.DioClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo end to end, over real HTTP: application.yml → named Dio clients → the upstream → the
 * BFF, for what needs the real server (configuration, streaming, the actuator, metrics). The BFF's
 * behaviour against its upstream is tested with mocked upstreams in {@code BffControllerTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoApplicationTest {

	@LocalServerPort
	int port;

	@Autowired
	DioClients clients;

	@Autowired
	Dio dio;

	private ResponseEntity<Object> call(String method, String path, Object body) {
		WebClient.RequestBodySpec spec = WebClient.create()
			.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(java.net.URI.create("http://127.0.0.1:" + this.port + path));
		if (body != null) {
			spec.bodyValue(body);
		}
		return spec.retrieve()
			.onStatus(s -> true, r -> reactor.core.publisher.Mono.empty())
			.toEntity(new ParameterizedTypeReference<Object>() {
			})
			.block(Duration.ofSeconds(30));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> json(ResponseEntity<Object> response) {
		return (Map<String, Object>) response.getBody();
	}

	@Test
	void yamlConfiguresNamedClients() {
		assertThat(this.clients.names()).containsExactly("default", "upstream", "secure", "auth", "files", "catalog", "inventory");
		assertThat(this.dio.options().headers().value("X-Client")).isEqualTo("dio-demo");
		assertThat(this.clients.get("files").options().receiveTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.clients.get("upstream").options().baseUrl()).isEqualTo("http://127.0.0.1:" + this.port + "/upstream");
		assertThat(this.clients.interceptorChain("upstream")).containsExactly("dioCookieManager",
				"dioErrorAdaptorInterceptor", "dioLogInterceptor");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theCatalogIsFetchedOnceAndThenAnsweredByTheHttpCache() {
		Map<String, Object> first = (Map<String, Object>) json(call("GET", "/api/catalog", null)).get("data");
		Map<String, Object> second = (Map<String, Object>) json(call("GET", "/api/catalog", null)).get("data");
		assertThat((List<String>) second.get("items")).containsExactly("keyboard", "mouse", "monitor");
		// the context is shared with the front-end checks, which may have asked for the catalog first
		assertThat(first.get("cache")).isIn("MISS", "HIT");
		assertThat(second.get("cache")).isEqualTo("HIT");
		Map<String, Object> served = (Map<String, Object>) json(call("GET", "/upstream/catalog/served", null)).get("data");
		assertThat(served).containsEntry("served", 1);
		Map<String, Object> shown = json(call("GET", "/actuator/dio/catalog", null));
		assertThat((Map<String, Object>) shown.get("cache")).containsEntry("store", "dio-catalog");
	}



	@Test
	@SuppressWarnings("unchecked")
	void aDownloadStreamsWithProgress() {
		Map<String, Object> result = (Map<String, Object>) json(call("GET", "/api/download", null)).get("data");
		assertThat(result).containsEntry("bytes", 5 * 1024 * 1024);
		assertThat((Integer) result.get("progressEvents")).isGreaterThan(1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theActuatorShowsClientsWithSourcesAndMaskedSecrets() {
		Map<String, Object> all = json(call("GET", "/actuator/dio", null));
		Map<String, Object> secure = (Map<String, Object>) ((Map<String, Object>) all.get("clients")).get("secure");
		Map<String, Object> options = (Map<String, Object>) secure.get("options");
		assertThat(options.get("receive-timeout")).isEqualTo(Map.of("value", "PT5S", "source", "client"));
		assertThat(options.get("connect-timeout")).isEqualTo(Map.of("value", "PT5S", "source", "top-level"));
		assertThat(options.get("max-redirects")).isEqualTo(Map.of("value", "5", "source", "default"));
		assertThat(String.valueOf(options.get("headers"))).contains("X-Api-Key=██").doesNotContain("demo-secret");
		assertThat((List<String>) secure.get("interceptors")).contains("dioErrorAdaptorInterceptor", "tokenRefreshInterceptor");
		Map<String, Object> upstream = json(call("GET", "/actuator/dio/upstream", null));
		assertThat((Map<String, Object>) upstream.get("cookies")).containsEntry("scope", "session");
		Map<String, Object> files = json(call("GET", "/actuator/dio/files", null));
		assertThat(files.get("cookies")).isEqualTo(Map.of("jar", "none"));
	}

	@Test
	void theActuatorAnswers404ForAnUnknownClient() {
		assertThat(call("GET", "/actuator/dio/nope", null).getStatusCode().value()).isEqualTo(404);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theActuatorShowsOptionsChangedAtRunTime() {
		Dio files = this.clients.get("files");
		io.github.diospring.BaseOptions configured = files.options();
		try {
			files.options(configured.toBuilder().receiveTimeout(Duration.ofSeconds(42)).build());

			Map<String, Object> options = (Map<String, Object>) json(call("GET", "/actuator/dio/files", null)).get("options");

			assertThat(options.get("receive-timeout")).isEqualTo(Map.of("value", "PT42S", "source", "runtime"));
			assertThat(options.get("connect-timeout")).isEqualTo(Map.of("value", "PT5S", "source", "top-level"));
		}
		finally {
			files.options(configured);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void requestsAreMeasuredWithTemplateUrisAndClientNames() {
		call("GET", "/api/users/2", null);
		call("GET", "/api/users/3", null);
		Map<String, Object> metric = json(call("GET", "/actuator/metrics/http.client.requests?tag=uri:/users/%7Bid%7D&tag=client:upstream", null));
		assertThat(metric).containsEntry("name", "http.client.requests");
		List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
		assertThat(measurements).anySatisfy(m -> {
			assertThat(m).containsEntry("statistic", "COUNT");
			assertThat(((Number) m.get("value")).doubleValue()).isGreaterThanOrEqualTo(2);
		});
		call("GET", "/api/slow", null);
		Map<String, Object> errors = json(call("GET", "/actuator/metrics/dio.client.errors?tag=type:RECEIVE_TIMEOUT&tag=client:upstream", null));
		assertThat(errors).containsEntry("name", "dio.client.errors");
	}

}
