package io.github.diospring.cookie;

import java.util.Objects;

import io.github.diospring.RequestOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Picks the {@link CookieJar} of one call for a {@link CookieManager}. A client that calls an
 * upstream on behalf of many users (a backend-for-frontend) needs one jar per user, or every
 * user would share the first one's upstream session; the resolver finds that user's jar from the
 * call's Reactor context, which carries the inbound request (Spring's web-session resolvers in the
 * auto-configuration read the WebFlux exchange or the servlet request from it).
 *
 * <p>Answering empty means "no caller here": the {@link CookieManager} then fails the call with a
 * clear error rather than sending it with another caller's cookies. {@link #shared} is the
 * machine-to-machine case: one jar for every call.
 *
 * <pre>{@code
 * // one jar per tenant, the tenant put into the Reactor context by a web filter
 * Map<String, CookieJar> jars = new ConcurrentHashMap<>();
 * CookieJarResolver perTenant = (request, context) -> Mono.justOrEmpty(context.<String>getOrEmpty("tenant"))
 *         .map(tenant -> jars.computeIfAbsent(tenant, t -> new DefaultCookieJar()));
 * dio.interceptors().add(new CookieManager(perTenant, false));
 * dio.get("/orders").contextWrite(Context.of("tenant", "acme")).block();
 * }</pre>
 */
@FunctionalInterface
public interface CookieJarResolver {

	/**
	 * Finds the jar of a call. Runs where the request runs (possibly a Reactor event loop): do not
	 * block; look the jar up asynchronously if it must be loaded.
	 * @param request the request
	 * @param context the Reactor context the call was subscribed with
	 * @return the jar, or empty when the call has no caller to keep cookies for
	 */
	Mono<CookieJar> resolve(RequestOptions request, ContextView context);

	/** @return the one jar this resolver always answers with, or null when it picks a jar per call */
	default @Nullable CookieJar sharedJar() {
		return null;
	}

	/**
	 * @param jar the jar every call shares
	 * @return a resolver that always answers {@code jar}
	 */
	static CookieJarResolver shared(CookieJar jar) {
		Objects.requireNonNull(jar, "cookieJar");
		return new CookieJarResolver() {

			@Override
			public Mono<CookieJar> resolve(RequestOptions request, ContextView context) {
				return Mono.just(jar);
			}

			@Override
			public CookieJar sharedJar() {
				return jar;
			}

			@Override
			public String toString() {
				return "shared " + jar.getClass().getSimpleName();
			}

		};
	}

}
