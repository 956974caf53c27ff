package io.github.diospring.autoconfigure;

import io.github.diospring.RequestOptions;
import io.github.diospring.cookie.CookieJar;
import io.github.diospring.cookie.CookieJarResolver;
import io.github.diospring.cookie.SessionCookieJar;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * {@code cookie.scope: session}: each user's jar lives in their web session. WebFlux: the
 * inbound exchange is found in the call's Reactor context (put there by
 * {@code ServerWebExchangeContextFilter}, which the auto-configuration registers), and the jar in
 * its {@code WebSession}. Spring MVC: the servlet request is found in the Reactor context (when
 * context propagation captured it) or else on the calling thread, where the servlet container
 * bound it for this request only, and the jar in its {@code HttpSession}. Either way the jar is a
 * {@link SessionCookieJar} session attribute, written back on every change, so Spring Session
 * (Redis, JDBC) stores and shares it with no code of ours. No request, no jar: the call fails.
 */
final class SessionCookieJarResolver implements CookieJarResolver {

	private static final boolean WEBFLUX = ClassUtils.isPresent("org.springframework.web.server.ServerWebExchange",
			SessionCookieJarResolver.class.getClassLoader());

	private static final boolean SERVLET = ClassUtils.isPresent("jakarta.servlet.http.HttpSession",
			SessionCookieJarResolver.class.getClassLoader())
			&& ClassUtils.isPresent("org.springframework.web.context.request.ServletRequestAttributes",
					SessionCookieJarResolver.class.getClassLoader());

	private final String attribute;

	private final boolean ignoreExpires;

	private final String property;

	/**
	 * @param client the client's name: its jar's attribute name
	 * @param ignoreExpires whether expired cookies are still sent
	 * @param property the scope property as the client sees it, for the error
	 */
	SessionCookieJarResolver(String client, boolean ignoreExpires, String property) {
		this.attribute = SessionCookieJar.ATTRIBUTE + client;
		this.ignoreExpires = ignoreExpires;
		this.property = property;
	}

	/** @return whether a web session can be found at all in this application */
	static boolean available() {
		return WEBFLUX || SERVLET;
	}

	@Override
	public Mono<CookieJar> resolve(RequestOptions request, ContextView context) {
		if (WEBFLUX) {
			Mono<CookieJar> jar = WebSessionCookieJar.resolve(context, this.attribute, this.ignoreExpires);
			if (jar != null) {
				return jar;
			}
		}
		if (SERVLET) {
			CookieJar jar = HttpSessionCookieJar.resolve(context, this.attribute, this.ignoreExpires);
			if (jar != null) {
				return Mono.just(jar);
			}
		}
		return Mono.error(new IllegalStateException(this.property + " is 'session', but " + request.method() + " "
				+ request.path() + " was called outside an inbound web request, so there is no user whose "
				+ "cookies to send (it is not sent with anybody's). Make the call while handling a request "
				+ "(WebFlux: return or compose the call's Mono in the handler; Spring MVC: call it on the request's "
				+ "thread), or give machine-to-machine calls a client with cookie.scope: client."));
	}

	@Override
	public @Nullable CookieJar sharedJar() {
		return null;
	}

	@Override
	public String toString() {
		return "session-scoped jars (" + this.attribute + ")";
	}

}
