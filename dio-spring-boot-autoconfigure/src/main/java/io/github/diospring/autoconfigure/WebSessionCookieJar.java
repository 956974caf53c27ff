package io.github.diospring.autoconfigure;

import java.net.URI;
import java.util.List;

import io.github.diospring.cookie.Cookie;
import io.github.diospring.cookie.CookieJar;
import io.github.diospring.cookie.SessionCookieJar;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * A WebFlux user's jar: a {@link SessionCookieJar} attribute of their {@link WebSession},
 * created on the first cookie (a call that receives none starts no session) and put back after
 * every change, which is how Spring Session learns that the attribute must be saved.
 */
final class WebSessionCookieJar implements CookieJar {

	private final WebSession session;

	private final String attribute;

	private final boolean ignoreExpires;

	private WebSessionCookieJar(WebSession session, String attribute, boolean ignoreExpires) {
		this.session = session;
		this.attribute = attribute;
		this.ignoreExpires = ignoreExpires;
	}

	/** @return the jar of the exchange in the context, or null when there is none */
	static @Nullable Mono<CookieJar> resolve(ContextView context, String attribute, boolean ignoreExpires) {
		return ServerWebExchangeContextFilter.getExchange(context)
			.map(exchange -> exchange.getSession()
				.<CookieJar>map(session -> new WebSessionCookieJar(session, attribute, ignoreExpires)))
			.orElse(null);
	}

	@Override
	public void saveFromResponse(URI uri, List<Cookie> cookies) {
		SessionCookieJar jar = (SessionCookieJar) this.session.getAttributes()
			.computeIfAbsent(this.attribute, name -> new SessionCookieJar(this.ignoreExpires));
		jar.saveFromResponse(uri, cookies);
		this.session.getAttributes().put(this.attribute, jar);
	}

	@Override
	public List<Cookie> loadForRequest(URI uri) {
		SessionCookieJar jar = existing();
		return (jar != null) ? jar.loadForRequest(uri) : List.of();
	}

	@Override
	public void delete(URI uri, boolean withDomainSharedCookie) {
		SessionCookieJar jar = existing();
		if (jar != null) {
			jar.delete(uri, withDomainSharedCookie);
			this.session.getAttributes().put(this.attribute, jar);
		}
	}

	@Override
	public void deleteAll() {
		if (existing() != null) {
			this.session.getAttributes().remove(this.attribute);
		}
	}

	private @Nullable SessionCookieJar existing() {
		return this.session.getAttribute(this.attribute);
	}

}
