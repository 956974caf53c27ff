package io.github.diospring.cookie;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.adapter.RedirectCookies;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import io.github.diospring.interceptor.ResponseInterceptorHandler;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * Sends and stores cookies (dio's {@code CookieManager}): each request gets the
 * {@link CookieJar}'s cookies for its URI in its {@code Cookie} header, and every response
 * (error responses too, such as a 401) has its {@code Set-Cookie} headers saved to the jar.
 * <ul>
 * <li>A {@code Cookie} header the caller set is kept as it is, first; a jar cookie whose name
 * the caller already sends is left out. Re-sending the same {@link RequestOptions} (a retry with
 * {@code dio.fetch(e.requestOptions())}) adds no cookie twice and sends the jar's current values.</li>
 * <li>Cookies are saved for the response's {@link Response#realUri()}. A 3xx response that was not
 * followed ({@code followRedirects(false)}) has its cookies also saved for its {@code Location},
 * as dio does, but only when the Location is on the same host: a redirect must not let one host
 * set cookies for another.</li>
 * <li>Comma-folded {@code Set-Cookie} values are split (the comma in an {@code Expires} date does
 * not split).</li>
 * <li>A cookie problem never fails the request. RFC 6265 tells clients to ignore invalid cookies,
 * so invalid ones (unparseable, a {@code Domain} the host may not set, a public suffix...) are
 * always skipped; {@code ignoreInvalidCookies} only chooses how loudly: false (the default) logs
 * each at WARN, true at DEBUG. A jar that fails is logged at WARN and the request goes on.</li>
 * <li>Saving runs off the Reactor event loop (it may write a file); loading runs where the
 * request runs, so {@link CookieJar#loadForRequest} must not block.</li>
 * </ul>
 * By default one jar serves every call of the client (machine-to-machine: the service's own
 * session). A server calling an upstream on behalf of many users gives each user a jar of their
 * own with a {@link CookieJarResolver}, which picks the jar per call from the call's Reactor
 * context (for example the inbound request's web session); a call the resolver finds no jar for
 * fails instead of sharing someone else's cookies.
 * <p>Redirects followed by the transport: the {@code Set-Cookie} headers of every intermediate
 * response (a login answering 302 with its session cookie) are saved too, each for the URL of its
 * own hop (dio loses them), from the {@link RedirectCookies} the adapter reports. They are saved
 * once the exchange is over, so the hops after a redirect do not send them yet; to send them at
 * once, turn {@code followRedirects} off and follow {@code Location} yourself.
 *
 * <pre>{@code
 * Dio dio = Dio.create(BaseOptions.builder().baseUrl("https://api.example.com").build());
 * dio.interceptors().add(new CookieManager(new DefaultCookieJar()));
 * dio.post("/login", Map.of("user", "ann", "password", secret)).block();   // Set-Cookie: sid=...
 * dio.get("/orders").block();                                              // Cookie: sid=...
 * }</pre>
 */
public final class CookieManager implements Interceptor {

	/**
	 * The cookie manager runs early: before interceptors that log, sign or retry requests, so they
	 * see the {@code Cookie} header it adds. Spring's {@code @Order} value for it.
	 */
	public static final int ORDER = -1000;

	/**
	 * The extra key under which a request carries the jar its {@link CookieJarResolver} picked, so
	 * that its response, and a retry made from it ({@code dio.fetch(e.requestOptions())}), use the
	 * same caller's jar on whatever thread they run.
	 */
	public static final String RESOLVED_JAR = "dio.cookie.jar";

	private static final Logger logger = LoggerFactory.getLogger(CookieManager.class);

	private final @Nullable CookieJar cookieJar;

	private final CookieJarResolver resolver;

	private final boolean ignoreInvalidCookies;

	/** @param cookieJar where cookies are kept */
	public CookieManager(CookieJar cookieJar) {
		this(cookieJar, false);
	}

	/**
	 * @param cookieJar where cookies are kept
	 * @param ignoreInvalidCookies whether invalid cookies are skipped quietly (DEBUG) instead of
	 * with a WARN; they are skipped either way
	 */
	public CookieManager(CookieJar cookieJar, boolean ignoreInvalidCookies) {
		this(CookieJarResolver.shared(cookieJar), ignoreInvalidCookies);
	}

	/**
	 * A manager that finds the jar per call, such as the caller's web session's jar.
	 * @param resolver picks each call's jar from the call's Reactor context
	 * @param ignoreInvalidCookies whether invalid cookies are skipped quietly (DEBUG) instead of
	 * with a WARN; they are skipped either way
	 */
	public CookieManager(CookieJarResolver resolver, boolean ignoreInvalidCookies) {
		this.resolver = Objects.requireNonNull(resolver, "resolver");
		this.cookieJar = resolver.sharedJar();
		this.ignoreInvalidCookies = ignoreInvalidCookies;
	}

	/**
	 * @return the jar every call shares
	 * @throws IllegalStateException when the jar is resolved per call (see {@link #resolver()})
	 */
	public CookieJar cookieJar() {
		if (this.cookieJar == null) {
			throw new IllegalStateException("This CookieManager has no shared jar: it resolves one per call with "
					+ this.resolver.getClass().getName());
		}
		return this.cookieJar;
	}

	/** @return how the jar of a call is found ({@link CookieJarResolver#shared} for one shared jar) */
	public CookieJarResolver resolver() {
		return this.resolver;
	}

	/**
	 * Closes the jar when it holds something (a {@link PersistCookieJar} releases its directory);
	 * a Spring context calls this when it closes a {@code CookieManager} bean.
	 */
	public void close() {
		if (this.cookieJar instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.warn("Could not close the cookie jar {}", this.cookieJar.getClass().getSimpleName(), ex);
			}
		}
	}

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		if (this.cookieJar != null) {
			handler.next(loadCookies(options));
			return;
		}
		// no fallback: a call the resolver finds no jar for fails, it never borrows another caller's cookies
		handler.observe(resolve(options, handler.contextView())
			.doOnNext(jar -> handler.next(loadCookies(options.copyWith(r -> r.extra(RESOLVED_JAR, jar)), jar))));
	}

	@Override
	public void onResponse(Response<Object> response, ResponseInterceptorHandler handler) {
		saveThen(response, handler.contextView(), () -> handler.next(response), handler::observe);
	}

	@Override
	public void onError(DioException error, ErrorInterceptorHandler handler) {
		Response<?> response = error.response();
		if (response == null) {
			handler.next(error);
			return;
		}
		saveThen(response, handler.contextView(), () -> handler.next(error), handler::observe);
	}

	/**
	 * Adds the jar's cookies to a request, as {@link #onRequest} does. Never throws: when the jar
	 * fails, the request is returned unchanged.
	 * @param options the request
	 * @return the request with its {@code Cookie} header
	 * @throws IllegalStateException when the jar is resolved per call
	 */
	public RequestOptions loadCookies(RequestOptions options) {
		return loadCookies(options, cookieJar());
	}

	private RequestOptions loadCookies(RequestOptions options, CookieJar jar) {
		URI uri;
		try {
			uri = options.uri();
		}
		catch (IllegalArgumentException ex) {
			// Not a URL: the request fails on its own, with a message that says so.
			return options;
		}
		try {
			return RequestCookies.apply(options, jar.loadForRequest(uri));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not load cookies for {}; the request is sent without them", safe(options), ex);
			return options;
		}
	}

	/**
	 * Saves a response's {@code Set-Cookie} headers to the jar, as {@link #onResponse} does, on the
	 * calling thread. Never throws.
	 * @param response the response
	 * @throws IllegalStateException when the jar is resolved per call
	 */
	public void saveCookies(Response<?> response) {
		saveCookies(response, cookieJar());
	}

	private void saveCookies(Response<?> response, CookieJar jar) {
		try {
			saveRedirectCookies(response, jar);
			List<String> headers = response.headers().get("set-cookie");
			if (headers == null) {
				return;
			}
			URI uri = response.requestOptions().uri().resolve(response.realUri());
			List<Cookie> cookies = parse(headers, uri);
			save(jar, uri, cookies);
			if (response.statusCode() >= 300 && response.statusCode() < 400) {
				saveForLocations(jar, response, uri, cookies);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not save the cookies of {}; the response goes on", safe(response.realUri()), ex);
		}
	}

	private void saveRedirectCookies(Response<?> response, CookieJar jar) {
		if (response.extra().get(RedirectCookies.EXTRA_KEY) instanceof List<?> hops) {
			for (Object hop : hops) {
				if (hop instanceof RedirectCookies cookies) {
					save(jar, cookies.uri(), parse(cookies.setCookie(), cookies.uri()));
				}
			}
		}
	}

	/** Saving may write a file: never on an event-loop thread, and only when there is something to save. */
	private void saveThen(Response<?> response, ContextView context, Runnable next, Consumer<Publisher<?>> observe) {
		if (!response.headers().contains("set-cookie") && !response.extra().containsKey(RedirectCookies.EXTRA_KEY)) {
			next.run();
		}
		else if (this.cookieJar == null) {
			observe.accept(resolve(response.requestOptions(), context).flatMap(jar -> saving(response, jar, next)));
		}
		else if (Schedulers.isInNonBlockingThread()) {
			observe.accept(saving(response, this.cookieJar, next));
		}
		else {
			saveCookies(response, this.cookieJar);
			next.run();
		}
	}

	private Mono<Void> saving(Response<?> response, CookieJar jar, Runnable next) {
		Mono<Void> save = Mono.fromRunnable(() -> {
			saveCookies(response, jar);
			next.run();
		});
		return Schedulers.isInNonBlockingThread() ? save.subscribeOn(Schedulers.boundedElastic()) : save;
	}

	private Mono<CookieJar> resolve(RequestOptions options, ContextView context) {
		if (options.extra().get(RESOLVED_JAR) instanceof CookieJar jar) {
			return Mono.just(jar);
		}
		return Mono.defer(() -> this.resolver.resolve(options, context))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(this.resolver.getClass().getName()
					+ " found no cookie jar for this call (" + safe(options)
					+ "); the cookies are kept per caller, so the call is not made with anybody's")));
	}

	private List<Cookie> parse(List<String> headers, URI uri) {
		Instant now = Instant.now();
		List<Cookie> cookies = new ArrayList<>();
		for (String header : headers) {
			for (String one : SetCookieParser.split(header)) {
				try {
					cookies.add(SetCookieParser.parse(one, now));
				}
				catch (IllegalArgumentException ex) {
					invalid(uri, ex.getMessage());
				}
			}
		}
		return cookies;
	}

	private void save(CookieJar jar, URI uri, List<Cookie> cookies) {
		List<Cookie> valid = new ArrayList<>(cookies.size());
		for (Cookie cookie : cookies) {
			CookieSpec.Verdict verdict = CookieSpec.check(uri, cookie);
			if (verdict.cookie() != null) {
				valid.add(cookie);
			}
			else {
				invalid(uri, "cookie '" + cookie.name() + "': " + verdict.reason());
			}
		}
		if (!valid.isEmpty()) {
			jar.saveFromResponse(uri, valid);
		}
	}

	private void saveForLocations(CookieJar jar, Response<?> response, URI uri, List<Cookie> cookies) {
		List<String> locations = response.headers().get("location");
		if (locations == null || cookies.isEmpty()) {
			return;
		}
		for (String location : locations) {
			URI target;
			try {
				target = uri.resolve(location.trim());
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			if (Objects.equals(CookieSpec.host(target), CookieSpec.host(uri))) {
				save(jar, target, cookies);
			}
			else {
				logger.debug("Cookies of {} not saved for its redirect to another host {}", safe(uri), target.getHost());
			}
		}
	}

	private void invalid(URI uri, @Nullable String reason) {
		if (this.ignoreInvalidCookies) {
			logger.debug("Set-Cookie from {} ignored: {}", safe(uri), reason);
		}
		else {
			logger.warn("Set-Cookie from {} ignored: {}", safe(uri), reason);
		}
	}

	/** Scheme, host, port and path: user info and query may carry secrets. */
	private static String safe(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "")
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

	private static String safe(RequestOptions options) {
		try {
			return safe(options.uri());
		}
		catch (RuntimeException ex) {
			return options.method() + " " + options.path();
		}
	}

}
