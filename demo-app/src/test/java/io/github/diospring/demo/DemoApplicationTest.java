package io.github.diospring.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.diospring.Dio;
import io.github.diospring.autoconfigure.DioClients;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo end to end, over real HTTP: application.yml → named Dio clients → the upstream → the BFF. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
		assertThat(this.clients.names()).containsExactly("default", "upstream", "secure", "auth", "files");
		assertThat(this.dio.options().headers().value("X-Client")).isEqualTo("dio-demo");
		assertThat(this.clients.get("files").options().receiveTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.clients.get("upstream").options().baseUrl()).isEqualTo("http://127.0.0.1:" + this.port + "/upstream");
		assertThat(this.clients.interceptorChain("upstream")).containsExactly("io.github.diospring.cookie.CookieManager",
				"dioErrorAdaptorInterceptor", "dioLogInterceptor");
	}

	@Test
	void typedCallsUnwrapTheEnvelope() {
		assertThat(json(call("GET", "/api/users/1", null))).containsEntry("name", "Ann");
		Map<String, Object> page = json(call("GET", "/api/users?current=2", null));
		assertThat(page).containsEntry("total", 3).containsEntry("current", 2);
		assertThat((List<?>) page.get("list")).hasSize(1);
	}

	@Test
	void businessErrorsReachTheBrowserAsTheEnvelope() {
		ResponseEntity<Object> response = call("GET", "/api/users/9", null);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(json(response)).containsEntry("success", false).containsEntry("errorCode", "USER_NOT_FOUND")
			.containsEntry("showType", 2).containsEntry("host", "upstream-1");
		assertThat((String) json(response).get("traceId")).hasSize(32);
	}

	@Test
	@Order(1)
	void theLoginCookieIsSentOnLaterCalls() {
		assertThat(call("GET", "/api/orders", null).getStatusCode().value()).isEqualTo(401);
		assertThat(json(call("POST", "/api/login", Map.of("user", "ann")))).containsEntry("loggedIn", true);
		ResponseEntity<Object> orders = call("GET", "/api/orders", null);
		assertThat(orders.getStatusCode().value()).isEqualTo(200);
		assertThat(orders.getBody()).asString().contains("owner=ann");
	}

	@Test
	void anExpiredTokenIsRefreshedOnceAndTheCallRetried() {
		Map<String, Object> profile = json(call("GET", "/api/profile", null));
		assertThat(profile).containsEntry("name", "Ann");
		call("GET", "/api/profile", null);
		assertThat(json(call("GET", "/upstream/token/refreshes", null))).containsEntry("data", 1);
	}

	@Test
	void aFormDataUploadArrivesPartByPart() {
		ResponseEntity<Object> response = call("POST", "/api/upload", null);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).asString().contains("filename=upload.txt").contains("bytes=18000")
			.contains("filename=word.txt").contains("bytes=11");
	}

	@Test
	void aDownloadStreamsWithProgress() {
		Map<String, Object> result = json(call("GET", "/api/download", null));
		assertThat(result).containsEntry("bytes", 5 * 1024 * 1024);
		assertThat((Integer) result.get("progressEvents")).isGreaterThan(1);
	}

	@Test
	void timeoutsAndCancellationsAreAnsweredCleanly() {
		ResponseEntity<Object> slow = call("GET", "/api/slow", null);
		assertThat(slow.getStatusCode().value()).isEqualTo(504);
		assertThat(json(slow)).containsEntry("errorCode", "RECEIVE_TIMEOUT");
		assertThat(json(call("GET", "/api/cancel", null))).containsEntry("cancelled", true);
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
		assertThat((List<String>) secure.get("interceptors")).contains("dioErrorAdaptorInterceptor")
			.anyMatch(name -> name.endsWith("TokenRefreshInterceptor"));
		Map<String, Object> upstream = json(call("GET", "/actuator/dio/upstream", null));
		assertThat((Map<String, Object>) upstream.get("cookies")).containsEntry("jar", "DefaultCookieJar").containsKey("count");
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
