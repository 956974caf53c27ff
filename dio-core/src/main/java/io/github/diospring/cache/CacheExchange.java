package io.github.diospring.cache;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.adapter.ExchangeDecorator;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.cache.CacheEntries.Found;
import io.github.diospring.observation.DioObservationContext;
import io.github.diospring.observation.DioObservations;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The cache's work at the network step of each request, on the request exactly as it is sent:
 * answer from a fresh entry, revalidate a stale one and turn a {@code 304} into the stored
 * response, store what may be stored while the body is read, answer with a stale entry when the
 * network fails, and invalidate a URI after a successful unsafe request (RFC 9111 §4.4).
 */
final class CacheExchange implements ExchangeDecorator {

	private static final Logger logger = LoggerFactory.getLogger(CacheInterceptor.class);

	static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

	private static final Set<DioExceptionType> NETWORK_FAILURES = Set.of(DioExceptionType.CONNECTION_ERROR,
			DioExceptionType.CONNECTION_TIMEOUT, DioExceptionType.SEND_TIMEOUT, DioExceptionType.RECEIVE_TIMEOUT);

	private final CacheOptions settings;

	private final CacheEntries entries;

	private final CacheStatistics statistics;

	private final CacheRules rules;

	CacheExchange(CacheOptions settings, CacheEntries entries, CacheStatistics statistics) {
		this.settings = settings;
		this.rules = new CacheRules(settings);
		this.entries = entries;
		this.statistics = statistics;
	}

	@Override
	public Mono<ResponseBody> decorate(RequestOptions options, Function<RequestOptions, Mono<ResponseBody>> exchange) {
		if (UNSAFE.contains(options.method())) {
			return invalidating(options, exchange);
		}
		CacheRequest request = CacheRequest.of(options, this.settings);
		if (request == null) {
			return exchange.apply(options);
		}
		Mono<ResponseBody> answer = this.rules.readsCache(request.policy())
				? this.entries.lookup(request.key(), options.headers()).flatMap(found -> answer(request, found, exchange))
				: Mono.defer(() -> answer(request, new Found(null, null, request.key()), exchange));
		return Mono.deferContextual(view -> answer.doOnNext(body -> record(request, body, view)));
	}

	private Mono<ResponseBody> answer(CacheRequest request, Found stored, Function<RequestOptions, Mono<ResponseBody>> exchange) {
		long now = this.settings.clock().millis();
		Found found = this.rules.withinMaxStale(request, stored, now);
		CachedResponse entry = found.entry();
		if (entry != null && (request.policy() == CachePolicy.FORCE_CACHE
				|| (request.policy() == CachePolicy.REQUEST && this.rules.isFresh(request, entry, now)))) {
			return Mono.just(served(request, entry, CacheStatus.HIT, now));
		}
		if (entry == null && request.policy() == CachePolicy.REQUEST && request.directives().onlyIfCached) {
			return Mono.just(new ResponseBody(504, "Gateway Timeout", Headers.empty(), Flux.empty(), List.of(),
					request.uri(), Map.of()));
		}
		boolean conditional = request.policy() == CachePolicy.REQUEST && entry != null && entry.hasValidators();
		RequestOptions sent = conditional ? withValidators(request.options(), entry) : request.options();
		long requestTime = now;
		return exchange.apply(sent)
			.flatMap(body -> received(request, found, conditional, body, requestTime))
			.onErrorResume(error -> networkFailure(request, found, error));
	}

	private Mono<ResponseBody> received(CacheRequest request, Found found, boolean conditional, ResponseBody body,
			long requestTime) {
		long responseTime = this.settings.clock().millis();
		int status = body.statusCode();
		CachedResponse entry = found.entry();
		if (status == 304 && conditional && entry != null) {
			body.close();
			CachedResponse updated = entry.revalidated(body.headers(), requestTime, responseTime);
			List<String> vary = List.copyOf(updated.varyValues.keySet());
			return this.entries.write(found, updated, (found.index() != null) ? vary : List.of())
				.then(Mono.fromSupplier(() -> served(request, updated, CacheStatus.REVALIDATED, responseTime)));
		}
		if (entry != null && this.settings.hitCacheOnErrorCodes().contains(status) && this.rules.staleAllowed(request, entry)) {
			body.close();
			return Mono.just(served(request, entry, CacheStatus.STALE, responseTime));
		}
		if (this.rules.storable(request, body)) {
			return Mono.just(storing(request, found, body, requestTime, responseTime));
		}
		ResponseBody marked = marked(body, body.stream());
		if (entry != null && status >= 200 && status < 300) {
			// the resource now says it must not be stored: forget what was stored for it
			return this.entries.evict(found.baseKey()).thenReturn(marked);
		}
		return Mono.just(marked);
	}

	private Mono<ResponseBody> networkFailure(CacheRequest request, Found found, Throwable error) {
		CachedResponse entry = found.entry();
		if (this.settings.hitCacheOnNetworkFailure() && entry != null && this.rules.staleAllowed(request, entry)
				&& NETWORK_FAILURES.contains(DioException.from(request.options(), error).type())) {
			logger.debug("dio cache: {} {} failed ({}); answering with the stored response", request.options().method(),
					request.options().path(), error.toString());
			return Mono.just(served(request, entry, CacheStatus.STALE, this.settings.clock().millis()));
		}
		return Mono.error(error);
	}

	private static RequestOptions withValidators(RequestOptions options, CachedResponse entry) {
		String etag = entry.etag();
		String lastModified = entry.lastModified();
		return options.copyWith(b -> {
			if (etag != null) {
				b.header("If-None-Match", etag);
			}
			if (lastModified != null) {
				b.header("If-Modified-Since", lastModified);
			}
		});
	}

	/** Passes the body on, copying it as it is read; stores it once it is complete and not too large. */
	private ResponseBody storing(CacheRequest request, Found found, ResponseBody body, long requestTime, long responseTime) {
		Headers stored = CachedResponse.storable(body.headers());
		List<String> vary = CachedResponse.varyNames(body.headers());
		Map<String, @Nullable String> varyValues = CachedResponse.varyValues(vary, request.options().headers());
		Flux<DataBuffer> copied = Flux.defer(() -> {
			Capture capture = new Capture(this.settings.maxEntrySize());
			return body.stream().doOnNext(capture::add).concatWith(Mono.defer(() -> {
				byte[] bytes = capture.bytes();
				if (bytes == null) {
					return Mono.empty();
				}
				CachedResponse entry = new CachedResponse(body.statusCode(), body.statusMessage(), stored, varyValues,
						requestTime, responseTime, bytes);
				return this.entries.write(found, entry, vary);
			}).then(Mono.empty()));
		});
		return marked(body, copied);
	}

	private static ResponseBody marked(ResponseBody body, Flux<DataBuffer> stream) {
		return new ResponseBody(body.statusCode(), body.statusMessage(),
				body.headers().with(CacheInterceptor.STATUS_HEADER, CacheStatus.MISS.name()), stream, body.redirects(),
				body.realUri(), withStatus(body.extra(), CacheStatus.MISS));
	}

	/** A stored response as the network would have delivered it, with its current Age and the cache's mark. */
	private static ResponseBody served(CacheRequest request, CachedResponse entry, CacheStatus status, long now) {
		Headers headers = entry.headers.toBuilder()
			.set("age", String.valueOf(entry.currentAgeMillis(now) / 1000))
			.set(CacheInterceptor.STATUS_HEADER, status.name())
			.build();
		byte[] body = entry.body;
		return new ResponseBody(entry.status, entry.statusMessage, headers,
				Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body))), List.of(), request.uri(),
				withStatus(Map.of(), status));
	}

	private static Map<String, @Nullable Object> withStatus(Map<String, @Nullable Object> extra, CacheStatus status) {
		Map<String, @Nullable Object> marked = new LinkedHashMap<>(extra);
		marked.put(CacheInterceptor.STATUS, status);
		return marked;
	}

	private Mono<ResponseBody> invalidating(RequestOptions options, Function<RequestOptions, Mono<ResponseBody>> exchange) {
		URI uri;
		try {
			uri = options.uri();
		}
		catch (IllegalArgumentException ex) {
			return exchange.apply(options);
		}
		List<String> authorization = options.headers().get("authorization");
		return exchange.apply(options).flatMap(body -> {
			if (body.statusCode() >= 400) {
				return Mono.just(body);
			}
			Mono<Void> evicted = this.entries.evict(CacheEntries.key(uri, null));
			if (authorization != null && this.settings.allowAuthorization()) {
				evicted = evicted.then(this.entries.evict(CacheEntries.key(uri, authorization)));
			}
			return evicted.thenReturn(body);
		});
	}

	private void record(CacheRequest request, ResponseBody body, reactor.util.context.ContextView view) {
		if (body.extra().get(CacheInterceptor.STATUS) instanceof CacheStatus status) {
			this.statistics.record(status);
			DioObservationContext observed = DioObservations.current(view);
			if (observed != null) {
				observed.cacheStatus(status.name());
			}
			logger.debug("dio cache {}: {} {}", status, request.options().method(), request.options().path());
		}
	}

	@Override
	public String toString() {
		return "HTTP cache on " + this.entries.store().cache().getName();
	}

	/** A copy of the body as it streams by, given up once it grows past the limit. */
	private static final class Capture {

		private final long max;

		private @Nullable ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		Capture(long max) {
			this.max = max;
		}

		void add(DataBuffer buffer) {
			ByteArrayOutputStream out = this.bytes;
			if (out == null) {
				return;
			}
			if (out.size() + (long) buffer.readableByteCount() > this.max) {
				this.bytes = null;
				return;
			}
			try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
				while (chunks.hasNext()) {
					ByteBuffer chunk = chunks.next();
					byte[] copy = new byte[chunk.remaining()];
					chunk.get(copy);
					out.writeBytes(copy);
				}
			}
		}

		byte @Nullable [] bytes() {
			ByteArrayOutputStream out = this.bytes;
			return (out != null) ? out.toByteArray() : null;
		}

	}

}
