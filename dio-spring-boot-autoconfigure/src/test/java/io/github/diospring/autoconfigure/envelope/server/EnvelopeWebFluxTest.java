package io.github.diospring.autoconfigure.envelope.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diospring.envelope.BizError;
import io.github.diospring.envelope.Page;
import io.github.diospring.envelope.RawResponse;
import io.github.diospring.envelope.ShowType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux adapters in a {@code @WebFluxTest} slice, answering a umi 3 front end and wrapping
 * every controller's results: Mono and plain results wrapped, streams and SSE left alone, errors
 * numbered for umi 3 and answered with 200 under {@code always-ok}.
 */
@WebFluxTest(properties = { "dio.envelope.server.enabled=true", "dio.envelope.server.front-end=umi3",
		"dio.envelope.server.wrap-results=true", "dio.envelope.server.http-status=always-ok",
		"dio.envelope.server.host=flux-1", "dio.envelope.server.trace-header=X-Request-Id" })
@ContextConfiguration(classes = EnvelopeWebFluxTest.Config.class)
class EnvelopeWebFluxTest {

	@Autowired
	WebTestClient client;

	record User(long id, String name) {
	}

	record NewUser(@NotBlank String name) {
	}

	@Import(Api.class)
	static class Config {

	}

	@RestController
	static class Api {

		@GetMapping("/api/user")
		Mono<User> user() {
			return Mono.just(new User(1, "Ann"));
		}

		@GetMapping("/api/empty")
		Mono<User> empty() {
			return Mono.empty();
		}

		@GetMapping("/api/plain")
		User plain() {
			return new User(2, "Bo");
		}

		@GetMapping("/api/page")
		Mono<Page<User>> page() {
			return Mono.just(new Page<>(List.of(new User(1, "Ann")), 1, 10, 1L));
		}

		@GetMapping("/api/stream")
		Flux<User> stream() {
			return Flux.just(new User(1, "Ann"), new User(2, "Bo"));
		}

		@GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<ServerSentEvent<String>> events() {
			return Flux.just(ServerSentEvent.builder("tick").build());
		}

		@GetMapping("/api/raw")
		@RawResponse
		Mono<Map<String, Object>> raw() {
			return Mono.just(Map.of("status", "UP"));
		}

		@PostMapping("/api/users")
		Mono<User> create(@Valid @RequestBody NewUser user) {
			return Mono.just(new User(9, user.name()));
		}

		@GetMapping("/api/biz")
		Mono<User> biz() {
			return Mono.error(new BizError(4001, "请先完善资料", ShowType.NOTIFICATION));
		}

		@GetMapping("/api/gone")
		Mono<User> gone() {
			return Mono.error(new ResponseStatusException(HttpStatus.GONE, "已下线"));
		}

	}

	private EntityExchangeResult<Map<String, Object>> get(String path) {
		return this.client.get().uri(path).exchange().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
		}).returnResult();
	}

	private static Map<String, Object> expected(EntityExchangeResult<?> result, Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		String traceId = result.getResponseHeaders().getFirst("X-Request-Id");
		assertThat(traceId).matches("[0-9a-f]{32}");
		map.put("traceId", traceId);
		map.put("host", "flux-1");
		return map;
	}

	@Test
	void monoAndPlainResultsAreWrapped() {
		EntityExchangeResult<Map<String, Object>> user = get("/api/user");
		EntityExchangeResult<Map<String, Object>> empty = get("/api/empty");
		EntityExchangeResult<Map<String, Object>> plain = get("/api/plain");
		EntityExchangeResult<Map<String, Object>> page = get("/api/page");

		assertThat(user.getResponseBody()).containsExactlyEntriesOf(expected(user, "success", true, "data",
				Map.of("id", 1, "name", "Ann")));
		assertThat(empty.getResponseBody()).isEqualTo(expected(empty, "success", true, "data", null));
		assertThat(plain.getResponseBody()).containsEntry("data", Map.of("id", 2, "name", "Bo"));
		assertThat(page.getResponseBody()).containsEntry("data",
				Map.of("list", List.of(Map.of("id", 1, "name", "Ann")), "current", 1, "pageSize", 10, "total", 1));
	}

	@Test
	void streamsEventsAndOptedOutResultsAreLeftAlone() {
		assertThat(this.client.get().uri("/api/stream").exchange().expectBody(String.class).returnResult().getResponseBody())
			.isEqualTo("[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bo\"}]");
		assertThat(this.client.get().uri("/api/events").accept(MediaType.TEXT_EVENT_STREAM).exchange()
			.returnResult(String.class).getResponseBody().collectList().block(Duration.ofSeconds(10))).containsExactly("tick");
		assertThat(get("/api/raw").getResponseBody()).isEqualTo(Map.of("status", "UP"));
	}

	@Test
	void errorsAreNumberedForUmi3AndAnsweredWith200() {
		EntityExchangeResult<Map<String, Object>> biz = get("/api/biz");
		EntityExchangeResult<Map<String, Object>> gone = get("/api/gone");
		EntityExchangeResult<Map<String, Object>> unknown = get("/api/nope");
		EntityExchangeResult<Map<String, Object>> invalid = this.client.post().uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"\"}").exchange()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			}).returnResult();

		assertThat(biz.getStatus().value()).isEqualTo(200);
		assertThat(biz.getResponseBody()).containsExactlyEntriesOf(expected(biz, "success", false, "errorCode", 4001,
				"errorMessage", "请先完善资料", "showType", 4));
		assertThat(gone.getStatus().value()).isEqualTo(200);
		assertThat(gone.getResponseBody()).containsExactlyEntriesOf(expected(gone, "success", false, "errorCode", "GONE",
				"errorMessage", "已下线", "showType", 2));
		assertThat(unknown.getStatus().value()).isEqualTo(200);
		assertThat(unknown.getResponseBody()).containsEntry("success", false).containsEntry("errorCode", "NOT_FOUND");
		assertThat(invalid.getStatus().value()).isEqualTo(200);
		assertThat(invalid.getResponseBody()).containsExactlyEntriesOf(expected(invalid, "success", false, "data",
				Map.of("name", "must not be blank"), "errorCode", "VALIDATION_FAILED", "errorMessage", "name: must not be blank",
				"showType", 1));
	}

}
