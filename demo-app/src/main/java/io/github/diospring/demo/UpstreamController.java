package io.github.diospring.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The "upstream" API the BFF calls: plain JSON, a missing user, and an endpoint too slow for the
 * BFF's receive timeout.
 *
 * <pre>{@code
 * curl http://localhost:8080/upstream/users/1
 * }</pre>
 */
@RestController
@RequestMapping("/upstream")
class UpstreamController {

	private static final Map<Long, User> USERS = Map.of(1L, new User(1, "Ann", "ann@example.com"), 2L,
			new User(2, "Bo", "bo@example.com"));

	@GetMapping("/users")
	List<User> users() {
		return USERS.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
	}

	@GetMapping("/users/{id}")
	User user(@PathVariable long id) {
		User user = USERS.get(id);
		if (user == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no user " + id);
		}
		return user;
	}

	@GetMapping("/slow")
	Mono<Map<String, String>> slow() {
		return Mono.delay(Duration.ofSeconds(10)).thenReturn(Map.of("late", "yes"));
	}

}
