package io.github.diospring.demo.bff;

import io.github.diospring.CancelToken;
import io.github.diospring.demo.User;
import io.github.diospring.envelope.Page;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import reactor.core.publisher.Mono;

/**
 * The upstream's user API as a declarative interface. Registered with
 * {@code @ImportHttpServices(group = "upstream", ...)}, so it runs through the {@code upstream} dio
 * client: its base URL, cookie jar, envelope unwrapping, logging and metrics.
 *
 * <pre>{@code
 * Mono<User> ann = userApi.user(1);
 * }</pre>
 */
public interface UserApi {

	/**
	 * @param id the user id
	 * @return the user, unwrapped from the envelope
	 */
	@GetExchange("/users/{id}")
	Mono<User> user(@PathVariable long id);

	/**
	 * @param current the page number
	 * @param token cancels the call
	 * @return the page, unwrapped from the envelope
	 */
	@GetExchange("/users")
	Page<User> page(@RequestParam int current, CancelToken token);

}
