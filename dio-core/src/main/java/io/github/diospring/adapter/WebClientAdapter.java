package io.github.diospring.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.diospring.DioException;
import io.github.diospring.Headers;
import io.github.diospring.RedirectRecord;
import io.github.diospring.RequestOptions;
import io.netty.channel.ChannelOption;
import io.netty.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.resources.ConnectionProvider;

/**
 * The default {@link HttpClientAdapter}: Spring's {@link WebClient}, on Reactor Netty unless the
 * given builder carries another connector. In a Spring Boot application it is built from Boot's
 * {@code WebClient.Builder}, so codecs, connector settings and observation come along.
 *
 * <p>Timeouts are measured by phase, independent of the connector's own settings: <b>connect</b>
 * from subscription until the connection is ready to write (TCP and TLS, pool wait included);
 * <b>send</b> while the body is written; <b>receive</b> from the end of the body until the
 * headers, then as the longest allowed gap between body chunks. Precise phases need a connector
 * that connects before it writes, as Reactor Netty (the default) does.
 *
 * <p>Redirects are followed here, one exchange per hop, so that credentials can be dropped on a
 * change of origin and every hop recorded: 301/302/303 continue as GET without a body (HEAD stays
 * HEAD), 307/308 repeat the method and re-send the body when it is replayable (otherwise the 3xx
 * response is returned). The underlying client must not follow redirects itself. The
 * {@code Set-Cookie} headers of followed redirects are handed on as {@link RedirectCookies} in the
 * response's {@code extra}, for the cookie manager.
 *
 * <pre>{@code
 * Dio dio = Dio.builder()
 *         .options(BaseOptions.builder().baseUrl("https://api.example.com").build())
 *         .adapter(new WebClientAdapter(WebClient.builder()))
 *         .build();
 * }</pre>
 */
public final class WebClientAdapter implements HttpClientAdapter {

	/**
	 * {@code Response.extra()} key of the HTTP version the response came with ({@code HTTP/1.1},
	 * {@code HTTP/2.0}), when the adapter's Reactor Netty client reports it (see
	 * {@link #reportingHttpVersion(HttpClient)}; the clients of {@link #create()} and
	 * {@link #create(HttpClient)} and the auto-configured ones do).
	 */
	public static final String HTTP_VERSION = "httpVersion";

	/** Where each exchange leaves a holder in the Reactor context for its HTTP version. */
	private static final String VERSION_HOLDER = WebClientAdapter.class.getName() + ".httpVersion";

	/** How many times at most an idempotent request is re-sent when its pooled connections turn out closed. */
	private static final int MAX_STALE_RETRIES = 8;

	private final WebClient webClient;

	private final @Nullable ConnectionProvider ownedPool;

	/**
	 * Uses the given builder (cloned, so the caller's builder is untouched).
	 * @param builder for example Boot's {@code WebClient.Builder}
	 */
	public WebClientAdapter(WebClient.Builder builder) {
		this(builder.clone().build(), null);
	}

	private WebClientAdapter(WebClient webClient, @Nullable ConnectionProvider ownedPool) {
		this.webClient = webClient;
		this.ownedPool = ownedPool;
	}

	/**
	 * An adapter with its own Reactor Netty connection pool sized for production
	 * ({@link PoolSettings#defaults()}: 500 connections, 1,000 waiting), released by
	 * {@link #close(boolean)}. This is what {@code Dio.create()} uses.
	 * @return the adapter
	 */
	public static WebClientAdapter create() {
		return create(PoolSettings.defaults());
	}

	/**
	 * An adapter with its own Reactor Netty connection pool, released by {@link #close(boolean)}.
	 * Connect timeouts are dio's ({@code connectTimeout}, zero for none), not Netty's 30 s.
	 * @param pool the pool's limits
	 * @return the adapter
	 */
	public static WebClientAdapter create(PoolSettings pool) {
		ConnectionProvider provider = pool.newConnectionProvider("dio");
		HttpClient httpClient = reportingHttpVersion(prepare(lenientHeaders(HttpClient.create(provider))))
			// dio's connectTimeout is measured by the adapter; Netty's own default (30 s) would cut it short
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0);
		WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
		return new WebClientAdapter(client, provider);
	}

	/**
	 * Lets response headers that Netty's strict validation refuses (a control byte in one
	 * {@code Set-Cookie}) through to the adapter, which drops only the bad header value instead of
	 * failing the whole response: RFC 6265 tells clients to ignore a bad cookie, not the response.
	 * Header lines are still split at line ends, so nothing can be smuggled into another header.
	 * Resets the client's other response decoder settings to their defaults.
	 * @param httpClient a client whose response decoder is still the default
	 * @return the client with header validation left to the adapter
	 */
	public static HttpClient lenientHeaders(HttpClient httpClient) {
		return httpClient.httpResponseDecoder(spec -> spec.validateHeaders(false));
	}

	/**
	 * An adapter on a Reactor Netty client you configured (pool, proxy, TLS, wiretap). Its own
	 * redirect following is turned off: dio follows redirects itself. The caller owns the client's
	 * resources.
	 * @param httpClient the client
	 * @return the adapter
	 */
	public static WebClientAdapter create(HttpClient httpClient) {
		WebClient client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(reportingHttpVersion(prepare(httpClient))))
			.build();
		return new WebClientAdapter(client, null);
	}

	/**
	 * An adapter on a {@code WebClient.Builder} whose connector uses {@code pool}, which the adapter
	 * then owns: {@link #close(boolean)} disposes it (how Spring Boot clients with {@code dio.pool.*}
	 * are built).
	 *
	 * <pre>{@code
	 * ConnectionProvider pool = PoolSettings.defaults().newConnectionProvider("orders");
	 * HttpClient http = WebClientAdapter.prepare(HttpClient.create(pool));
	 * HttpClientAdapter adapter = WebClientAdapter.create(
	 *         WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)), pool);
	 * }</pre>
	 * @param builder the builder (cloned)
	 * @param pool the pool its connector uses
	 * @return the adapter
	 */
	public static WebClientAdapter create(WebClient.Builder builder, ConnectionProvider pool) {
		return new WebClientAdapter(builder.clone().build(), pool);
	}

	/**
	 * Readies a Reactor Netty client for this adapter: no redirect following of its own (dio follows
	 * them), and each request notes whether its connection came back from the pool, so that an
	 * idempotent request failing on a stale pooled connection is re-sent on another one.
	 * @param httpClient the client
	 * @return the readied client
	 */
	public static HttpClient prepare(HttpClient httpClient) {
		return httpClient.followRedirect(false).doOnRequest(ConnectionReuse::record);
	}

	/**
	 * Makes a Reactor Netty client tell each response's HTTP version, which then appears on
	 * {@code response.extra().get(WebClientAdapter.HTTP_VERSION)}. For clients you build yourself
	 * and hand over through a connector.
	 *
	 * <pre>{@code
	 * HttpClient h2 = WebClientAdapter.reportingHttpVersion(HttpClient.create().protocol(HttpProtocol.H2C));
	 * Dio dio = Dio.builder().adapter(new WebClientAdapter(WebClient.builder()
	 *         .clientConnector(new ReactorClientHttpConnector(h2.followRedirect(false))))).build();
	 * }</pre>
	 * @param httpClient the client
	 * @return the client, reporting
	 */
	public static HttpClient reportingHttpVersion(HttpClient httpClient) {
		return httpClient.doOnResponse((response, connection) -> {
			Object holder = response.currentContextView().getOrDefault(VERSION_HOLDER, null);
			if (holder instanceof AtomicReference<?> version) {
				@SuppressWarnings("unchecked")
				AtomicReference<String> text = (AtomicReference<String>) version;
				text.set(response.version().text());
			}
		});
	}

	@Override
	public Mono<ResponseBody> fetch(RequestOptions options, @Nullable RequestBody body) {
		return Mono.defer(() -> follow(options, RedirectHop.first(options, body),
				new ArrayList<>()));
	}

	@Override
	public void close(boolean force) {
		PoolSettings.release(this.ownedPool, force);
	}

	private Mono<ResponseBody> follow(RequestOptions options, RedirectHop hop, List<RedirectRecord> redirects) {
		return follow(options, hop, redirects, new ArrayList<>());
	}

	private Mono<ResponseBody> follow(RequestOptions options, RedirectHop hop, List<RedirectRecord> redirects,
			List<RedirectCookies> hopCookies) {
		return exchange(options, hop).flatMap(entity -> {
			RedirectHop next = options.followRedirects() ? hop.redirect(entity.getStatusCode().value(), entity.getHeaders().getFirst(HttpHeaders.LOCATION)) : null;
			Flux<DataBuffer> body = (entity.getBody() != null) ? entity.getBody() : Flux.empty();
			if (next == null) {
				Map<String, @Nullable Object> extra = hopCookies.isEmpty() ? Map.of()
						: Map.of(RedirectCookies.EXTRA_KEY, List.copyOf(hopCookies));
				return Mono.just(toResponseBody(options, entity, body, hop, redirects, extra));
			}
			Mono<Void> drained = body.doOnNext(DataBufferUtils::release).then();
			if (redirects.size() >= options.maxRedirects()) {
				return drained.then(Mono.error(() -> hop.tooManyRedirects(options)));
			}
			redirects.add(new RedirectRecord(entity.getStatusCode().value(), next.method, next.uri));
			List<String> setCookie = entity.getHeaders().get(HttpHeaders.SET_COOKIE);
			if (setCookie != null && !setCookie.isEmpty()) {
				hopCookies.add(new RedirectCookies(hop.uri, setCookie));
			}
			return drained.then(Mono.defer(() -> follow(options, next, redirects, hopCookies)));
		});
	}

	/**
	 * One hop's exchange. An idempotent request that fails on a pooled connection before any
	 * response arrived (the server closed it while it sat idle) is sent again. The pool may hold
	 * more connections the server closed, so it is re-sent while the failures happen on reused
	 * connections (up to {@value #MAX_STALE_RETRIES} times), and no more once one happened on a new
	 * connection. When the connector does not report reuse, it is re-sent once.
	 */
	private Mono<ResponseEntity<Flux<DataBuffer>>> exchange(RequestOptions options, RedirectHop hop) {
		return attempt(options, hop, MAX_STALE_RETRIES).onErrorMap(ex -> TransportErrors.translate(ex, options));
	}

	private Mono<ResponseEntity<Flux<DataBuffer>>> attempt(RequestOptions options, RedirectHop hop, int retriesLeft) {
		ConnectionReuse reuse = new ConnectionReuse();
		Phases phases = new Phases(options);
		BodyInserter<Object, ClientHttpRequest> inserter = (request, context) -> {
			phases.connected(request);
			Mono<Void> write = (hop.body != null) ? request.writeWith(hop.body.content()) : request.setComplete();
			Duration sendTimeout = options.sendTimeout();
			if (sendTimeout != null && hop.body != null) {
				write = write.timeout(sendTimeout, Mono.error(() -> DioException.sendTimeout(options, sendTimeout)));
			}
			return write.doOnSuccess(v -> phases.sent());
		};
		Mono<ResponseEntity<Flux<DataBuffer>>> exchange = this.webClient.method(HttpMethod.valueOf(hop.method))
			.uri(hop.uri)
			.headers(h -> writeHeaders(options, hop, h))
			.body(inserter)
			.retrieve()
			.onStatus(status -> true, response -> Mono.empty())
			.toEntityFlux(DataBuffer.class)
			.map(entity -> phases.withBodyTimeout(entity))
			.contextWrite(context -> context.put(ConnectionReuse.class, reuse).put(VERSION_HOLDER, hop.version));
		exchange = phases.watch(exchange);
		if (retriesLeft == 0 || !hop.isRetryable()) {
			return exchange;
		}
		return exchange.onErrorResume(ex -> !reuse.wasNew() && TransportErrors.isBrokenBeforeResponse(ex)
				&& !isCancelled(options), ex -> attempt(options, hop, reuse.wasReused() ? retriesLeft - 1 : 0));
	}

	private static boolean isCancelled(RequestOptions options) {
		return options.cancelToken() != null && options.cancelToken().isCancelled();
	}

	private static void writeHeaders(RequestOptions options, RedirectHop hop, HttpHeaders target) {
		boolean preserve = options.preserveHeaderCase();
		hop.headers.forEach((name, values) -> target.put(preserve ? name : name.toLowerCase(Locale.ROOT), values));
		if (hop.body != null && hop.body.contentLength() >= 0 && !hop.headers.contains(Headers.CONTENT_LENGTH)) {
			target.setContentLength(hop.body.contentLength());
		}
		if (!options.persistentConnection()) {
			target.set(HttpHeaders.CONNECTION, "close");
		}
	}

	private static ResponseBody toResponseBody(RequestOptions options, ResponseEntity<Flux<DataBuffer>> entity,
			Flux<DataBuffer> body, RedirectHop hop, List<RedirectRecord> redirects, Map<String, @Nullable Object> extra) {
		Headers headers = ResponseHeaders.copy(entity.getHeaders(), hop.uri);
		Flux<DataBuffer> stream = body.onErrorMap(ex -> TransportErrors.translate(ex, options, true));
		int status = entity.getStatusCode().value();
		HttpStatus known = HttpStatus.resolve(status);
		String version = hop.version.get();
		Map<String, @Nullable Object> all = extra;
		if (version != null) {
			all = new LinkedHashMap<>(extra);
			all.put(HTTP_VERSION, version);
		}
		return new ResponseBody(status, (known != null) ? known.getReasonPhrase() : "", headers, stream,
				redirects, hop.uri, all);
	}

	/**
	 * One exchange's timeouts. Connect runs on the shared {@link ExchangeTimer}. Receive is
	 * Netty's per-request response timeout when the connector is Reactor Netty (no timer per body
	 * chunk); on another connector a timer runs from the end of the body to the headers, and then
	 * the body's gaps are timed chunk by chunk.
	 */
	private static final class Phases {

		final RequestOptions options;

		final Sinks.Empty<Void> late = Sinks.empty();

		volatile boolean connected;

		/** Whether Netty's own response timeout watches this exchange. */
		volatile boolean nettyReceiveTimeout;

		volatile @Nullable Timeout timer;

		Phases(RequestOptions options) {
			this.options = options;
		}

		<T> Mono<T> watch(Mono<T> exchange) {
			Duration connectTimeout = this.options.connectTimeout();
			if (connectTimeout == null && this.options.receiveTimeout() == null) {
				return exchange;
			}
			return Mono.defer(() -> {
				if (connectTimeout != null) {
					this.timer = ExchangeTimer.schedule(connectTimeout, () -> {
						if (!this.connected) {
							this.late.tryEmitError(DioException.connectionTimeout(this.options, connectTimeout, null));
						}
					});
				}
				return Mono.firstWithSignal(exchange, this.late.asMono().then(Mono.<T>never())).doFinally(signal -> disarm());
			});
		}

		void connected(ClientHttpRequest request) {
			this.connected = true;
			disarm();
			Duration receiveTimeout = this.options.receiveTimeout();
			if (receiveTimeout != null && request.getNativeRequest() instanceof HttpClientRequest netty) {
				netty.responseTimeout(receiveTimeout);
				this.nettyReceiveTimeout = true;
			}
		}

		void sent() {
			Duration receiveTimeout = this.options.receiveTimeout();
			if (receiveTimeout != null && !this.nettyReceiveTimeout) {
				this.timer = ExchangeTimer.schedule(receiveTimeout,
						() -> this.late.tryEmitError(DioException.receiveTimeout(this.options, receiveTimeout, false)));
			}
		}

		ResponseEntity<Flux<DataBuffer>> withBodyTimeout(ResponseEntity<Flux<DataBuffer>> entity) {
			Duration receiveTimeout = this.options.receiveTimeout();
			if (receiveTimeout == null || this.nettyReceiveTimeout || entity.getBody() == null) {
				return entity;
			}
			Flux<DataBuffer> body = entity.getBody().timeout(receiveTimeout,
					Flux.error(() -> DioException.receiveTimeout(this.options, receiveTimeout, true)));
			return new ResponseEntity<>(body, entity.getHeaders(), entity.getStatusCode());
		}

		private void disarm() {
			Timeout armed = this.timer;
			if (armed != null) {
				armed.cancel();
			}
		}

	}

}
