package io.github.diospring.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.diospring.DioException;
import io.github.diospring.Headers;
import io.github.diospring.RedirectRecord;
import io.github.diospring.RequestOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.support.Netty4HeadersAdapter;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The default {@link HttpClientAdapter}: one exchange straight on Reactor Netty's
 * {@link HttpClient}, with no WebClient, codec or {@code ClientHttpConnector} layer between dio and
 * Netty. Request bytes come from dio's own encoders and go out as Netty buffers; response buffers
 * reach dio's transformer as they arrive. What it does is what {@link WebClientAdapter} does, by
 * the same rules (the same test suite runs on both):
 * <ul>
 * <li>Timeouts by phase: <b>connect</b> from subscription until the connection is ready to write
 * (pool wait, TCP and TLS); <b>send</b> while the body is written; <b>receive</b> from the end of
 * the body until the headers, then as the longest gap between reads of the body (Netty's
 * per-request response timeout, so no timer runs per body chunk).</li>
 * <li>Redirects followed here, one exchange per hop, credentials dropped when the origin changes,
 * {@code Set-Cookie} of followed hops handed on as {@link RedirectCookies}.</li>
 * <li>An idempotent request that breaks on a stale pooled connection before any response byte is
 * re-sent on another connection.</li>
 * <li>Proxy, TLS (SSL bundles, certificate pins), pool, compression and HTTP/2 are the
 * {@link HttpClient}'s: configure them there, or let the Spring Boot auto-configuration build the
 * client from Boot's connector settings.</li>
 * </ul>
 *
 * <pre>{@code
 * Dio dio = Dio.builder()
 *         .options(BaseOptions.builder().baseUrl("https://api.example.com").build())
 *         .adapter(ReactorNettyAdapter.create(PoolSettings.defaults().toBuilder().maxConnections(200).build()))
 *         .build();
 * }</pre>
 */
public final class ReactorNettyAdapter implements HttpClientAdapter {

	/** How many times at most an idempotent request is re-sent when its pooled connections turn out closed. */
	private static final int MAX_STALE_RETRIES = 8;

	/** Wraps Netty's buffers as Spring {@link DataBuffer}s without copying; its allocator is never used. */
	private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

	private final HttpClient httpClient;

	/**
	 * The client readied for each method seen so far: Reactor Netty copies its whole configuration
	 * on every step of a request, so the method step is taken once per method, not per request.
	 */
	private final Map<String, HttpClient.RequestSender> senders = new ConcurrentHashMap<>();

	private final @Nullable ConnectionProvider ownedPool;

	private ReactorNettyAdapter(HttpClient httpClient, @Nullable ConnectionProvider ownedPool) {
		// dio follows redirects itself, hop by hop, and re-sends on stale connections itself (Reactor
		// Netty's own single retry would only double that, and costs a retry operator per request)
		this.httpClient = httpClient.followRedirect(false).disableRetry(true);
		this.ownedPool = ownedPool;
	}

	/**
	 * An adapter with its own connection pool sized for production ({@link PoolSettings#defaults()}:
	 * 500 connections, 1,000 waiting), released by {@link #close(boolean)}. This is what
	 * {@code Dio.create()} uses.
	 * @return the adapter
	 */
	public static ReactorNettyAdapter create() {
		return create(PoolSettings.defaults());
	}

	/**
	 * An adapter with its own connection pool, released by {@link #close(boolean)}. Connect
	 * timeouts are dio's ({@code connectTimeout}, zero for none), not Netty's 30 s; one malformed
	 * response header is dropped alone instead of failing the response
	 * ({@link WebClientAdapter#lenientHeaders}).
	 * @param pool the pool's limits
	 * @return the adapter
	 */
	public static ReactorNettyAdapter create(PoolSettings pool) {
		ConnectionProvider provider = pool.newConnectionProvider("dio");
		return new ReactorNettyAdapter(WebClientAdapter.lenientHeaders(HttpClient.create(provider))
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0), provider);
	}

	/**
	 * An adapter on a Reactor Netty client you configured (pool, proxy, TLS, compression, wiretap,
	 * HTTP/2). Its own redirect following is turned off: dio follows redirects itself. The caller
	 * owns the client's resources.
	 *
	 * <pre>{@code
	 * HttpClientAdapter adapter = ReactorNettyAdapter.create(HttpClient.create().compress(true));
	 * }</pre>
	 * @param httpClient the client
	 * @return the adapter
	 */
	public static ReactorNettyAdapter create(HttpClient httpClient) {
		return new ReactorNettyAdapter(httpClient, null);
	}

	/**
	 * An adapter on a Reactor Netty client whose connections come from {@code pool}, which the
	 * adapter then owns: {@link #close(boolean)} disposes it (how Spring Boot clients are built).
	 * @param httpClient the client, built on {@code pool}
	 * @param pool the pool it uses
	 * @return the adapter
	 */
	public static ReactorNettyAdapter create(HttpClient httpClient, ConnectionProvider pool) {
		return new ReactorNettyAdapter(httpClient, pool);
	}

	@Override
	public Mono<ResponseBody> fetch(RequestOptions options, @Nullable RequestBody body) {
		return Mono.defer(() -> follow(options, RedirectHop.first(options, body), List.of(), List.of()));
	}

	@Override
	public void close(boolean force) {
		PoolSettings.release(this.ownedPool, force);
	}

	private Mono<ResponseBody> follow(RequestOptions options, RedirectHop hop, List<RedirectRecord> redirects,
			List<RedirectCookies> hopCookies) {
		return exchange(options, hop).flatMap(exchange -> {
			RedirectHop next = options.followRedirects()
					? hop.redirect(exchange.status(), exchange.response.responseHeaders().get(HttpHeaderNames.LOCATION)) : null;
			if (next == null) {
				return Mono.just(exchange.toResponseBody(redirects, hopCookies));
			}
			Mono<Void> drained = exchange.connection.inbound().receive().then();
			if (redirects.size() >= options.maxRedirects()) {
				return drained.then(Mono.error(() -> hop.tooManyRedirects(options)));
			}
			List<RedirectRecord> followed = new ArrayList<>(redirects);
			followed.add(new RedirectRecord(exchange.status(), next.method, next.uri));
			List<RedirectCookies> cookies = hopCookies;
			List<String> setCookie = exchange.response.responseHeaders().getAll(HttpHeaderNames.SET_COOKIE);
			if (!setCookie.isEmpty()) {
				cookies = new ArrayList<>(hopCookies);
				cookies.add(new RedirectCookies(hop.uri, setCookie));
			}
			List<RedirectCookies> nextCookies = cookies;
			return drained.then(Mono.defer(() -> follow(options, next, followed, nextCookies)));
		});
	}

	/**
	 * One hop's exchange. An idempotent request that fails on a pooled connection before any
	 * response arrived (the server closed it while it sat idle) is sent again, while the failures
	 * happen on reused connections (up to {@value #MAX_STALE_RETRIES} times), and no more once one
	 * happened on a new connection.
	 */
	private Mono<Exchange> exchange(RequestOptions options, RedirectHop hop) {
		return attempt(options, hop, MAX_STALE_RETRIES).onErrorMap(ex -> TransportErrors.translate(ex, options));
	}

	private Mono<Exchange> attempt(RequestOptions options, RedirectHop hop, int retriesLeft) {
		Exchange exchange = new Exchange(options, hop);
		Mono<Exchange> answered = sender(hop.method)
			.uri(hop.uri)
			.send(exchange::send)
			.responseConnection(exchange::received)
			.next()
			.doOnCancel(exchange::abandon);
		Duration connectTimeout = options.connectTimeout();
		if (connectTimeout != null) {
			answered = exchange.watchConnect(answered, connectTimeout);
		}
		if (retriesLeft == 0 || !hop.isRetryable()) {
			return answered;
		}
		return answered.onErrorResume(ex -> !exchange.reuse.wasNew() && TransportErrors.isBrokenBeforeResponse(ex)
				&& !isCancelled(options), ex -> attempt(options, hop, exchange.reuse.wasReused() ? retriesLeft - 1 : 0));
	}

	private HttpClient.RequestSender sender(String method) {
		HttpClient.RequestSender sender = this.senders.get(method);
		if (sender == null) {
			// methods are few (custom ones included); bound the map anyway against a caller that makes them up
			sender = this.httpClient.request(HttpMethod.valueOf(method));
			if (this.senders.size() < 64) {
				this.senders.putIfAbsent(method, sender);
			}
		}
		return sender;
	}

	private static boolean isCancelled(RequestOptions options) {
		return options.cancelToken() != null && options.cancelToken().isCancelled();
	}

	/** One attempt of one hop: what it sent, and the response once it came. */
	private static final class Exchange {

		final RequestOptions options;

		final RedirectHop hop;

		final ConnectionReuse reuse = new ConnectionReuse();

		/** Set when the connection is ready to write: the connect phase is over. */
		volatile boolean connected;

		/** The connect timeout's timer, while it runs. */
		volatile @Nullable Timeout connectTimer;

		@Nullable HttpClientResponse response;

		@Nullable Connection connection;

		/** Whether the body was handed to someone who reads or closes it. */
		volatile boolean bodyTaken;

		Exchange(RequestOptions options, RedirectHop hop) {
			this.options = options;
			this.hop = hop;
		}

		Publisher<Void> send(HttpClientRequest request, NettyOutbound outbound) {
			this.connected = true;
			disarm();
			outbound.withConnection(this.reuse::record);
			writeHeaders(request.requestHeaders());
			Duration receiveTimeout = this.options.receiveTimeout();
			if (receiveTimeout != null) {
				request.responseTimeout(receiveTimeout);
			}
			RequestBody body = this.hop.body;
			if (body == null) {
				// headers only, then Netty's shared empty last content; handing back the outbound
				// itself would make Netty build a full request with its own trailer headers (5 KB)
				return outbound.then();
			}
			Flux<DataBuffer> content = body.content();
			// a single buffer goes out as one write and flush
			Publisher<ByteBuf> bytes = (content instanceof Fuseable.ScalarCallable<?>)
					? Mono.from(content).map(NettyDataBufferFactory::toByteBuf)
					: content.map(NettyDataBufferFactory::toByteBuf);
			Mono<Void> write = outbound.send(bytes).then();
			Duration sendTimeout = this.options.sendTimeout();
			if (sendTimeout != null) {
				write = write.timeout(sendTimeout, Mono.error(() -> DioException.sendTimeout(this.options, sendTimeout)));
			}
			return write;
		}

		private void writeHeaders(io.netty.handler.codec.http.HttpHeaders target) {
			boolean preserve = this.options.preserveHeaderCase();
			this.hop.headers.forEach((name, values) -> target.set(preserve ? name : name.toLowerCase(Locale.ROOT), values));
			RequestBody body = this.hop.body;
			if (body != null && body.contentLength() >= 0 && !this.hop.headers.contains(Headers.CONTENT_LENGTH)) {
				target.set(HttpHeaderNames.CONTENT_LENGTH, body.contentLength());
			}
			if (!this.options.persistentConnection()) {
				target.set(HttpHeaderNames.CONNECTION, "close");
			}
		}

		Mono<Exchange> received(HttpClientResponse response, Connection connection) {
			this.response = response;
			this.connection = connection;
			return Mono.just(this);
		}

		/**
		 * Fails the exchange with a connect timeout when the connection is not ready to write in
		 * time. The timer is disarmed as soon as it is ready, and when the exchange ends.
		 */
		Mono<Exchange> watchConnect(Mono<Exchange> answered, Duration connectTimeout) {
			return Mono.defer(() -> {
				Sinks.One<Exchange> tooSlow = Sinks.one();
				this.connectTimer = ExchangeTimer.schedule(connectTimeout, () -> {
					if (!this.connected) {
						tooSlow.tryEmitError(DioException.connectionTimeout(this.options, connectTimeout, null));
					}
				});
				return Mono.firstWithSignal(answered, tooSlow.asMono()).doFinally(signal -> disarm());
			});
		}

		private void disarm() {
			Timeout timer = this.connectTimer;
			if (timer != null) {
				timer.cancel();
			}
		}

		/** The caller went away after the response came but before anyone took its body. */
		void abandon() {
			Connection connection = this.connection;
			if (connection != null && !this.bodyTaken) {
				connection.dispose();
			}
		}

		int status() {
			return this.response.status().code();
		}

		ResponseBody toResponseBody(List<RedirectRecord> redirects, List<RedirectCookies> hopCookies) {
			this.bodyTaken = true;
			HttpClientResponse response = this.response;
			Headers headers = ResponseHeaders.copy(new HttpHeaders(new Netty4HeadersAdapter(response.responseHeaders())),
					this.hop.uri);
			RequestOptions options = this.options;
			Flux<DataBuffer> body = this.connection.inbound()
				.receive()
				.map(buffer -> (DataBuffer) BUFFERS.wrap(buffer.retain()))
				.onErrorMap(ex -> TransportErrors.translate(ex, options, true));
			HttpStatus known = HttpStatus.resolve(status());
			Map<String, @Nullable Object> extra = hopCookies.isEmpty()
					? Map.of(WebClientAdapter.HTTP_VERSION, response.version().text())
					: Map.of(WebClientAdapter.HTTP_VERSION, response.version().text(), RedirectCookies.EXTRA_KEY,
							List.copyOf(hopCookies));
			return new ResponseBody(status(), (known != null) ? known.getReasonPhrase() : "", headers, body, redirects,
					this.hop.uri, extra);
		}

	}

}
