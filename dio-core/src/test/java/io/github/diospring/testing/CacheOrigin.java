package io.github.diospring.testing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * An origin for HTTP cache tests on 127.0.0.1 (dynamic port, Reactor Netty): each path serves a
 * {@link Resource} with the validators and cache headers the test sets, answers conditional
 * requests with {@code 304} when they match, tells the time of a clock the test controls in its
 * {@code Date} header, and counts and records every request it receives.
 *
 * <pre>{@code
 * origin.resource("/users/1").json("{\"id\":1}").etag("\"v1\"").cacheControl("max-age=60");
 * dio.get(origin.baseUrl() + "/users/1").block();
 * assertThat(origin.count("/users/1")).isEqualTo(1);
 * }</pre>
 */
public final class CacheOrigin implements AutoCloseable {

	private final DisposableServer server;

	private final Map<String, Resource> resources = new ConcurrentHashMap<>();

	private final Map<String, List<HttpHeaders>> requests = new ConcurrentHashMap<>();

	private volatile Clock clock = Clock.systemUTC();

	private final LoopResources loops = LoopResources.create("cache-origin", 1, true);

	/** Starts the origin. */
	public CacheOrigin() {
		// the channel group makes closing the origin close its kept-alive connections too
		// its own event loop: Spring Boot's ReactorResourceFactory disposes Reactor Netty's global loops
		// whenever a context closes, which would stop a server bound on them
		this.server = HttpServer.create()
			.runOn(this.loops)
			.host("127.0.0.1")
			.port(0)
			.channelGroup(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
			.handle(this::handle)
			.bindNow();
	}

	/** @return {@code http://127.0.0.1:<port>} */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * @param path a path
	 * @return its resource, made on first use (a 200 {@code text/plain} "ok" without cache headers)
	 */
	public Resource resource(String path) {
		return this.resources.computeIfAbsent(path, p -> new Resource());
	}

	/** @param path a path @return how many requests it received */
	public int count(String path) {
		return requests(path).size();
	}

	/** @param path a path @return the headers of each request it received, in order */
	public List<HttpHeaders> requests(String path) {
		return this.requests.getOrDefault(path, List.of());
	}

	/**
	 * @param clock the time the {@code Date} header tells (a test that moves its client's clock moves this one too)
	 */
	public void clock(Clock clock) {
		this.clock = clock;
	}

	/** Forgets every resource and request, releasing stalled requests. */
	public void reset() {
		this.resources.values().forEach(r -> r.release.tryEmitEmpty());
		this.resources.clear();
		this.requests.clear();
	}

	@Override
	public void close() {
		reset();
		this.server.disposeNow();
		this.loops.disposeLater().block(Duration.ofSeconds(10));
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String path = request.fullPath();
		HttpHeaders headers = request.requestHeaders().copy();
		this.requests.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(headers);
		Resource resource = resource(path);
		Mono<Void> wait = resource.stalled ? resource.release.asMono() : Mono.empty();
		return request.receive().then(wait).then(Mono.defer(() -> respond(resource, headers, response)));
	}

	private Mono<Void> respond(Resource resource, HttpHeaders request, HttpServerResponse response) {
		response.header("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(this.clock.instant().atZone(ZoneOffset.UTC)));
		resource.headers.forEach(response::header);
		set(response, "ETag", resource.etag);
		set(response, "Last-Modified", resource.lastModified);
		set(response, "Cache-Control", resource.cacheControl);
		set(response, "Expires", resource.expires);
		set(response, "Vary", resource.vary);
		if (resource.status != 200) {
			return send(response.status(resource.status), resource.body);
		}
		String ifNoneMatch = request.get("If-None-Match");
		boolean etagMatches = resource.etag != null && resource.etag.equals(ifNoneMatch);
		boolean dateMatches = ifNoneMatch == null && resource.lastModified != null
				&& resource.lastModified.equals(request.get("If-Modified-Since"));
		if (etagMatches || dateMatches) {
			return response.status(304).send();
		}
		response.header("Content-Type", resource.contentType);
		String body = resource.body;
		if (resource.echo != null) {
			body = body.replace("{" + resource.echo + "}", String.valueOf(request.get(resource.echo)));
		}
		return resource.chunked ? sendChunked(response, body) : send(response, body);
	}

	/** No Content-Length: the body comes in two chunks, its size unknown until it ends. */
	private static Mono<Void> sendChunked(HttpServerResponse response, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		int half = bytes.length / 2;
		return response.sendByteArray(reactor.core.publisher.Flux.just(java.util.Arrays.copyOfRange(bytes, 0, half),
				java.util.Arrays.copyOfRange(bytes, half, bytes.length))).then();
	}

	private static Mono<Void> send(HttpServerResponse response, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return response.header("Content-Length", String.valueOf(bytes.length)).sendByteArray(Mono.just(bytes)).then();
	}

	private static void set(HttpServerResponse response, String name, String value) {
		if (value != null) {
			response.header(name, value);
		}
	}

	/** What one path serves; every setter applies to the next request. */
	public static final class Resource {

		private volatile String body = "ok";

		private volatile String contentType = "text/plain";

		private volatile int status = 200;

		private volatile String etag;

		private volatile String lastModified;

		private volatile String cacheControl;

		private volatile String expires;

		private volatile String vary;

		private volatile String echo;

		private volatile boolean stalled;

		private volatile boolean chunked;

		private final Sinks.Empty<Void> release = Sinks.empty();

		private final Map<String, String> headers = new ConcurrentHashMap<>();

		/** @param body the body @return this */
		public Resource body(String body) {
			this.body = body;
			return this;
		}

		/** @param body a JSON body @return this */
		public Resource json(String body) {
			this.contentType = "application/json";
			return body(body);
		}

		/** @param status the status every request gets now (the body is sent as it is) @return this */
		public Resource status(int status) {
			this.status = status;
			return this;
		}

		/** @param etag the ETag, quoted @return this */
		public Resource etag(String etag) {
			this.etag = etag;
			return this;
		}

		/** @param lastModified an HTTP date @return this */
		public Resource lastModified(String lastModified) {
			this.lastModified = lastModified;
			return this;
		}

		/** @param cacheControl the Cache-Control header @return this */
		public Resource cacheControl(String cacheControl) {
			this.cacheControl = cacheControl;
			return this;
		}

		/** @param expires an HTTP date @return this */
		public Resource expires(String expires) {
			this.expires = expires;
			return this;
		}

		/** @param vary the Vary header @return this */
		public Resource vary(String vary) {
			this.vary = vary;
			return this;
		}

		/** @param header a request header whose value replaces {@code {header}} in the body @return this */
		public Resource echo(String header) {
			this.echo = header;
			return this;
		}

		/** @param name a header sent with every response @param value its value @return this */
		public Resource header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/** Sends the body chunked, without Content-Length. @return this */
		public Resource chunked() {
			this.chunked = true;
			return this;
		}

		/** Holds every request until {@link CacheOrigin#reset()} or {@link CacheOrigin#close()}. @return this */
		public Resource stall() {
			this.stalled = true;
			return this;
		}

	}

}
