package io.github.diospring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each transport failure becomes its own {@link DioExceptionType}, reproduced for real: servers
 * that stall far longer (10x and more) than the limits under test.
 */
class ErrorTypesTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	private DioException failure(Runnable call) {
		return org.assertj.core.api.Assertions.catchThrowableOfType(DioException.class, call::run);
	}

	@Test
	void connectTimeoutWhenTheTlsHandshakeNeverCompletes() throws IOException {
		int port = silentServer();
		Dio dio = server.dio(BaseOptions.builder().connectTimeout(Duration.ofMillis(300)));

		DioException e = failure(() -> dio.get("https://127.0.0.1:" + port + "/x").block(Duration.ofSeconds(20)));

		assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_TIMEOUT);
		assertThat(e.getMessage()).contains("300ms").contains("connectTimeout");
	}

	@Test
	void connectTimeoutPerRequestWhenTheTcpHandshakeNeverCompletes() throws IOException {
		int port = fullBacklogServer();
		Dio dio = server.dio(BaseOptions.builder());

		DioException e = failure(() -> dio.get("http://127.0.0.1:" + port + "/x",
				r -> r.connectTimeout(Duration.ofMillis(300))).block(Duration.ofSeconds(20)));

		assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_TIMEOUT);
		assertThat(e.requestOptions().connectTimeout()).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void sendTimeoutWhenTheServerStopsReading() throws IOException {
		int port = silentServer();
		Dio dio = server.dio(BaseOptions.builder().sendTimeout(Duration.ofMillis(500)));
		Flux<byte[]> endless = Flux.range(0, 16_384).map(i -> new byte[64 * 1024]);

		DioException e = failure(() -> dio.post("http://127.0.0.1:" + port + "/upload", endless).block(Duration.ofSeconds(30)));

		assertThat(e.type()).isEqualTo(DioExceptionType.SEND_TIMEOUT);
		assertThat(e.getMessage()).contains("sendTimeout");
	}

	@Test
	void receiveTimeoutBeforeTheHeaders() {
		server.wireMock().stubFor(get("/slow").willReturn(aResponse().withFixedDelay(5000).withBody("late")));
		Dio dio = server.dio(BaseOptions.builder().baseUrl(server.baseUrl()).receiveTimeout(Duration.ofMillis(300)));

		DioException e = failure(() -> dio.get("/slow").block(Duration.ofSeconds(20)));

		assertThat(e.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
		assertThat(e.getMessage()).contains("no response headers");
	}

	@Test
	void receiveTimeoutWhileTheBodyStalls() throws IOException {
		int port = stallingBodyServer();
		Dio dio = server.dio(BaseOptions.builder().receiveTimeout(Duration.ofMillis(500)));

		DioException e = failure(() -> dio.get("http://127.0.0.1:" + port + "/stall").block(Duration.ofSeconds(30)));

		assertThat(e.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
		assertThat(e.getMessage()).contains("stalled");
	}

	@Test
	void aSlowButSteadyDribbleIsNotATimeout() {
		server.wireMock().stubFor(get("/dribble").willReturn(aResponse().withBody("x".repeat(4000))
			.withChunkedDribbleDelay(4, 400)));
		Dio dio = server.dio(BaseOptions.builder().baseUrl(server.baseUrl()).receiveTimeout(Duration.ofSeconds(5)));

		assertThat(dio.get("/dribble", String.class).block(Duration.ofSeconds(30)).data()).hasSize(4000);
	}

	@Test
	void connectionErrorWhenThePortRefuses() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Dio dio = server.dio(BaseOptions.builder());

		DioException e = failure(() -> dio.get("http://127.0.0.1:" + port + "/x").block(Duration.ofSeconds(20)));

		assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR);
		assertThat(e.getCause()).isNotNull();
		assertThat(e.getMessage()).contains("127.0.0.1:" + port);
	}

	@Test
	void connectionErrorWhenTheServerDropsTheConnectionMidBody() {
		server.wireMock().stubFor(get("/drop").willReturn(aResponse().withFault(
				com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK)));
		Dio dio = server.dio();

		DioException e = failure(() -> dio.get("/drop").block(Duration.ofSeconds(20)));

		assertThat(e.type()).isIn(DioExceptionType.CONNECTION_ERROR, DioExceptionType.UNKNOWN);
		assertThat(e.getCause()).isNotNull();
	}

	/** Accepts connections and never reads or writes: TLS never completes, uploads stall. */
	private int silentServer() throws IOException {
		return rawServer(s -> s.setReceiveBufferSize(4096));
	}

	/** Sends the headers and 10 of 100 promised body bytes, then stalls. */
	private int stallingBodyServer() throws IOException {
		return rawServer(s -> {
			s.getInputStream().read(new byte[8192]);
			s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n"
					+ "0123456789").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			s.getOutputStream().flush();
		});
	}

	/** A loopback server that hands each accepted socket to {@code onAccept} and keeps it open until the test ends. */
	private int rawServer(SocketAction onAccept) throws IOException {
		ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
		List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
		ExecutorService acceptor = Executors.newSingleThreadExecutor();
		acceptor.submit(() -> {
			while (!socket.isClosed()) {
				try {
					Socket s = socket.accept();
					accepted.add(s);
					onAccept.accept(s);
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		this.resources.add(() -> {
			socket.close();
			acceptor.shutdownNow();
			for (Socket s : accepted) {
				s.close();
			}
		});
		return socket.getLocalPort();
	}

	@FunctionalInterface
	private interface SocketAction {

		void accept(Socket socket) throws IOException;

	}

	/**
	 * Never accepts, with its accept queue filled: the kernel drops further SYNs, so a TCP
	 * handshake never completes (a local stand-in for an unreachable host).
	 */
	private int fullBacklogServer() throws IOException {
		ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
		this.resources.add(socket);
		for (int i = 0; i < 16; i++) {
			Socket filler = new Socket();
			this.resources.add(filler);
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
