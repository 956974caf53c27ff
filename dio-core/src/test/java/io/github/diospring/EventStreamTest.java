package io.github.diospring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.observation.DioObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Server-sent events and NDJSON against a Reactor Netty server on 127.0.0.1 that streams slowly,
 * splits lines across chunks, drops connections and watches its clients.
 */
class EventStreamTest {

	private static DisposableServer server;

	/** The Last-Event-ID header of each connection to /resume (empty string when absent). */
	private static final List<String> resumeHeaders = new CopyOnWriteArrayList<>();

	private static final AtomicInteger connections = new AtomicInteger();

	private static final AtomicBoolean foreverClosed = new AtomicBoolean();

	private static final AtomicBoolean foreverOpened = new AtomicBoolean();

	private Dio dio;

	record Chunk(int index, String text) {
	}

	@BeforeAll
	static void start() {
		server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
			.get("/spec", (req, res) -> eventStream(res).send(specChunks()))
			.get("/resume", EventStreamTest::resume)
			.get("/stall", EventStreamTest::stall)
			.get("/forever", EventStreamTest::forever)
			.post("/completions", (req, res) -> req.receive().aggregate().asString().flatMap(prompt ->
					eventStream(res).sendString(Flux.range(0, 3)
						.map(i -> "data: {\"index\":" + i + ",\"text\":\"" + prompt.length() + "\"}\n\n")
						.concatWith(Flux.just("data: [DONE]\n\n"))).then()))
			.get("/unauthorized", (req, res) -> {
				connections.incrementAndGet();
				return res.status(401).header("Content-Type", "application/json")
					.sendString(Mono.just("{\"success\":false,\"errorMessage\":\"login first\"}"));
			})
			.get("/html", (req, res) -> res.header("Content-Type", "text/html").sendString(Mono.just("<html/>")))
			.get("/huge", (req, res) -> eventStream(res).sendString(Mono.just("data: " + "x".repeat(5000) + "\n\n")))
			.get("/headers", (req, res) -> eventStream(res).header("X-Stream", "yes")
				.sendString(Mono.just("data: " + req.requestHeaders().get("X-Auth") + "|"
						+ req.requestHeaders().get("Accept") + "\n\n")))
			.get("/ndjson", (req, res) -> res.header("Content-Type", "application/x-ndjson")
				.send(Flux.just("{\"index\":1,\"text\":\"a\"}\n\n{\"ind", "ex\":2,\"text\":\"b\"}\r\n", "{\"index\":3,\"text\":\"c\"}")
					.map(s -> Unpooled.copiedBuffer(s, StandardCharsets.UTF_8)), b -> true)))
			.bindNow();
	}

	@AfterAll
	static void stop() {
		server.disposeNow();
	}

	@BeforeEach
	void client() {
		resumeHeaders.clear();
		connections.set(0);
		this.dio = Dio.create(BaseOptions.builder().baseUrl("http://127.0.0.1:" + server.port()).build());
	}

	@AfterEach
	void closeClient() {
		this.dio.close(true);
	}

	private static HttpServerResponse eventStream(HttpServerResponse response) {
		return response.header("Content-Type", "text/event-stream;charset=UTF-8");
	}

	/**
	 * Every rule of the spec in one body, cut so that a CRLF, a multi-byte character and a field
	 * name fall across chunk boundaries, each chunk flushed on its own.
	 */
	/** Sends each string as its own flushed chunk, as a slow event source does. */
	private static Mono<Void> flushed(HttpServerResponse response, Flux<String> body) {
		return response.send(body.map(s -> Unpooled.copiedBuffer(s, StandardCharsets.UTF_8)), buffer -> true).then();
	}

	private static Flux<ByteBuf> specChunks() {
		byte[] body = ("\uFEFF: a comment\r\n"
				+ "retry: 1500\r\n"
				+ "event: greeting\r\n"
				+ "id: 1\r\n"
				+ "data: first line\r\n"
				+ "data:second line, no space\r\n"
				+ "data\r\n"
				+ "\r\n"
				+ "unknown: ignored\n"
				+ "data: café ☕\n"
				+ "\n"
				+ "id\n"
				+ "data: id reset by an empty id\r"
				+ "\r"
				+ ": only a comment, no event\n\n"
				+ "retry: soon\n"
				+ "id: 7\u0000\n"
				+ "data: bad retry and a NUL id are ignored\n\n"
				+ "data: never dispatched: the stream ends before its blank line\n").getBytes(StandardCharsets.UTF_8);
		int[] cuts = { 3, 17, 18, 40, 41, 90, 91, 130, 131, 132, 133, 160, 200, 230 };
		return Flux.range(0, cuts.length + 1).map(i -> {
			int from = (i == 0) ? 0 : cuts[i - 1];
			int to = (i == cuts.length) ? body.length : cuts[i];
			return Unpooled.wrappedBuffer(Arrays.copyOfRange(body, from, to));
		}).delayElements(Duration.ofMillis(5));
	}

	/**
	 * The first connection sends events 1–3 slowly, with heartbeats and multi-line data, then half of
	 * event 4 (its id included) and drops the connection. The second resumes after the Last-Event-ID
	 * and ends normally; the third is told to stop with 204.
	 */
	private static Mono<Void> resume(HttpServerRequest request, HttpServerResponse response) {
		String last = request.requestHeaders().get("Last-Event-ID", "");
		resumeHeaders.add(last);
		if (last.equals("6")) {
			return response.status(204).send();
		}
		int from = last.isEmpty() ? 1 : Integer.parseInt(last) + 1;
		Flux<String> events = Flux.range(from, 3)
			.delayElements(Duration.ofMillis(30))
			.map(i -> ": heartbeat\nid: " + i + "\ndata: event " + i + "\ndata: line two\n\n");
		Flux<String> body = Flux.concat(Flux.just("retry: 20\n\n"), events);
		if (last.isEmpty()) {
			body = body.concatWith(Flux.just("id: 4\ndata: half of event 4"))
				.concatWith(Mono.delay(Duration.ofMillis(30)).then(Mono.error(new IOException("dropped"))));
		}
		return flushed(eventStream(response), body);
	}

	/** One event, then silence: the client's idle receive timeout must reconnect. */
	private static Mono<Void> stall(HttpServerRequest request, HttpServerResponse response) {
		String last = request.requestHeaders().get("Last-Event-ID", "");
		resumeHeaders.add(last);
		if (!last.isEmpty()) {
			return response.status(204).send();
		}
		return flushed(eventStream(response),
				Flux.just("id: a1\ndata: before the silence\n\n").concatWith(Flux.never()));
	}

	private static Mono<Void> forever(HttpServerRequest request, HttpServerResponse response) {
		request.withConnection(connection -> {
			foreverOpened.set(true);
			connection.onDispose(() -> foreverClosed.set(true));
		});
		return flushed(eventStream(response),
				Flux.interval(Duration.ofMillis(20)).map(i -> "data: tick " + i + "\n\n"));
	}

	@Test
	void parsesEveryFieldOfTheSpecAcrossChunkBoundaries() {
		List<ServerSentEvent<String>> events = this.dio.sse("/spec", String.class, null,
				SseOptions.builder().reconnect(false).build()).collectList().block(Duration.ofSeconds(20));

		assertThat(events).hasSize(4);
		ServerSentEvent<String> first = events.get(0);
		assertThat(first.data()).isEqualTo("first line\nsecond line, no space\n");
		assertThat(first.event()).isEqualTo("greeting");
		assertThat(first.id()).isEqualTo("1");
		assertThat(first.retry()).isEqualTo(Duration.ofMillis(1500));
		assertThat(first.comment()).isEqualTo("a comment");
		assertThat(events.get(1).data()).isEqualTo("café ☕");
		assertThat(events.get(1).id()).as("the last event ID persists").isEqualTo("1");
		assertThat(events.get(1).event()).isNull();
		assertThat(events.get(2).data()).isEqualTo("id reset by an empty id");
		assertThat(events.get(2).id()).isNull();
		assertThat(events.get(3).data()).isEqualTo("bad retry and a NUL id are ignored");
		assertThat(events.get(3).retry()).isNull();
		assertThat(events.get(3).id()).isNull();
	}

	@Test
	void aDroppedStreamResumesWithLastEventIdWithoutLosingOrRepeatingAnEvent() {
		List<DioObservationContext> observations = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<DioObservationContext>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof DioObservationContext;
			}

			@Override
			public void onStop(DioObservationContext context) {
				observations.add(context);
			}
		});
		Dio observed = Dio.builder().options(this.dio.options()).observationRegistry(registry).build();
		try {
			List<ServerSentEvent<String>> events = observed.sse("/resume").collectList().block(Duration.ofSeconds(30));

			assertThat(events).extracting(ServerSentEvent::id).containsExactly("1", "2", "3", "4", "5", "6");
			assertThat(events).extracting(ServerSentEvent::data)
				.allMatch(data -> data.matches("event \\d\nline two"));
			assertThat(events).extracting(ServerSentEvent::comment).containsOnly("heartbeat");
			assertThat(resumeHeaders).containsExactly("", "3", "6");
			// one observation per connection, open until its body ends (the 204's empty body is drained
			// after the stream completed): the dropped one is an error
			await().atMost(Duration.ofSeconds(20)).until(() -> observations.size() == 3);
			assertThat(observations).extracting(c -> c.events().get()).containsExactly(3L, 3L, 0L);
			assertThat(observations).extracting(c -> c.failure() != null).containsExactly(true, false, false);
			assertThat(observations).extracting(c -> c.getResponse().statusCode()).containsExactly(200, 200, 204);
		}
		finally {
			observed.close(true);
		}
	}

	@Test
	void theIdleReceiveTimeoutReconnectsAfterTheLastEvent() {
		List<String> data = this.dio.sse("/stall", String.class, r -> r.receiveTimeout(Duration.ofSeconds(1)),
				SseOptions.builder().retryDelay(Duration.ofMillis(10)).build())
			.map(ServerSentEvent::data)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(data).containsExactly("before the silence");
		assertThat(resumeHeaders).containsExactly("", "a1");
	}

	@Test
	void typedDataEndsAtTheEndMarkerAndAPostIsNotResent() {
		List<Chunk> chunks = this.dio.sse("/completions", Chunk.class, r -> r.method("POST").data(Map.of("prompt", "hi")),
				SseOptions.builder().endMarker("[DONE]").build())
			.map(ServerSentEvent::data)
			.collectList()
			.block(Duration.ofSeconds(20));

		assertThat(chunks).extracting(Chunk::index).containsExactly(0, 1, 2);
		assertThat(chunks.get(0).text()).isEqualTo("15");
	}

	@Test
	void cancellingTheTokenClosesTheConnectionTheServerSeesIt() {
		foreverClosed.set(false);
		foreverOpened.set(false);
		CancelToken token = new CancelToken();
		List<String> received = new CopyOnWriteArrayList<>();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		this.dio.sse("/forever", String.class, r -> r.cancelToken(token))
			.subscribe(event -> received.add(event.data()), errors::add);

		await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 3);
		token.cancel("enough");

		await().atMost(Duration.ofSeconds(20)).untilTrue(foreverClosed);
		await().atMost(Duration.ofSeconds(20)).until(() -> !errors.isEmpty());
		assertThat(CancelToken.isCancel(errors.get(0))).isTrue();
	}

	@Test
	void disposingTheSubscriptionClosesTheConnectionTheServerSeesIt() {
		foreverClosed.set(false);
		foreverOpened.set(false);
		List<String> received = new CopyOnWriteArrayList<>();
		Disposable subscription = this.dio.sse("/forever").subscribe(event -> received.add(event.data()));

		await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
		subscription.dispose();

		await().atMost(Duration.ofSeconds(20)).untilTrue(foreverClosed);
	}

	@Test
	void anErrorStatusFailsThroughTheErrorPathAndIsNotRetried() {
		DioException error = catchThrowableOfType(DioException.class,
				() -> this.dio.sse("/unauthorized").blockLast(Duration.ofSeconds(20)));

		assertThat(error.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(error.response().statusCode()).isEqualTo(401);
		assertThat(error.response().data()).isEqualTo(Map.of("success", false, "errorMessage", "login first"));
		assertThat(connections).hasValue(1);
	}

	@Test
	void aWrongContentTypeIsABadResponseNamingIt() {
		DioException error = catchThrowableOfType(DioException.class,
				() -> this.dio.sse("/html").blockLast(Duration.ofSeconds(20)));

		assertThat(error.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(error.getMessage()).contains("text/html").contains("text/event-stream");
	}

	@Test
	void anEventLargerThanTheLimitFailsInsteadOfGrowingMemory() {
		DioException error = catchThrowableOfType(DioException.class, () -> this.dio.sse("/huge", String.class, null,
				SseOptions.builder().maxEventSize(1000).build()).blockLast(Duration.ofSeconds(20)));

		assertThat(error.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(error.getMessage()).contains("1000 bytes").contains("maxEventSize");
	}

	@Test
	void requestInterceptorsRunAndResponseInterceptorsSeeTheHeaders() {
		List<String> seen = new CopyOnWriteArrayList<>();
		this.dio.interceptors().add(InterceptorsWrapper.builder()
			.onRequest((options, handler) -> handler.next(options.withHeader("X-Auth", "token-1")))
			.onResponse((response, handler) -> {
				seen.add(response.headers().value("X-Stream"));
				handler.next(response);
			})
			.build());

		String data = this.dio.sse("/headers", String.class, null, SseOptions.builder().reconnect(false).build())
			.blockFirst(Duration.ofSeconds(20))
			.data();

		assertThat(data).isEqualTo("token-1|text/event-stream");
		assertThat(seen).containsExactly("yes");
	}

	@Test
	void ndjsonLinesAreDecodedAsTheyArriveSplitAnywhere() {
		List<Chunk> chunks = this.dio.ndjson("/ndjson", Chunk.class).collectList().block(Duration.ofSeconds(20));

		assertThat(chunks).containsExactly(new Chunk(1, "a"), new Chunk(2, "b"), new Chunk(3, "c"));
	}

	@Test
	void invalidSettingsFailAtOnceNamingTheField() {
		assertThat(catchThrowableOfType(IllegalArgumentException.class,
				() -> SseOptions.builder().maxReconnects(-1).build())).hasMessageContaining("maxReconnects");
		assertThat(catchThrowableOfType(IllegalArgumentException.class,
				() -> SseOptions.builder().retryDelay(Duration.ofSeconds(-1)).build())).hasMessageContaining("retryDelay");
	}

}
