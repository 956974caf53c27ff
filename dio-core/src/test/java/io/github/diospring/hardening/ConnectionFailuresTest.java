package io.github.diospring.hardening;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Response;
import io.github.diospring.adapter.PoolSettings;
import io.github.diospring.adapter.WebClientAdapter;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Broken connections: every transport failure is a CONNECTION_ERROR on the native (epoll) and the
 * NIO transport alike; idempotent requests survive a pooled connection the server closed; a zero
 * connect timeout really is none.
 */
class ConnectionFailuresTest {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	private <T extends AutoCloseable> T track(T resource) {
		this.resources.add(resource);
		return resource;
	}

	/** A client on the default (native when available) transport, or forced onto NIO. */
	private Dio client(boolean nio) {
		if (!nio) {
			return track(Dio.create());
		}
		LoopResources loops = LoopResources.create("nio-test", 1, false);
		ConnectionProvider pool = ConnectionProvider.create("nio-test", 8);
		this.resources.add(() -> {
			pool.disposeLater().block(Duration.ofSeconds(10));
			loops.disposeLater().block(Duration.ofSeconds(10));
		});
		HttpClient http = HttpClient.create(pool).runOn(loops, false);
		return track(Dio.builder().adapter(WebClientAdapter.create(http)).build());
	}

	@ParameterizedTest(name = "nio={0}")
	@ValueSource(booleans = { false, true })
	void aResetConnectionIsAConnectionError(boolean nio) throws IOException {
		if (!nio) {
			assumeThat(Epoll.isAvailable()).as("the native transport is what mis-typed resets").isTrue();
		}
		RawServer server = track(RawServer.start((socket, n) -> {
			RawServer.readHead(socket.getInputStream());
			socket.setSoLinger(true, 0); // close with RST instead of FIN
			socket.close();
		}));
		Dio dio = client(nio);

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.post(server.url("/reset"), "{}").block(Duration.ofSeconds(20)));

		assertThat(e.type()).as(String.valueOf(e.getCause())).isEqualTo(DioExceptionType.CONNECTION_ERROR);
	}

	@ParameterizedTest(name = "nio={0}")
	@ValueSource(booleans = { false, true })
	void aResetDuringTheBodyIsAConnectionError(boolean nio) throws IOException {
		RawServer server = track(RawServer.start((socket, n) -> {
			RawServer.readHead(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nabc".getBytes());
			out.flush();
			socket.setSoLinger(true, 0);
			socket.close();
		}));
		Dio dio = client(nio);

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.get(server.url("/reset-body"), String.class).block(Duration.ofSeconds(20)));

		assertThat(e.type()).as(String.valueOf(e.getCause())).isEqualTo(DioExceptionType.CONNECTION_ERROR);
	}

	@ParameterizedTest(name = "nio={0}")
	@ValueSource(booleans = { false, true })
	void anUploadToAServerThatHangsUpIsAConnectionError(boolean nio) throws IOException {
		RawServer server = track(RawServer.start((socket, n) -> {
			RawServer.readHead(socket.getInputStream());
			socket.setSoLinger(true, 0);
			socket.close();
		}));
		Dio dio = client(nio);
		byte[] upload = new byte[8 * 1024 * 1024];

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.post(server.url("/upload"), upload).block(Duration.ofSeconds(20)));

		assertThat(e.type()).as(String.valueOf(e.getCause())).isEqualTo(DioExceptionType.CONNECTION_ERROR);
	}

	/** Answers one request per connection with keep-alive headers; a second request on it is met with a close. */
	private RawServer oneResponsePerConnection(List<String> requests) throws IOException {
		return track(RawServer.start((socket, n) -> {
			String head = RawServer.readRequest(socket.getInputStream());
			requests.add(head.substring(0, head.indexOf(' ')) + " #" + n);
			socket.getOutputStream().write(RawServer.okResponse("answer " + n));
			socket.getOutputStream().flush();
			String next = RawServer.readRequest(socket.getInputStream());
			if (next != null) {
				requests.add(next.substring(0, next.indexOf(' ')) + " #" + n + " refused");
			}
		}));
	}

	@Test
	void idempotentRequestsAreResentOnceWhenAPooledConnectionWasClosed() throws IOException {
		List<String> requests = new CopyOnWriteArrayList<>();
		RawServer server = oneResponsePerConnection(requests);
		Dio dio = track(Dio.create(BaseOptions.builder().baseUrl(server.url("")).build()));

		for (int i = 0; i < 10; i++) {
			Response<String> get = dio.get("/items", String.class).block(Duration.ofSeconds(20));
			assertThat(get.data()).startsWith("answer ");
			assertThat(dio.put("/items/1", "{}", String.class).block(Duration.ofSeconds(20)).data()).startsWith("answer ");
			assertThat(dio.delete("/items/1", String.class, r -> { }).block(Duration.ofSeconds(20)).data()).startsWith("answer ");
		}

		assertThat(requests.stream().filter(r -> !r.endsWith("refused")).count()).isEqualTo(30);
	}

	@Test
	void aPostOnAPooledConnectionTheServerClosedIsNotResent() throws IOException {
		List<String> requests = new CopyOnWriteArrayList<>();
		RawServer server = oneResponsePerConnection(requests);
		// one connection: the second POST must wait for the first one's (not yet released) connection
		// and reuse it, instead of racing the release and opening a fresh one on a busy machine
		Dio dio = track(Dio.builder().options(BaseOptions.builder().baseUrl(server.url("")).build())
			.adapter(WebClientAdapter.create(PoolSettings.builder().maxConnections(1).build())).build());
		assertThat(dio.post("/orders", "{}", String.class).block(Duration.ofSeconds(20)).data()).isEqualTo("answer 0");

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.post("/orders", "{}", String.class).block(Duration.ofSeconds(20)));

		assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR);
		assertThat(requests).containsExactly("POST #0", "POST #0 refused");
	}

	@Test
	void aZeroConnectTimeoutIsNoLimitNotNettys30Seconds() throws IOException {
		int port = fullBacklogPort();
		Dio dio = track(Dio.create(BaseOptions.builder().connectTimeout(Duration.ZERO).build()));

		// Netty's own default would fail the connect at 30 s; the kernel keeps retrying the SYN for minutes
		StepVerifier.create(dio.get("http://127.0.0.1:" + port + "/never"))
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(33))
			.thenCancel()
			.verify(Duration.ofSeconds(60));
	}

	/** A listening port whose accept queue is full: connects to it never complete. */
	private int fullBacklogPort() throws IOException {
		ServerSocket socket = track(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
		for (int i = 0; i < 16; i++) {
			Socket filler = track(new Socket());
			try {
				filler.connect(new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort()), 300);
			}
			catch (SocketTimeoutException ex) {
				return socket.getLocalPort();
			}
		}
		throw new IllegalStateException("could not fill the accept queue of a local socket");
	}

}
