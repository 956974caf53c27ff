package io.github.diospring.demo.bff;

import io.github.diospring.Dio;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Holds the upstream access token and refreshes it through the {@code auth} client. Starts with a
 * token the upstream no longer accepts, so the first call shows a refresh.
 *
 * <pre>{@code
 * tokens.refresh().map(token -> "Bearer " + token);
 * }</pre>
 */
@Component
public class TokenStore {

	private final Dio auth;

	private volatile String token = "expired";

	public TokenStore(@Qualifier("auth") Dio auth) {
		this.auth = auth;
	}

	public String current() {
		return this.token;
	}

	public Mono<String> refresh() {
		return this.auth.post("/token/refresh", null, TokenResponse.class).map(r -> this.token = r.data().token());
	}

	record TokenResponse(String token) {
	}

}
