package io.github.diospring.autoconfigure.cookie;

import java.time.Duration;
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

/** Session scope in Spring MVC: the jar lives in each user's HttpSession, found from the request's thread. */
@SpringBootTest(classes = SessionCookieScopeMvcTest.Bff.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class SessionCookieScopeMvcTest extends SessionCookieScopeContract {

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
			String login(@RequestBody Map<String, Object> credentials) {
				this.upstream.post("/login", credentials).block(Duration.ofSeconds(10));
				return "ok";
			}

			@GetMapping("/orders")
			String orders() {
				return this.upstream.get("/orders", Orders.class).block(Duration.ofSeconds(10)).data().owner();
			}

		}

	}

}
