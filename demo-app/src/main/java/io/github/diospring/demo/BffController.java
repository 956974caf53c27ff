package io.github.diospring.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.Response;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The BFF API: each endpoint calls the upstream through the auto-configured {@link Dio}.
 *
 * <pre>{@code
 * curl http://localhost:8080/api/users/1      # typed call
 * curl http://localhost:8080/api/users/9      # upstream 404 -> DioException BAD_RESPONSE -> 502
 * curl http://localhost:8080/api/slow         # receive timeout -> 504
 * }</pre>
 */
@RestController
@RequestMapping("/api")
class BffController {

	private final Dio dio;

	BffController(Dio dio) {
		this.dio = dio;
	}

	@GetMapping("/users")
	Mono<List<User>> users() {
		return this.dio.get("/users", new ParameterizedTypeReference<List<User>>() {
		}).map(Response::data);
	}

	@GetMapping("/users/{id}")
	Mono<User> user(@PathVariable long id) {
		return this.dio.get("/users/{id}", User.class, r -> r.pathVariable("id", id)).map(Response::data);
	}

	@GetMapping("/slow")
	Mono<Object> slow() {
		return this.dio.get("/slow", r -> r.receiveTimeout(Duration.ofSeconds(1))).map(Response::data);
	}

	/** Upstream failures become a gateway error that says what went wrong, never a stack trace. */
	@ExceptionHandler(DioException.class)
	ResponseEntity<Map<String, Object>> upstreamFailed(DioException e) {
		HttpStatus status = switch (e.type()) {
			case CONNECTION_TIMEOUT, RECEIVE_TIMEOUT, SEND_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
			default -> HttpStatus.BAD_GATEWAY;
		};
		Integer upstreamStatus = (e.response() != null) ? e.response().statusCode() : null;
		return ResponseEntity.status(status).body(Map.of("success", false, "errorCode", e.type().name(),
				"errorMessage", e.getMessage(), "upstreamStatus", String.valueOf(upstreamStatus)));
	}

}
