package io.github.diospring.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.Response;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.adapter.PoolSettings;
import io.github.diospring.adapter.ReactorNettyAdapter;
import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.bench.Payloads.PostReply;
import io.github.diospring.bench.Payloads.User;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.envelope.DefaultErrorAdaptor;
import io.github.diospring.envelope.EnvelopeFields;
import io.github.diospring.envelope.EnvelopeSettings;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.envelope.LoggingErrorNotifier;
import io.github.diospring.interceptor.LogInterceptor;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.BufferedSink;
import okio.Okio;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clients under test, all constructed here. The dio clients are what users get from dio's own
 * factories ({@code WebClientAdapter.create()}, {@code ReactorNettyAdapter.create()},
 * {@code Dio.create()}, the auto-configured bean); the peers are configured the way a careful user
 * would for one busy host: as many connections as dio's default pool ({@link #POOL}), HTTP/1.1, no
 * compression, redirects off.
 */
public final class Clients {

	/**
	 * Client names, as used in {@code @Param("client")}. This one: dio on the WebClient adapter,
	 * {@code WebClientAdapter.create()} (its own pool, {@code PoolSettings.defaults()}).
	 */
	public static final String DIO = "dio-wc";

	/** {@link #DIO} with the three built-in interceptors: cookie manager, envelope (error adaptor), log. */
	public static final String DIO_INTERCEPTORS = "dio-wc+interceptors";

	/** dio on the Reactor Netty adapter, {@code ReactorNettyAdapter.create()} (its own pool, dio's defaults). */
	public static final String DIO_NETTY = "dio-rn";

	/** {@link #DIO_NETTY} with the three built-in interceptors. */
	public static final String DIO_NETTY_INTERCEPTORS = "dio-rn+interceptors";

	/** {@code Dio.create(options)} as users get it: its default adapter, nothing else. */
	public static final String DIO_CREATE = "dio-create";

	/** The {@code Dio} bean of a real, non-web Spring Boot application with Boot's and dio's defaults. */
	public static final String DIO_BOOT = "dio-boot";

	public static final String WEBCLIENT = "webclient";

	public static final String RESTCLIENT = "restclient";

	public static final String JDK = "jdk";

	public static final String OKHTTP = "okhttp";

	/** {@link #DIO}, downloading with {@code dio.download(path, savePath)} (temp file + atomic move). */
	public static final String DIO_DOWNLOAD = "dio.download";

	/** Ad-hoc variants (not in the default @Param lists): dio-wc with one of the three interceptors. */
	public static final String DIO_LOG = "dio-wc+log";

	public static final String DIO_COOKIE = "dio-wc+cookie";

	public static final String DIO_ENVELOPE = "dio-wc+envelope";

	/** dio on the Reactor Netty adapter with the envelope interceptor only (the envelope benchmark). */
	public static final String DIO_NETTY_ENVELOPE = "dio-rn+envelope";

	/** Every client the scaling curves and the default JMH rows cover, in report order. */
	public static final List<String> MAIN = List.of(DIO_NETTY, DIO_NETTY_INTERCEPTORS, DIO, DIO_INTERCEPTORS,
			DIO_CREATE, DIO_BOOT, WEBCLIENT, OKHTTP);

	/**
	 * Connections per host for the hand-configured peers (raw WebClient, OkHttp, RestClient): the
	 * same limit as dio's {@code PoolSettings.defaults()}, so that every client has as many
	 * connections as dio's own pool.
	 */
	static final int POOL = PoolSettings.defaults().maxConnections();

	/** Requests waiting for a connection, raw WebClient's pool: dio's default too. */
	static final int PENDING = PoolSettings.defaults().pendingAcquireMaxCount();

	/** Raw WebClient decodes responses up to this size (its default, 256 KB, is below the 1 MB body). */
	static final int MAX_IN_MEMORY = 16 * 1024 * 1024;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final StandardOpenOption[] WRITE = { StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING };

	private Clients() {
	}

	public static BenchClient create(String name, String baseUrl) {
		return switch (name) {
			case DIO -> new DioClient(webClientDio(baseUrl), false, false, false);
			case DIO_DOWNLOAD -> new DioClient(webClientDio(baseUrl), false, false, false).withDownloadApi();
			case DIO_INTERCEPTORS -> new DioClient(webClientDio(baseUrl), true, true, true);
			case DIO_COOKIE -> new DioClient(webClientDio(baseUrl), true, false, false);
			case DIO_ENVELOPE -> new DioClient(webClientDio(baseUrl), false, true, false);
			case DIO_LOG -> new DioClient(webClientDio(baseUrl), false, false, true);
			case DIO_NETTY -> new DioClient(nettyDio(baseUrl), false, false, false);
			case DIO_NETTY_INTERCEPTORS -> new DioClient(nettyDio(baseUrl), true, true, true);
			case DIO_NETTY_ENVELOPE -> new DioClient(nettyDio(baseUrl), false, true, false);
			case DIO_CREATE -> new DioClient(Dio.create(BaseOptions.builder().baseUrl(baseUrl).build()), false, false,
					false);
			case DIO_BOOT -> BootClient.start(baseUrl);
			case WEBCLIENT -> new RawWebClient(baseUrl);
			case RESTCLIENT -> new RestClientClient(baseUrl);
			case JDK -> new JdkClient(baseUrl);
			case OKHTTP -> new OkHttpBenchClient(baseUrl);
			default -> throw new IllegalArgumentException("Unknown client '" + name + "'; use one of " + MAIN
					+ " or " + List.of(DIO_DOWNLOAD, DIO_COOKIE, DIO_ENVELOPE, DIO_LOG, DIO_NETTY_ENVELOPE, RESTCLIENT,
							JDK));
		};
	}

	/** dio as {@code ReactorNettyAdapter.create()} makes it: the adapter's own pool with dio's defaults. */
	private static Dio nettyDio(String baseUrl) {
		return Dio.builder()
			.options(BaseOptions.builder().baseUrl(baseUrl).build())
			.adapter(ReactorNettyAdapter.create())
			.build();
	}

	/** dio as {@code WebClientAdapter.create()} makes it: the adapter's own pool with dio's defaults. */
	private static Dio webClientDio(String baseUrl) {
		return Dio.builder()
			.options(BaseOptions.builder().baseUrl(baseUrl).build())
			.adapter(WebClientAdapter.create())
			.build();
	}

	public static ReactiveBenchClient createReactive(String name, String baseUrl) {
		BenchClient client = create(name, baseUrl);
		if (client instanceof ReactiveBenchClient reactive) {
			return reactive;
		}
		try {
			client.close();
		}
		catch (Exception ignored) {
			// nothing to do
		}
		throw new IllegalArgumentException(name + " is a blocking client; it runs with @Threads(64), not flatMap");
	}

	/**
	 * Raw WebClient's Reactor Netty client: no redirects, no compression, its own pool.
	 * @param name the pool's name
	 * @param pool the pool
	 * @return the connector's client
	 */
	static HttpClient reactorNetty(String name, ConnectionProvider pool) {
		HttpClient client = HttpClient.create(pool).followRedirect(false).compress(false);
		if (!Boolean.parseBoolean(System.getProperty("bench.colocate", "true"))) {
			client = client.runOn(LoopResources.create(name + "-loop", 1, LoopResources.DEFAULT_IO_WORKER_COUNT, true, false));
		}
		return client;
	}

	static ConnectionProvider pool(String name) {
		return ConnectionProvider.builder(name)
			.maxConnections(POOL)
			.pendingAcquireMaxCount(PENDING)
			.maxIdleTime(Duration.ofSeconds(60))
			.build();
	}

	static ThreadFactory daemon(String prefix) {
		AtomicInteger n = new AtomicInteger();
		return r -> {
			Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}

	// ---------------------------------------------------------------- dio

	/** A dio client under test; optionally with the three built-in interceptors added. */
	static class DioClient implements ReactiveBenchClient {

		private final Dio dio;

		private boolean downloadApi;

		DioClient(Dio dio, boolean cookies, boolean envelope, boolean log) {
			this.dio = dio;
			// The auto-configuration's order: cookies early, then the envelope, the log last.
			if (cookies) {
				this.dio.interceptors().add(new CookieManager(new DefaultCookieJar()));
			}
			if (envelope) {
				JsonMapper mapper = JsonMapper.builder().build();
				this.dio.interceptors().add(new ErrorAdaptorInterceptor(
						new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper), new LoggingErrorNotifier(),
						EnvelopeSettings.DEFAULTS, mapper));
			}
			if (log) {
				// dio's defaults (request, headers, errors); its SLF4J logger is at WARN (logback.xml),
				// so INFO entries are not written.
				this.dio.interceptors().add(LogInterceptor.builder().build());
			}
		}

		Dio dio() {
			return this.dio;
		}

		DioClient withDownloadApi() {
			this.downloadApi = true;
			return this;
		}

		@Override
		public Mono<User> getSmallMono() {
			return this.dio.get(Payloads.SMALL, User.class).map(Response::data);
		}

		@Override
		public Mono<List<User>> getLargeMono() {
			return this.dio.get(Payloads.LARGE, Payloads.USER_LIST).map(Response::data);
		}

		@Override
		public Mono<PostReply> postSmallMono() {
			return this.dio.post(Payloads.POST, Payloads.POST_BODY, PostReply.class).map(Response::data);
		}

		/**
		 * {@code dio}: a STREAM response ({@code ResponseBody}) written with DataBufferUtils, the way
		 * WebClient users write one; {@code dio.download}: dio's own download (temp file, atomic move).
		 */
		@Override
		public Mono<Long> downloadMono(Path target) {
			if (this.downloadApi) {
				return this.dio.download(Payloads.FILE, target).then(Mono.fromCallable(() -> Files.size(target)));
			}
			return this.dio.get(Payloads.FILE, ResponseBody.class)
				.flatMap(response -> DataBufferUtils.write(response.data().stream(), target, WRITE))
				.then(Mono.fromCallable(() -> Files.size(target)));
		}

		@Override
		public Mono<List<User>> getListMono(String path) {
			return this.dio.get(path, Payloads.USER_LIST).map(Response::data);
		}

		@Override
		public void close() {
			this.dio.close();
		}

	}

	// ---------------------------------------------------------------- WebClient

	/** Spring's WebClient with default codecs on the same Reactor Netty settings as dio. */
	static final class RawWebClient implements ReactiveBenchClient {

		private final ConnectionProvider pool = pool("webclient");

		private final WebClient web;

		RawWebClient(String baseUrl) {
			this.web = WebClient.builder()
				.baseUrl(baseUrl)
				.clientConnector(new ReactorClientHttpConnector(reactorNetty("webclient", this.pool)))
				.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_IN_MEMORY))
				.build();
		}

		@Override
		public Mono<User> getSmallMono() {
			return this.web.get().uri(Payloads.SMALL).retrieve().bodyToMono(User.class);
		}

		@Override
		public Mono<List<User>> getLargeMono() {
			return this.web.get().uri(Payloads.LARGE).retrieve().bodyToMono(Payloads.USER_LIST);
		}

		@Override
		public Mono<List<User>> getListMono(String path) {
			return this.web.get().uri(path).retrieve().bodyToMono(Payloads.USER_LIST);
		}

		@Override
		public Mono<PostReply> postSmallMono() {
			return this.web.post()
				.uri(Payloads.POST)
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.bodyValue(Payloads.POST_BODY)
				.retrieve()
				.bodyToMono(PostReply.class);
		}

		@Override
		public Mono<Long> downloadMono(Path target) {
			Flux<DataBuffer> body = this.web.get().uri(Payloads.FILE).retrieve().bodyToFlux(DataBuffer.class);
			return DataBufferUtils.write(body, target, WRITE).then(Mono.fromCallable(() -> Files.size(target)));
		}

		@Override
		public void close() {
			this.pool.dispose();
		}

	}

	// ---------------------------------------------------------------- RestClient

	/** Spring's RestClient on the JDK HttpClient request factory (HTTP/1.1, with an executor). */
	static final class RestClientClient implements BenchClient {

		private final ExecutorService executor = Executors.newCachedThreadPool(daemon("restclient-jdk"));

		private final java.net.http.HttpClient jdk;

		private final RestClient rest;

		RestClientClient(String baseUrl) {
			this.jdk = java.net.http.HttpClient.newBuilder()
				.version(java.net.http.HttpClient.Version.HTTP_1_1)
				.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
				.executor(this.executor)
				.build();
			this.rest = RestClient.builder()
				.baseUrl(baseUrl)
				.requestFactory(new JdkClientHttpRequestFactory(this.jdk, this.executor))
				.build();
		}

		@Override
		public User getSmall() {
			return this.rest.get().uri(Payloads.SMALL).retrieve().body(User.class);
		}

		@Override
		public List<User> getLarge() {
			return this.rest.get().uri(Payloads.LARGE).retrieve().body(Payloads.USER_LIST);
		}

		@Override
		public PostReply postSmall() {
			return this.rest.post()
				.uri(Payloads.POST)
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.body(Payloads.POST_BODY)
				.retrieve()
				.body(PostReply.class);
		}

		@Override
		public long download(Path target) {
			return this.rest.get().uri(Payloads.FILE).exchange((request, response) -> {
				if (!response.getStatusCode().is2xxSuccessful()) {
					throw new IOException("HTTP " + response.getStatusCode());
				}
				try (InputStream in = response.getBody()) {
					return Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
				}
			});
		}

		@Override
		public void close() {
			this.executor.shutdownNow();
		}

	}

	// ---------------------------------------------------------------- JDK HttpClient

	/** The JDK's HttpClient, HTTP/1.1, blocking {@code send}, Jackson on the bytes. */
	static final class JdkClient implements BenchClient {

		private final ExecutorService executor = Executors.newCachedThreadPool(daemon("jdk-http"));

		private final java.net.http.HttpClient jdk;

		private final URI small;

		private final URI large;

		private final URI post;

		private final URI file;

		JdkClient(String baseUrl) {
			this.jdk = java.net.http.HttpClient.newBuilder()
				.version(java.net.http.HttpClient.Version.HTTP_1_1)
				.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
				.executor(this.executor)
				.build();
			this.small = URI.create(baseUrl + Payloads.SMALL);
			this.large = URI.create(baseUrl + Payloads.LARGE);
			this.post = URI.create(baseUrl + Payloads.POST);
			this.file = URI.create(baseUrl + Payloads.FILE);
		}

		private byte[] get(URI uri) throws IOException, InterruptedException {
			HttpResponse<byte[]> response = this.jdk.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			return check(response).body();
		}

		@Override
		public User getSmall() throws Exception {
			return Payloads.MAPPER.readValue(get(this.small), User.class);
		}

		@Override
		public List<User> getLarge() throws Exception {
			return Payloads.MAPPER.readValue(get(this.large), Payloads.USER_LIST_JACKSON);
		}

		@Override
		public PostReply postSmall() throws Exception {
			HttpRequest request = HttpRequest.newBuilder(this.post)
				.timeout(TIMEOUT)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(Payloads.MAPPER.writeValueAsBytes(Payloads.POST_BODY)))
				.build();
			HttpResponse<byte[]> response = this.jdk.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return Payloads.MAPPER.readValue(check(response).body(), PostReply.class);
		}

		@Override
		public long download(Path target) throws Exception {
			HttpResponse<Path> response = this.jdk.send(HttpRequest.newBuilder(this.file).build(),
					HttpResponse.BodyHandlers.ofFile(target, WRITE));
			check(response);
			return Files.size(target);
		}

		private static <T> HttpResponse<T> check(HttpResponse<T> response) throws IOException {
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode() + " from " + response.uri());
			}
			return response;
		}

		@Override
		public void close() {
			this.executor.shutdownNow();
		}

	}

	// ---------------------------------------------------------------- OkHttp 5

	/** OkHttp 5 with its dispatcher and idle pool raised to {@link #POOL}; Jackson on the body stream. */
	static final class OkHttpBenchClient implements BenchClient {

		private static final MediaType JSON = MediaType.get("application/json");

		private final OkHttpClient ok;

		private final String base;

		private final String small;

		private final String large;

		private final String post;

		private final String file;

		OkHttpBenchClient(String baseUrl) {
			Dispatcher dispatcher = new Dispatcher();
			dispatcher.setMaxRequests(POOL);
			dispatcher.setMaxRequestsPerHost(POOL);
			this.ok = new OkHttpClient.Builder()
				.dispatcher(dispatcher)
				.connectionPool(new ConnectionPool(POOL, 5, TimeUnit.MINUTES))
				.followRedirects(false)
				.readTimeout(TIMEOUT)
				.build();
			this.base = baseUrl;
			this.small = baseUrl + Payloads.SMALL;
			this.large = baseUrl + Payloads.LARGE;
			this.post = baseUrl + Payloads.POST;
			this.file = baseUrl + Payloads.FILE;
		}

		private okhttp3.Response execute(Request request) throws IOException {
			okhttp3.Response response = this.ok.newCall(request).execute();
			if (!response.isSuccessful()) {
				response.close();
				throw new IOException("HTTP " + response.code() + " from " + request.url());
			}
			return response;
		}

		@Override
		public User getSmall() throws IOException {
			try (okhttp3.Response response = execute(new Request.Builder().url(this.small).build())) {
				return Payloads.MAPPER.readValue(response.body().byteStream(), User.class);
			}
		}

		@Override
		public List<User> getLarge() throws IOException {
			try (okhttp3.Response response = execute(new Request.Builder().url(this.large).build())) {
				return Payloads.MAPPER.readValue(response.body().byteStream(), Payloads.USER_LIST_JACKSON);
			}
		}

		@Override
		public PostReply postSmall() throws IOException {
			okhttp3.RequestBody body = okhttp3.RequestBody.create(
					Payloads.MAPPER.writeValueAsBytes(Payloads.POST_BODY), JSON);
			try (okhttp3.Response response = execute(new Request.Builder().url(this.post).post(body).build())) {
				return Payloads.MAPPER.readValue(response.body().byteStream(), PostReply.class);
			}
		}

		/**
		 * Asynchronous GET ({@code enqueue}): the dispatcher runs up to {@link #POOL} calls at once, each
		 * on a thread of its own, and queues the rest; the body is decoded on that thread.
		 * @param path {@link Payloads#SMALL} (a user) or a list of users
		 */
		void enqueue(String path, Runnable done, java.util.function.Consumer<Throwable> failed) {
			this.ok.newCall(new Request.Builder().url(this.base + path).build()).enqueue(new okhttp3.Callback() {
				@Override
				public void onResponse(okhttp3.Call call, okhttp3.Response response) {
					try (response) {
						if (!response.isSuccessful()) {
							throw new IOException("HTTP " + response.code() + " from " + call.request().url());
						}
						if (Payloads.SMALL.equals(path)) {
							Payloads.MAPPER.readValue(response.body().byteStream(), User.class);
						}
						else {
							Payloads.MAPPER.readValue(response.body().byteStream(), Payloads.USER_LIST_JACKSON);
						}
					}
					catch (IOException | RuntimeException ex) {
						failed.accept(ex);
						return;
					}
					done.run();
				}

				@Override
				public void onFailure(okhttp3.Call call, IOException ex) {
					failed.accept(ex);
				}
			});
		}

		@Override
		public long download(Path target) throws IOException {
			try (okhttp3.Response response = execute(new Request.Builder().url(this.file).build());
					BufferedSink sink = Okio.buffer(Okio.sink(target))) {
				return sink.writeAll(response.body().source());
			}
		}

		@Override
		public void close() {
			this.ok.dispatcher().executorService().shutdown();
			this.ok.connectionPool().evictAll();
		}

	}
}
