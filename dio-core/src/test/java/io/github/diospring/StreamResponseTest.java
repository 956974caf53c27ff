package io.github.diospring;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.testing.HalfBodyServer;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ResponseType#STREAM} bodies: errors arrive in the stream, and a reader that stops early or
 * is cancelled gives the connection back (proved on a pool of one connection).
 */
class StreamResponseTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private final ConnectionProvider onlyOne = ConnectionProvider.builder("one").maxConnections(1)
		.pendingAcquireMaxCount(10).build();

	@AfterEach
	void disposePool() {
		this.onlyOne.dispose();
	}

	private Dio oneConnectionDio(BaseOptions.Builder options) {
		return server.track(Dio.builder().options(options.baseUrl(server.baseUrl()).build())
			.adapter(WebClientAdapter.create(HttpClient.create(this.onlyOne))).build());
	}

	private static void assertConnectionReleased(Dio dio) {
		server.wireMock().stubFor(get("/next").willReturn(okJson("{\"ok\":true}")));
		assertThat(dio.get("/next").block(Duration.ofSeconds(10)).data()).isEqualTo(Map.of("ok", true));
	}

	private static void slowBody() {
		server.wireMock().stubFor(get("/slow").willReturn(aResponse().withHeader("Content-Type", "text/plain")
			.withBody("x".repeat(10_000)).withChunkedDribbleDelay(40, 20_000)));
	}

	@Test
	void aReaderThatStopsEarlyReleasesTheConnection() {
		slowBody();
		Dio dio = oneConnectionDio(BaseOptions.builder());

		Response<ResponseBody> response = dio.get("/slow", ResponseBody.class).block(Duration.ofSeconds(30));
		List<DataBuffer> first = response.data().stream().take(1).collectList().block(Duration.ofSeconds(30));
		first.forEach(DataBufferUtils::release);

		assertThat(first).hasSize(1);
		assertConnectionReleased(dio);
	}

	@Test
	void aReceiveTimeoutBetweenChunksArrivesInTheStreamAndReleasesTheConnection() throws IOException {
		try (HalfBodyServer stall = HalfBodyServer.stalling(1000, 100)) {
			Dio dio = oneConnectionDio(BaseOptions.builder().receiveTimeout(Duration.ofMillis(300)));
			List<Throwable> errors = new CopyOnWriteArrayList<>();
			AtomicLong received = new AtomicLong();

			Response<ResponseBody> response = dio.get(stall.url("/stall"), ResponseBody.class).block(Duration.ofSeconds(30));
			response.data().stream().subscribe(buffer -> {
				received.addAndGet(buffer.readableByteCount());
				DataBufferUtils.release(buffer);
			}, errors::add);

			await().atMost(Duration.ofSeconds(20)).until(() -> errors.size() == 1);
			assertThat(received).hasValue(100);
			assertThat(errors.get(0)).isInstanceOfSatisfying(DioException.class, e -> {
				assertThat(e.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
				assertThat(e.getMessage()).contains("stalled");
			});
			// the pool's only connection is free again: the next exchange gets its headers
			Response<ResponseBody> next = dio.get(stall.url("/again"), ResponseBody.class).block(Duration.ofSeconds(10));
			assertThat(next.statusCode()).isEqualTo(200);
			next.data().stream().take(1).subscribe(DataBufferUtils::release);
		}
	}

	@Test
	void aCancelledTokenErrorsTheStreamAndReleasesTheConnection() {
		slowBody();
		Dio dio = oneConnectionDio(BaseOptions.builder());
		CancelToken token = new CancelToken();
		List<Throwable> errors = new CopyOnWriteArrayList<>();

		Response<ResponseBody> response = dio.get("/slow", ResponseBody.class, r -> r.cancelToken(token))
			.block(Duration.ofSeconds(30));
		response.data().stream().subscribe(DataBufferUtils::release, errors::add);
		token.cancel("closed tab");

		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);
		assertThat(CancelToken.isCancel(errors.get(0))).isTrue();
		assertConnectionReleased(dio);
	}

}
