package io.github.diospring.test.slice;

import io.github.diospring.Dio;
import io.github.diospring.Response;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The component under test: calls the default client and the named {@code github} one. */
@Service
public class GreetingService {

	private final Dio dio;

	private final Dio github;

	GreetingService(Dio dio, @Qualifier("github") Dio github) {
		this.dio = dio;
		this.github = github;
	}

	/** @param name who @return the greeting the upstream makes, unwrapped from its envelope */
	public Mono<String> greet(String name) {
		return this.dio.get("/greetings/{name}", Greeting.class, r -> r.pathVariable("name", name))
			.map(Response::data)
			.map(Greeting::text);
	}

	/** @param login a GitHub login @return the user's name */
	public Mono<String> githubName(String login) {
		return this.github.get("/users/{login}", GithubUser.class, r -> r.pathVariable("login", login))
			.map(r -> r.data().name());
	}

	/** @param text the greeting */
	public record Greeting(String text) {
	}

	/** @param name the user's name */
	public record GithubUser(String name) {
	}

}
