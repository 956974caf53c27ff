package io.github.diospring.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.diospring.DioException;
import io.github.diospring.demo.bff.UserApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The demo's interface client and its relayed event stream, over real HTTP (the same context as DemoApplicationTest). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoStreamsTest {

	@LocalServerPort
	int port;

	@Autowired
	UserApi users;

	@Test
	void theInterfaceClientUnwrapsTheEnvelope() {
		Map<String, Object> user = WebClient.create("http://127.0.0.1:" + this.port)
			.get().uri("/api/interface/users/1")
			.retrieve()
			.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.block(Duration.ofSeconds(30));

		assertThat(user).containsEntry("success", true);
		assertThat(user.get("data")).isInstanceOf(Map.class).extracting("name").isEqualTo("Ann");
		// the interface's client keeps cookies per browser session: called for no browser, it refuses
		assertThatExceptionOfType(DioException.class).isThrownBy(() -> this.users.page(1, null))
			.withMessageContaining("dio.clients.upstream.cookie.scope is 'session'");
	}

	@Test
	void theUpstreamEventStreamIsRelayedToTheBrowser() {
		List<ServerSentEvent<Map<String, Object>>> events = WebClient.create("http://127.0.0.1:" + this.port)
			.get().uri("/api/ticks")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(events).extracting(ServerSentEvent::id)
			.containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
		assertThat(events.get(0).data()).containsEntry("symbol", "DIO").containsEntry("seq", 1);
	}

}
