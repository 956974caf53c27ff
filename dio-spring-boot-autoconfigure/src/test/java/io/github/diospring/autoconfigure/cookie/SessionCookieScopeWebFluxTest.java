package io.github.diospring.autoconfigure.cookie;

import java.util.Map;

import io.github.diospring.Dio;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Session scope in WebFlux: the jar lives in each user's WebSession, found through the Reactor context. */
@SpringBootTest(classes = SessionCookieScopeWebFluxTest.Bff.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class SessionCookieScopeWebFluxTest extends SessionCookieScopeContract {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Bff {

		@RestController
		static class Api {

			private final Dio upstream;

			Api(@Qualifier("upstream") Dio upstream) {
				this.upstream = upstream;
			}

			@PostMapping("/login")
			Mono<String> login(@RequestBody Map<String, Object> credentials) {
				return this.upstream.post("/login", credentials).thenReturn("ok");
			}

			@GetMapping("/orders")
			Mono<String> orders() {
				return this.upstream.get("/orders", Orders.class).map(r -> r.data().owner());
			}

		}

	}

}
