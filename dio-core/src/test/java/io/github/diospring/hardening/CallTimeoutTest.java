package io.github.diospring.hardening;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Response;
import io.github.diospring.adapter.ResponseBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Limits that bound a call: finite defaults for connect and receive, and {@code callTimeout} for
 * what an idle limit cannot catch (a trickling body, an upload the server never reads). Servers
 * stall at least 5 times longer than the limit under test.
 */
class CallTimeoutTest {

	private static RawServer server;

	private Dio dio;

	/** Paths: /stall reads the request and never answers; /trickle sends a byte every 100 ms; /sink never reads. */
	@BeforeAll
	static void startServer() throws IOException {
		server = RawServer.start((socket, n) -> {
			String head = RawServer.readHead(socket.getInputStream());
			if (head == null) {
				return;
			}
			if (head.contains(" /sink ")) {
				waitUntilClosed();
			}
			else if (head.contains(" /trickle ")) {
				OutputStream out = socket.getOutputStream();
				out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				for (int i = 0; i < 100000; i++) {
					out.write('x');
					out.flush();
					sleep(100);
				}
			}
			else if (head.contains(" /slow ")) {
				sleep(1000);
				socket.getOutputStream().write(RawServer.okResponse("late"));
				waitUntilClosed();
			}
			else {
				socket.getInputStream().transferTo(OutputStream.nullOutputStream());
			}
		});
	}

	@AfterAll
	static void stopServer() throws IOException {
		server.close();
	}

	@AfterEach
	void closeClient() {
		if (this.dio != null) {
			this.dio.close(true);
		}
	}

	private Dio client(BaseOptions.Builder options) {
		this.dio = Dio.create(options.baseUrl(server.url("")).build());
		return this.dio;
	}

	@Test
	void dioCreateHasFiniteConnectAndReceiveTimeoutsAndNoCallTimeout() {
		try (Dio fresh = Dio.create()) {
			assertThat(fresh.options().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(fresh.options().receiveTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(fresh.options().callTimeout()).isNull();
			assertThat(fresh.options().maxInMemorySize()).isEqualTo(10L * 1024 * 1024);
		}
	}

	@Test
	void aServerThatNeverAnswersTripsTheCallTimeout() {
		Dio dio = client(BaseOptions.builder().receiveTimeout(Duration.ZERO).callTimeout(Duration.ofMillis(500)));

		DioException e = catchThrowableOfType(DioException.class, () -> dio.get("/stall").block(Duration.ofSeconds(20)));

		assertThat(e.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
		assertThat(e.getMessage()).contains("callTimeout").contains("500ms");
	}

	@Test
	void aTrickleNeverTripsTheIdleReceiveTimeout() {
		Dio dio = client(BaseOptions.builder().receiveTimeout(Duration.ofSeconds(1)));

		StepVerifier.create(dio.get("/trickle", String.class))
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(5))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void aTrickleTripsTheCallTimeout() {
		Dio dio = client(BaseOptions.builder().receiveTimeout(Duration.ofSeconds(1)).callTimeout(Duration.ofSeconds(1)));

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.get("/trickle", String.class).block(Duration.ofSeconds(20)));

		assertThat(e.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
		assertThat(e.getMessage()).contains("callTimeout").contains("1s");
	}

	@Test
	void aStreamedBodyMustBeReadWithinTheCallTimeout() {
		// long enough for a cold first exchange to deliver the headers; the trickle lasts hours
		Dio dio = client(BaseOptions.builder().callTimeout(Duration.ofSeconds(4)));

		Response<ResponseBody> response = dio.get("/trickle", ResponseBody.class).block(Duration.ofSeconds(20));

		StepVerifier.create(response.data().stream().doOnNext(DataBufferUtils::release))
			.thenConsumeWhile(buffer -> true)
			.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DioException.class).hasMessageContaining("callTimeout"))
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void anUploadTheServerNeverReadsTripsAPerRequestCallTimeout() {
		Dio dio = client(BaseOptions.builder());
		byte[] upload = new byte[32 * 1024 * 1024];

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.post("/sink", upload, r -> r.callTimeout(Duration.ofSeconds(1))).block(Duration.ofSeconds(20)));

		assertThat(e.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
		assertThat(e.getMessage()).contains("callTimeout");
	}

	@Test
	void aRequestCanLiftTheClientsCallTimeout() {
		Dio dio = client(BaseOptions.builder().callTimeout(Duration.ofMillis(100)));

		Response<String> response = dio.get("/slow", String.class, r -> r.callTimeout(Duration.ZERO))
			.block(Duration.ofSeconds(20));

		assertThat(response.data()).isEqualTo("late");
	}

	private static void waitUntilClosed() throws InterruptedIOException {
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			throw new InterruptedIOException("server stopped");
		}
	}

	private static void sleep(long millis) throws InterruptedIOException {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			throw new InterruptedIOException("server stopped");
		}
	}

}
