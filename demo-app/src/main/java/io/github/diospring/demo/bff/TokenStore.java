package io.github.diospring.demo.bff;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.diospring.Dio;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Each user's upstream credentials, kept in that user's web session (so Spring Session would share
 * them across instances) and never sent to the browser: the refresh token the upstream gave at
 * login and the current access token. A refresh happens once per user however many of that user's
 * calls meet the expired token at the same time; other users neither wait for it nor share it.
 *
 * <pre>{@code
 * tokens.session(handler.contextView()).flatMap(session -> tokens.refresh(session, staleToken));
 * }</pre>
 */
@Component
public class TokenStore {

	static final String REFRESH_TOKEN = "demo.upstream.refreshToken";

	static final String ACCESS_TOKEN = "demo.upstream.accessToken";

	private final Dio auth;

	/** Session id to the refresh running for that user: what concurrent 401s of one user wait for. */
	private final Map<String, Mono<String>> refreshing = new ConcurrentHashMap<>();

	public TokenStore(@Qualifier("auth") Dio auth) {
		this.auth = auth;
	}

	/**
	 * @param context the Reactor context of a call made while handling a browser's request
	 * @return that browser's session; an error when the call is not made for a browser
	 */
	public Mono<WebSession> session(ContextView context) {
		return ServerWebExchangeContextFilter.getExchange(context)
			.map(exchange -> exchange.getSession())
			.orElseGet(() -> Mono.error(new IllegalStateException(
					"upstream credentials belong to a user: call the secure client while handling that user's request")));
	}

	/** Remembers what the upstream's login gave this user. */
	public void loggedIn(WebSession session, String refreshToken) {
		session.getAttributes().put(REFRESH_TOKEN, refreshToken);
		session.getAttributes().remove(ACCESS_TOKEN);
	}

	/** @return the user's access token, or null before the first refresh */
	public @Nullable String accessToken(WebSession session) {
		return session.getAttribute(ACCESS_TOKEN);
	}

	/**
	 * A new access token for the user, unless the one that failed was already replaced (another of
	 * the user's calls refreshed it meanwhile). Concurrent calls of one user share one refresh.
	 * @param session the user's session
	 * @param failed the token the upstream refused (null when none was sent)
	 * @return the token to retry with
	 */
	public Mono<String> refresh(WebSession session, @Nullable String failed) {
		String current = accessToken(session);
		if (current != null && !current.equals(failed)) {
			return Mono.just(current);
		}
		return this.refreshing.computeIfAbsent(session.getId(), id -> this.auth
			.post("/token/refresh", Map.of("refreshToken", String.valueOf(session.<String>getAttribute(REFRESH_TOKEN))),
					TokenResponse.class)
			.map(response -> {
				session.getAttributes().put(ACCESS_TOKEN, response.data().token());
				return response.data().token();
			})
			.doFinally(signal -> this.refreshing.remove(id))
			.cache());
	}

	record TokenResponse(String token) {
	}

}
