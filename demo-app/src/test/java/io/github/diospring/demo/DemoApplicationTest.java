package io.github.diospring.demo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.diospring.Dio;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo end to end: application.yml → the injected Dio → the upstream → the BFF's answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoApplicationTest {

	@LocalServerPort
	int port;

	@Autowired
	Dio dio;

	private ResponseEntity<Map<String, Object>> call(String path) {
		return WebClient.create("http://127.0.0.1:" + this.port).get().uri(path).retrieve()
			.onStatus(s -> true, r -> reactor.core.publisher.Mono.empty())
			.toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.block();
	}

	@Test
	void yamlConfiguresTheInjectedDio() {
		assertThat(this.dio.options().headers().value("X-Client")).isEqualTo("dio-demo");
		assertThat(this.dio.options().baseUrl()).isEqualTo("http://127.0.0.1:" + this.port + "/upstream");
	}

	@Test
	void typedCallThroughTheBff() {
		ResponseEntity<Map<String, Object>> response = call("/api/users/1");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("name", "Ann").containsEntry("id", 1);
	}

	@Test
	void upstreamErrorsBecomeGatewayErrors() {
		ResponseEntity<Map<String, Object>> response = call("/api/users/9");
		assertThat(response.getStatusCode().value()).isEqualTo(502);
		assertThat(response.getBody()).containsEntry("errorCode", "BAD_RESPONSE").containsEntry("upstreamStatus", "404");
	}

	@Test
	void slowUpstreamsBecomeTimeouts() {
		ResponseEntity<Map<String, Object>> response = call("/api/slow");
		assertThat(response.getStatusCode().value()).isEqualTo(504);
		assertThat(response.getBody()).containsEntry("errorCode", "RECEIVE_TIMEOUT");
	}

}
