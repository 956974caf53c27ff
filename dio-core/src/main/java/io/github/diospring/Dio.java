package io.github.diospring;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.diospring.adapter.AdapterType;
import io.github.diospring.adapter.HttpClientAdapter;
import io.github.diospring.adapter.PoolSettings;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.Interceptors;
import io.github.diospring.internal.DefaultDio;
import io.github.diospring.observation.DioObservationConvention;
import io.github.diospring.observation.DioObservations;
import io.micrometer.observation.ObservationRegistry;
import io.github.diospring.transformer.DefaultTransformer;
import io.github.diospring.transformer.Transformer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP client, with dio's API: verbs that take a path, optional data, an optional result type
 * and one optional customizer standing in for dio's named parameters. Every call returns a cold
 * {@code Mono}: nothing is sent until it is subscribed, and each subscription is one exchange
 * (so {@code retry()} re-sends). Block with {@code .block()} outside event-loop threads, or stay
 * reactive.
 *
 * <pre>{@code
 * Dio dio = Dio.create(BaseOptions.builder().baseUrl("https://api.example.com").build());
 *
 * Response<Object> r = dio.get("/test", o -> o.queryParameter("id", 12)).block();
 * Response<User> user = dio.get("/users/{id}", User.class, o -> o.pathVariable("id", 1)).block();
 * Response<List<User>> users = dio.get("/users", new ParameterizedTypeReference<List<User>>() {}).block();
 * dio.post("/users", Map.of("name", "Ann"), User.class).subscribe(created -> log.info("{}", created.data()));
 * }</pre>
 */
public interface Dio extends AutoCloseable {

	/**
	 * A client with dio's default options and the limits a production service needs: connect
	 * timeout 10 s, receive timeout 30 s (idle), bodies read into memory capped at 10 MiB, and its
	 * own connection pool sized like Spring Boot's connector ({@link io.github.diospring.adapter.PoolSettings#defaults()}:
	 * 500 connections, 1,000 waiting). Close it when done, to release the pool.
	 * @return the client
	 */
	static Dio create() {
		return builder().build();
	}

	/**
	 * @param options the client's defaults
	 * @return a client on its own Reactor Netty connection pool ({@link io.github.diospring.adapter.PoolSettings#defaults()})
	 */
	static Dio create(BaseOptions options) {
		return builder().options(options).build();
	}

	/** @return a builder for a client with its own adapter, transformer or interceptors */
	static Builder builder() {
		return new Builder();
	}

	/** @return the client's defaults */
	BaseOptions options();

	/**
	 * Replaces the client's defaults for requests started from now on (dio's
	 * {@code dio.options = ...}).
	 * @param options the new defaults
	 */
	void options(BaseOptions options);

	/** @return the interceptors, in the order they run */
	Interceptors interceptors();

	/** Locks the request phase: requests entering request interceptors wait (dio 2.x's {@code dio.lock()}). */
	default void lock() {
		interceptors().requestLock().lock();
	}

	/** Unlocks the request phase: waiting requests go on. */
	default void unlock() {
		interceptors().requestLock().unlock();
	}

	/** Unlocks the request phase and fails the waiting requests. */
	default void clear() {
		interceptors().requestLock().clear();
	}

	/** @return the transport */
	HttpClientAdapter httpClientAdapter();

	/** @return the body encoder and decoder */
	Transformer transformer();

	/**
	 * The generic request all verbs use.
	 * @param <T> the result type
	 * @param method the method, or null for the client's default (GET unless configured)
	 * @param path a path appended to the base URL, or an absolute URL
	 * @param data the body, or null
	 * @param type the result type ({@code Class} or {@code ParameterizedTypeReference.getType()}); null for Maps, Lists and text
	 * @param customizer per-call settings, or null
	 * @return the response, when subscribed
	 * @throws IllegalArgumentException when a setting is invalid (at once, not on subscription)
	 */
	<T> Mono<Response<T>> request(@Nullable String method, String path, @Nullable Object data, @Nullable Type type,
			@Nullable Consumer<RequestOptions.Builder> customizer);

	/**
	 * Like {@link #request}, for a URI that is used as it is.
	 * @param <T> the result type
	 * @param method the method, or null for the client's default
	 * @param uri the absolute URI
	 * @param data the body, or null
	 * @param type the result type, or null
	 * @param customizer per-call settings, or null
	 * @return the response, when subscribed
	 */
	<T> Mono<Response<T>> requestUri(@Nullable String method, URI uri, @Nullable Object data, @Nullable Type type,
			@Nullable Consumer<RequestOptions.Builder> customizer);

	/**
	 * Runs a request that is already built, through every interceptor: how a retry is sent
	 * ({@code dio.fetch(error.requestOptions())}).
	 * @param <T> the result type
	 * @param options the request
	 * @param type the result type, or null
	 * @return the response, when subscribed
	 */
	<T> Mono<Response<T>> fetch(RequestOptions options, @Nullable Type type);

	/**
	 * @param options the request
	 * @return the response with Maps, Lists or text, when subscribed
	 */
	default Mono<Response<Object>> fetch(RequestOptions options) {
		return fetch(options, null);
	}

	/**
	 * @param options the request
	 * @param type the result type
	 * @param <T> the result type
	 * @return the typed response, when subscribed
	 */
	default <T> Mono<Response<T>> fetch(RequestOptions options, Class<T> type) {
		return fetch(options, (Type) type);
	}

	/**
	 * A request whose method comes from the customizer or the client's default.
	 * @param path the path or URL
	 * @param customizer per-call settings (method, data, options...)
	 * @return the response
	 */
	default Mono<Response<Object>> request(String path, Consumer<RequestOptions.Builder> customizer) {
		return request(null, path, null, null, customizer);
	}

	// ---- GET ----

	/** @param path the path or URL @return the response */
	default Mono<Response<Object>> get(String path) {
		return request("GET", path, null, null, null);
	}

	/** @param path the path or URL @param customizer per-call settings @return the response */
	default Mono<Response<Object>> get(String path, Consumer<RequestOptions.Builder> customizer) {
		return request("GET", path, null, null, customizer);
	}

	/** @param <T> result type @param path the path or URL @param type result type @return the response */
	default <T> Mono<Response<T>> get(String path, Class<T> type) {
		return request("GET", path, null, type, null);
	}

	/** @param <T> result type @param path the path or URL @param type result type @param customizer per-call settings @return the response */
	default <T> Mono<Response<T>> get(String path, Class<T> type, Consumer<RequestOptions.Builder> customizer) {
		return request("GET", path, null, type, customizer);
	}

	/** @param <T> result type @param path the path or URL @param type generic result type @return the response */
	default <T> Mono<Response<T>> get(String path, ParameterizedTypeReference<T> type) {
		return request("GET", path, null, type.getType(), null);
	}

	/** @param <T> result type @param path the path or URL @param type generic result type @param customizer per-call settings @return the response */
	default <T> Mono<Response<T>> get(String path, ParameterizedTypeReference<T> type,
			Consumer<RequestOptions.Builder> customizer) {
		return request("GET", path, null, type.getType(), customizer);
	}

	// ---- POST / PUT / PATCH ----

	/** @param path the path or URL @return the response */
	default Mono<Response<Object>> post(String path) {
		return request("POST", path, null, null, null);
	}

	/** @param path the path or URL @param customizer per-call settings @return the response */
	default Mono<Response<Object>> post(String path, Consumer<RequestOptions.Builder> customizer) {
		return request("POST", path, null, null, customizer);
	}

	/** @param path the path or URL @param data the body @return the response */
	default Mono<Response<Object>> post(String path, @Nullable Object data) {
		return request("POST", path, data, null, null);
	}

	/** @param path the path or URL @param data the body @param customizer per-call settings @return the response */
	default Mono<Response<Object>> post(String path, @Nullable Object data, Consumer<RequestOptions.Builder> customizer) {
		return request("POST", path, data, null, customizer);
	}

	/** @param <T> result type @param path the path or URL @param data the body @param type result type @return the response */
	default <T> Mono<Response<T>> post(String path, @Nullable Object data, Class<T> type) {
		return request("POST", path, data, type, null);
	}

	/** @param <T> result type @param path the path or URL @param data the body @param type result type @param customizer per-call settings @return the response */
	default <T> Mono<Response<T>> post(String path, @Nullable Object data, Class<T> type,
			Consumer<RequestOptions.Builder> customizer) {
		return request("POST", path, data, type, customizer);
	}

	/** @param <T> result type @param path the path or URL @param data the body @param type generic result type @return the response */
	default <T> Mono<Response<T>> post(String path, @Nullable Object data, ParameterizedTypeReference<T> type) {
		return request("POST", path, data, type.getType(), null);
	}

	/** @param <T> result type @param path the path or URL @param data the body @param type generic result type @param customizer per-call settings @return the response */
	default <T> Mono<Response<T>> post(String path, @Nullable Object data, ParameterizedTypeReference<T> type,
			Consumer<RequestOptions.Builder> customizer) {
		return request("POST", path, data, type.getType(), customizer);
	}

	/** @param path the path or URL @param data the body @return the response */
	default Mono<Response<Object>> put(String path, @Nullable Object data) {
		return request("PUT", path, data, null, null);
	}

	/** @param path the path or URL @param data the body @param customizer per-call settings @return the response */
	default Mono<Response<Object>> put(String path, @Nullable Object data, Consumer<RequestOptions.Builder> customizer) {
		return request("PUT", path, data, null, customizer);
	}

	/** @param <T> result type @param path the path or URL @param data the body @param type result type @return the response */
	default <T> Mono<Response<T>> put(String path, @Nullable Object data, Class<T> type) {
		return request("PUT", path, data, type, null);
	}

	/** @param <T> result type @param path the path or URL @param data the body @param type result type @param customizer per-call settings @return the response */
	default <T> Mono<Response<T>> put(String path, @Nullable Object data, Class<T> type,
			Consumer<RequestOptions.Builder> customizer) {
		return request("PUT", path, data, type, customizer);
	}

	/** @param path the path or URL @param data the body @return the response */
	default Mono<Response<Object>> patch(String path, @Nullable Object data) {
		return request("PATCH", path, data, null, null);
	}

	/** @param path the path or URL @param data the body @param customizer per-call settings @return the response */
	default Mono<Response<Object>> patch(String path, @Nullable Object data, Consumer<RequestOptions.Builder> customizer) {
		return request("PATCH", path, data, null, customizer);
	}

	/** @param <T> result type @param path the path or URL @param data the body @param type result type @return the response */
	default <T> Mono<Response<T>> patch(String path, @Nullable Object data, Class<T> type) {
		return request("PATCH", path, data, type, null);
	}

	/** @param <T> result type @param path the path or URL @param data the body @param type result type @param customizer per-call settings @return the response */
	default <T> Mono<Response<T>> patch(String path, @Nullable Object data, Class<T> type,
			Consumer<RequestOptions.Builder> customizer) {
		return request("PATCH", path, data, type, customizer);
	}

	// ---- DELETE / HEAD (a body, if any, through the customizer's data) ----

	/** @param path the path or URL @return the response */
	default Mono<Response<Object>> delete(String path) {
		return request("DELETE", path, null, null, null);
	}

	/** @param path the path or URL @param customizer per-call settings @return the response */
	default Mono<Response<Object>> delete(String path, Consumer<RequestOptions.Builder> customizer) {
		return request("DELETE", path, null, null, customizer);
	}

	/** @param <T> result type @param path the path or URL @param type result type @param customizer per-call settings @return the response */
	default <T> Mono<Response<T>> delete(String path, Class<T> type, Consumer<RequestOptions.Builder> customizer) {
		return request("DELETE", path, null, type, customizer);
	}

	/** @param path the path or URL @return the response */
	default Mono<Response<Object>> head(String path) {
		return request("HEAD", path, null, null, null);
	}

	/** @param path the path or URL @param customizer per-call settings @return the response */
	default Mono<Response<Object>> head(String path, Consumer<RequestOptions.Builder> customizer) {
		return request("HEAD", path, null, null, customizer);
	}

	// ---- URI variants: the URI is used as it is, the base URL is ignored ----

	/** @param uri the URI @return the response */
	default Mono<Response<Object>> getUri(URI uri) {
		return requestUri("GET", uri, null, null, null);
	}

	/** @param <T> result type @param uri the URI @param type result type @param customizer per-call settings @return the response */
	default <T> Mono<Response<T>> getUri(URI uri, Class<T> type, Consumer<RequestOptions.Builder> customizer) {
		return requestUri("GET", uri, null, type, customizer);
	}

	/** @param uri the URI @param data the body @return the response */
	default Mono<Response<Object>> postUri(URI uri, @Nullable Object data) {
		return requestUri("POST", uri, data, null, null);
	}

	/** @param <T> result type @param uri the URI @param data the body @param type result type @param customizer per-call settings @return the response */
	default <T> Mono<Response<T>> postUri(URI uri, @Nullable Object data, Class<T> type,
			Consumer<RequestOptions.Builder> customizer) {
		return requestUri("POST", uri, data, type, customizer);
	}

	/** @param uri the URI @param data the body @return the response */
	default Mono<Response<Object>> putUri(URI uri, @Nullable Object data) {
		return requestUri("PUT", uri, data, null, null);
	}

	/** @param uri the URI @param data the body @return the response */
	default Mono<Response<Object>> patchUri(URI uri, @Nullable Object data) {
		return requestUri("PATCH", uri, data, null, null);
	}

	/** @param uri the URI @return the response */
	default Mono<Response<Object>> deleteUri(URI uri) {
		return requestUri("DELETE", uri, null, null, null);
	}

	/** @param uri the URI @return the response */
	default Mono<Response<Object>> headUri(URI uri) {
		return requestUri("HEAD", uri, null, null, null);
	}

	// ---- download: the body streamed to a file ----

	/**
	 * Downloads to a file (dio's {@code download}): a GET through every interceptor, whose body is
	 * streamed to disk with constant memory and never on an event-loop thread. The Mono completes
	 * with the response once the file is in place; its data is the (consumed) {@link ResponseBody}.
	 *
	 * <p>Better than dio: the bytes go to a temporary file beside the target, moved into place
	 * atomically when the body is complete, so a failed or cancelled download (stream error, write
	 * error, full disk, receive timeout, {@link CancelToken}, disposing the subscription) never leaves
	 * a half-written target nor damages a file that was there, and leaves no temporary file behind.
	 * Missing parent directories are created. Progress ({@code onReceiveProgress} in the customizer)
	 * is reported after each write, with the total from the content-length (-1 when unknown or
	 * compressed). A status that {@code validateStatus} refuses fails with the error body decoded
	 * into {@code e.response().data()} (text for {@code text/*}, else JSON) and writes nothing.
	 * Failures are {@link DioException}s that say what happened to the file.
	 *
	 * <pre>{@code
	 * dio.download("/files/report.pdf", Path.of("downloads/report.pdf")).block();
	 * }</pre>
	 * @param path the path or URL
	 * @param savePath the file to write
	 * @return the response, when subscribed and the file is saved
	 */
	default Mono<Response<ResponseBody>> download(String path, Path savePath) {
		return download(path, savePath, null, DownloadOptions.defaults());
	}

	/**
	 * Downloads to a file, with per-call settings: progress, a {@link CancelToken}, headers, or
	 * {@code method("POST")} and {@code data(...)} for a download that needs a body.
	 *
	 * <pre>{@code
	 * CancelToken token = new CancelToken();
	 * dio.download("/export", Path.of("export.csv"), r -> r.method("POST").data(Map.of("year", 2024))
	 *         .cancelToken(token)
	 *         .onReceiveProgress((received, total) -> log.info("{}/{}", received, total)))
	 *     .subscribe();
	 * }</pre>
	 * @param path the path or URL
	 * @param savePath the file to write
	 * @param customizer per-call settings
	 * @return the response, when subscribed and the file is saved
	 * @see #download(String, Path)
	 */
	default Mono<Response<ResponseBody>> download(String path, Path savePath, Consumer<RequestOptions.Builder> customizer) {
		return download(path, savePath, customizer, DownloadOptions.defaults());
	}

	/**
	 * Downloads to a file, with download settings: append, keep partial files, another length
	 * header, or resume a partial file.
	 *
	 * <pre>{@code
	 * dio.download("/big.iso", Path.of("big.iso"), null, DownloadOptions.builder().resume(true).build()).block();
	 * }</pre>
	 * @param path the path or URL
	 * @param savePath the file to write
	 * @param customizer per-call settings, or null
	 * @param options the download settings
	 * @return the response, when subscribed and the file is saved
	 * @throws IllegalArgumentException when a setting is invalid (at once, not on subscription)
	 * @see #download(String, Path)
	 */
	Mono<Response<ResponseBody>> download(String path, Path savePath, @Nullable Consumer<RequestOptions.Builder> customizer,
			DownloadOptions options);

	/**
	 * Downloads to a file chosen from the response headers (dio's savePath callback), called once the
	 * headers are in, on a worker thread (it may look at the disk). Besides the server's headers it
	 * sees {@code redirects} (how many were followed) and {@code uri} (the final URI). A name taken
	 * from the response is the server's choice: let {@link SafeFileName} make it safe.
	 *
	 * <pre>{@code
	 * dio.download("/latest", SafeFileName.inDirectory(dir, "latest.bin"), null, DownloadOptions.defaults()).block();
	 * }</pre>
	 * @param path the path or URL
	 * @param savePath picks the file from the headers
	 * @param customizer per-call settings, or null
	 * @param options the download settings ({@code resume} needs a fixed path)
	 * @return the response, when subscribed and the file is saved
	 * @throws IllegalArgumentException when a setting is invalid (at once, not on subscription)
	 * @see #download(String, Path)
	 */
	Mono<Response<ResponseBody>> download(String path, Function<Headers, Path> savePath,
			@Nullable Consumer<RequestOptions.Builder> customizer, DownloadOptions options);

	/** @param uri the URI @param savePath the file to write @return the response @see #download(String, Path) */
	default Mono<Response<ResponseBody>> downloadUri(URI uri, Path savePath) {
		return download(uri.toString(), savePath, null, DownloadOptions.defaults());
	}

	/** @param uri the URI @param savePath the file to write @param customizer per-call settings @return the response @see #download(String, Path) */
	default Mono<Response<ResponseBody>> downloadUri(URI uri, Path savePath, Consumer<RequestOptions.Builder> customizer) {
		return download(uri.toString(), savePath, customizer, DownloadOptions.defaults());
	}

	/** @param uri the URI @param savePath the file to write @param customizer per-call settings, or null @param options download settings @return the response @see #download(String, Path) */
	default Mono<Response<ResponseBody>> downloadUri(URI uri, Path savePath, @Nullable Consumer<RequestOptions.Builder> customizer,
			DownloadOptions options) {
		return download(uri.toString(), savePath, customizer, options);
	}

	/** @param uri the URI @param savePath picks the file from the headers @param customizer per-call settings, or null @param options download settings @return the response @see #download(String, Function, Consumer, DownloadOptions) */
	default Mono<Response<ResponseBody>> downloadUri(URI uri, Function<Headers, Path> savePath,
			@Nullable Consumer<RequestOptions.Builder> customizer, DownloadOptions options) {
		return download(uri.toString(), savePath, customizer, options);
	}

	// ---- event streams: server-sent events and NDJSON, parsed as they arrive ----

	/**
	 * Server-sent events ({@code text/event-stream}) as the HTML spec reads them, each event's data
	 * kept as text. See {@link #sse(String, Type, Consumer, SseOptions)}.
	 *
	 * <pre>{@code
	 * dio.sse("/notifications").subscribe(event -> log.info("{}: {}", event.event(), event.data()));
	 * }</pre>
	 * @param path the path or URL
	 * @return the events, when subscribed
	 */
	default Flux<ServerSentEvent<String>> sse(String path) {
		return sse(path, String.class, null, SseOptions.defaults());
	}

	/**
	 * @param <T> the data type
	 * @param path the path or URL
	 * @param dataType what each event's data becomes (JSON); {@code String.class} keeps the text
	 * @param customizer per-call settings (method, data, headers, receiveTimeout, cancelToken...), or null
	 * @return the events, when subscribed
	 * @see #sse(String, Type, Consumer, SseOptions)
	 */
	default <T> Flux<ServerSentEvent<T>> sse(String path, Class<T> dataType,
			@Nullable Consumer<RequestOptions.Builder> customizer) {
		return sse(path, dataType, customizer, SseOptions.defaults());
	}

	/**
	 * @param <T> the data type
	 * @param path the path or URL
	 * @param dataType what each event's data becomes (JSON); {@code String.class} keeps the text
	 * @param customizer per-call settings, or null
	 * @param options the end marker, reconnection and size settings
	 * @return the events, when subscribed
	 * @see #sse(String, Type, Consumer, SseOptions)
	 */
	default <T> Flux<ServerSentEvent<T>> sse(String path, Class<T> dataType,
			@Nullable Consumer<RequestOptions.Builder> customizer, SseOptions options) {
		return sse(path, (Type) dataType, customizer, options);
	}

	/**
	 * @param <T> the data type
	 * @param path the path or URL
	 * @param dataType a generic data type
	 * @param customizer per-call settings, or null
	 * @param options the end marker, reconnection and size settings
	 * @return the events, when subscribed
	 * @see #sse(String, Type, Consumer, SseOptions)
	 */
	default <T> Flux<ServerSentEvent<T>> sse(String path, ParameterizedTypeReference<T> dataType,
			@Nullable Consumer<RequestOptions.Builder> customizer, SseOptions options) {
		return sse(path, dataType.getType(), customizer, options);
	}

	/**
	 * Server-sent events, parsed as the bytes arrive (HTML spec: multi-line {@code data}, {@code event},
	 * {@code id}, {@code retry}, comments, CRLF, LF or CR), each event's data decoded into the type.
	 * Every connection is a dio request: request interceptors run, response interceptors see the
	 * headers (the data is the unread {@link ResponseBody}), an error status fails through the error
	 * interceptors (and the envelope), and it is observed until the stream ends, its events counted.
	 * The request's {@code receiveTimeout} is the longest silence allowed between chunks (comments
	 * sent as heartbeats count). A dropped connection, a receive timeout or a stream the server ends
	 * reconnects, with {@code Last-Event-ID}, after the server's {@code retry} delay, when
	 * {@link SseOptions} allows it (by default for GET); {@link SseOptions#endMarker()} ends the stream
	 * cleanly. Cancel with the request's {@link CancelToken} or by disposing the subscription; either
	 * closes the connection. Memory stays bounded by {@link SseOptions#maxEventSize()}.
	 *
	 * <pre>{@code
	 * Flux<ServerSentEvent<Chunk>> chunks = dio.sse("/v1/completions", Chunk.class,
	 *         r -> r.method("POST").data(Map.of("prompt", "Hello")).cancelToken(token),
	 *         SseOptions.builder().endMarker("[DONE]").build());
	 * }</pre>
	 * @param <T> the data type
	 * @param path the path or URL
	 * @param dataType what each event's data becomes; {@code String} keeps the text
	 * @param customizer per-call settings, or null
	 * @param options the end marker, reconnection and size settings
	 * @return the events, when subscribed
	 * @throws IllegalArgumentException when a setting is invalid (at once, not on subscription)
	 */
	<T> Flux<ServerSentEvent<T>> sse(String path, Type dataType, @Nullable Consumer<RequestOptions.Builder> customizer,
			SseOptions options);

	/**
	 * @param <T> the element type
	 * @param path the path or URL
	 * @param type what each line becomes
	 * @return the decoded lines, when subscribed
	 * @see #ndjson(String, Type, Consumer)
	 */
	default <T> Flux<T> ndjson(String path, Class<T> type) {
		return ndjson(path, type, null);
	}

	/**
	 * @param <T> the element type
	 * @param path the path or URL
	 * @param type what each line becomes
	 * @param customizer per-call settings, or null
	 * @return the decoded lines, when subscribed
	 * @see #ndjson(String, Type, Consumer)
	 */
	default <T> Flux<T> ndjson(String path, Class<T> type, @Nullable Consumer<RequestOptions.Builder> customizer) {
		return ndjson(path, (Type) type, customizer);
	}

	/**
	 * A stream of JSON values, one per line (NDJSON, JSON Lines), each decoded as it arrives, blank
	 * lines skipped. One dio request through the whole pipeline, observed until the stream ends with
	 * its lines counted; the idle {@code receiveTimeout} applies between chunks; lines over 1 MiB fail
	 * with {@link DioExceptionType#BAD_RESPONSE}. No reconnection: a dropped stream fails.
	 *
	 * <pre>{@code
	 * dio.ndjson("/exports/orders", Order.class, r -> r.queryParameter("since", "2024-01-01"))
	 *     .subscribe(order -> process(order));
	 * }</pre>
	 * @param <T> the element type
	 * @param path the path or URL
	 * @param type what each line becomes
	 * @param customizer per-call settings, or null
	 * @return the decoded lines, when subscribed
	 * @throws IllegalArgumentException when a setting is invalid (at once, not on subscription)
	 */
	<T> Flux<T> ndjson(String path, Type type, @Nullable Consumer<RequestOptions.Builder> customizer);

	/**
	 * A new client like this one (dio's {@code clone()}): the same options, a new interceptor list
	 * holding the same interceptors, the same transformer, and the same adapter, so the same
	 * connection pool. Changing the clone's interceptors or options leaves this client alone.
	 * Closing the clone does not close the adapter it shares.
	 * @return the clone
	 */
	Dio clone();

	/**
	 * A new client like this one with some parts replaced (dio's
	 * {@code clone(options:, interceptors:, httpClientAdapter:, transformer:)}): a refresh-token
	 * client that skips the interceptors, for example. What is not replaced is shared, as in
	 * {@link #clone()}; a replaced adapter belongs to the clone and is closed with it.
	 *
	 * <pre>{@code
	 * Dio tokenDio = dio.clone(c -> c.interceptors(List.of()));
	 * Dio other = dio.clone(c -> c.options(dio.options().withBaseUrl("https://other.example.com")));
	 * }</pre>
	 * @param replacements what to replace; null for nothing
	 * @return the clone
	 */
	Dio clone(@Nullable Consumer<CloneSpec> replacements);

	/**
	 * Stops the client: requests started afterwards fail with {@link DioExceptionType#CONNECTION_ERROR}.
	 * @param force whether to abort requests in flight instead of letting them finish
	 */
	void close(boolean force);

	/** Stops the client, letting requests in flight finish. */
	@Override
	default void close() {
		close(false);
	}

	/**
	 * The parts {@link Dio#clone(Consumer)} replaces; each one left unset is shared with the original.
	 *
	 * <pre>{@code
	 * dio.clone(c -> c.options(refreshOptions).interceptors(List.of(new LogInterceptorForRefresh())));
	 * }</pre>
	 */
	final class CloneSpec {

		private @Nullable BaseOptions options;

		private @Nullable List<Interceptor> interceptors;

		private @Nullable HttpClientAdapter httpClientAdapter;

		private @Nullable Transformer transformer;

		/** Made by {@link Dio#clone(Consumer)}. */
		public CloneSpec() {
		}

		/** @param options the clone's defaults @return this */
		public CloneSpec options(BaseOptions options) {
			this.options = java.util.Objects.requireNonNull(options, "options");
			return this;
		}

		/** @param interceptors the clone's interceptors, in order (empty for none) @return this */
		public CloneSpec interceptors(List<? extends Interceptor> interceptors) {
			this.interceptors = List.copyOf(interceptors);
			return this;
		}

		/** @param adapter the clone's own transport, closed with the clone @return this */
		public CloneSpec httpClientAdapter(HttpClientAdapter adapter) {
			this.httpClientAdapter = java.util.Objects.requireNonNull(adapter, "adapter");
			return this;
		}

		/** @param transformer the clone's body codec @return this */
		public CloneSpec transformer(Transformer transformer) {
			this.transformer = java.util.Objects.requireNonNull(transformer, "transformer");
			return this;
		}

		/** @return the replacement options, or null to share */
		public @Nullable BaseOptions options() {
			return this.options;
		}

		/** @return the replacement interceptors, or null to copy the original's */
		public @Nullable List<Interceptor> interceptors() {
			return this.interceptors;
		}

		/** @return the replacement adapter, or null to share */
		public @Nullable HttpClientAdapter httpClientAdapter() {
			return this.httpClientAdapter;
		}

		/** @return the replacement transformer, or null to share */
		public @Nullable Transformer transformer() {
			return this.transformer;
		}

	}

	/**
	 * Builder for a {@link Dio}.
	 *
	 * <pre>{@code
	 * Dio dio = Dio.builder()
	 *         .options(BaseOptions.builder().baseUrl("https://api.example.com").build())
	 *         .interceptor(new AuthInterceptor())
	 *         .build();
	 * }</pre>
	 */
	final class Builder {

		private BaseOptions options = BaseOptions.defaults();

		private @Nullable HttpClientAdapter adapter;

		private @Nullable Transformer transformer;

		private @Nullable JsonMapper jsonMapper;

		private final List<Interceptor> interceptors = new ArrayList<>();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private String name = "default";

		private @Nullable DioObservationConvention observationConvention;

		private boolean implyContentType = true;

		private Builder() {
		}

		/**
		 * @param on whether JSON is implied for structured bodies sent without a content type
		 * (default on; off is dio's {@code removeImplyContentTypeInterceptor()}, also reachable from a
		 * {@link DioBuilderCustomizer} in Spring Boot)
		 * @return this
		 */
		public Builder implyContentType(boolean on) {
			this.implyContentType = on;
			return this;
		}

		/** @param name the logical client name, for metrics and logs (default {@code "default"}) @return this */
		public Builder name(String name) {
			this.name = name;
			return this;
		}

		/**
		 * Records each request as an {@code http.client.requests} observation (metrics, and trace
		 * headers when tracing is set up). Off by default outside Spring Boot.
		 * @param registry the registry
		 * @return this
		 */
		public Builder observationRegistry(ObservationRegistry registry) {
			this.observationRegistry = registry;
			return this;
		}

		/** @param convention names and tags the observations; null for the default @return this */
		public Builder observationConvention(@Nullable DioObservationConvention convention) {
			this.observationConvention = convention;
			return this;
		}

		/** @param options the client's defaults @return this */
		public Builder options(BaseOptions options) {
			this.options = options;
			return this;
		}

		/**
		 * @param adapter the transport (default: {@link io.github.diospring.adapter.ReactorNettyAdapter#create()},
		 * or what the {@code dio.adapter} system property names, see {@link AdapterType})
		 * @return this
		 */
		public Builder adapter(HttpClientAdapter adapter) {
			this.adapter = adapter;
			return this;
		}

		/** @param transformer the body codec (default: {@link DefaultTransformer}) @return this */
		public Builder transformer(Transformer transformer) {
			this.transformer = transformer;
			return this;
		}

		/** @param jsonMapper the JSON mapper (default: a plain {@link JsonMapper}) @return this */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/** @param interceptor appended to the client's interceptors @return this */
		public Builder interceptor(Interceptor interceptor) {
			this.interceptors.add(interceptor);
			return this;
		}

		/** @return the client */
		public Dio build() {
			JsonMapper mapper = (this.jsonMapper != null) ? this.jsonMapper
					: (this.transformer instanceof DefaultTransformer t) ? t.jsonMapper() : JsonMapper.builder().build();
			Transformer codec = (this.transformer != null) ? this.transformer : new DefaultTransformer(mapper);
			HttpClientAdapter transport = (this.adapter != null) ? this.adapter
					: AdapterType.fromSystemProperty().create(PoolSettings.defaults());
			Dio dio = new DefaultDio(this.options, transport, codec, mapper, this.interceptors,
					new DioObservations(this.observationRegistry, this.name, this.observationConvention));
			dio.interceptors().implyContentType(this.implyContentType);
			return dio;
		}

	}

}
