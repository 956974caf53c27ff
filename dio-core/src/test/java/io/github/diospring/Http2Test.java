package io.github.diospring;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;

import io.github.diospring.adapter.WebClientAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/2 against Reactor Netty servers: with prior knowledge (h2c) on a server that speaks only
 * HTTP/2, the server sees HTTP/2 streams, the response says which version it came with, and
 * concurrent requests are multiplexed on one TCP connection; over TLS, h2 is negotiated with ALPN.
 */
class Http2Test {

	private static DisposableServer server;

	private static final AtomicInteger tcpConnections = new AtomicInteger();

	/** The client's port as the server saw it, per request: one port means one connection. */
	private static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	@BeforeAll
	static void start() {
		server = HttpServer.create().host("127.0.0.1").port(0).protocol(HttpProtocol.H2C)
			.doOnChannelInit((observer, channel, address) -> tcpConnections.incrementAndGet())
			.handle((request, response) -> {
				clientPorts.add(request.remoteAddress().getPort());
				return response.header("Content-Type", "application/json")
					.sendString(Mono.delay(Duration.ofMillis(50))
						.map(t -> "{\"protocol\":\"" + request.version().text() + "\"}"));
			})
			.bindNow();
	}

	@AfterAll
	static void stop() {
		server.disposeNow();
	}

	@BeforeEach
	void reset() {
		tcpConnections.set(0);
		clientPorts.clear();
	}

	@Test
	void h2cWithPriorKnowledgeMultiplexesConcurrentRequestsOnOneConnection() {
		// streams are opened on the connection there is until it is full, instead of racing new connections
		ConnectionProvider pool = ConnectionProvider.builder("h2c").allocationStrategy(Http2AllocationStrategy.builder()
			.maxConnections(8).minConnections(1).strictConnectionReuse(true).build()).build();
		try (Dio dio = Dio.builder()
			.options(BaseOptions.builder().baseUrl("http://127.0.0.1:" + server.port()).build())
			.adapter(WebClientAdapter.create(HttpClient.create(pool).protocol(HttpProtocol.H2C)))
			.build()) {

			Response<Object> first = dio.get("/first").block(Duration.ofSeconds(20));
			List<Response<Object>> concurrent = Flux.range(0, 10)
				.flatMap(i -> dio.get("/concurrent/" + i))
				.collectList()
				.block(Duration.ofSeconds(30));

			assertThat(first.data()).isEqualTo(java.util.Map.of("protocol", "HTTP/2.0"));
			assertThat(first.extra()).containsEntry(WebClientAdapter.HTTP_VERSION, "HTTP/2.0");
			assertThat(concurrent).hasSize(10).allSatisfy(r -> assertThat(r.extra())
				.containsEntry(WebClientAdapter.HTTP_VERSION, "HTTP/2.0"));
			assertThat(clientPorts).as("every request on the same client connection").hasSize(1);
			assertThat(tcpConnections).as("TCP connections the server accepted").hasValue(1);
		}
		finally {
			pool.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	@Test
	void h2OverTlsIsNegotiatedWithAlpn(@TempDir Path dir) throws Exception {
		Path keystore = dir.resolve("server.p12");
		Path pem = dir.resolve("server.pem");
		keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-ext",
				"SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
				"-storepass", "changeit", "-keypass", "changeit");
		keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
				"-file", pem.toString());
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		DisposableServer tls = HttpServer.create().host("127.0.0.1").port(0)
			.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
			.secure(spec -> spec.sslContext(Http2SslContextSpec.forServer(keys)))
			.handle((request, response) -> response.header("Content-Type", "application/json")
				.sendString(Mono.just("{\"protocol\":\"" + request.version().text() + "\"}")))
			.bindNow();
		HttpClient client = HttpClient.create().protocol(HttpProtocol.HTTP11, HttpProtocol.H2)
			.secure(spec -> spec.sslContext(Http2SslContextSpec.forClient().configure(b -> b.trustManager(pem.toFile()))));
		try (Dio dio = Dio.builder().options(BaseOptions.builder().baseUrl("https://127.0.0.1:" + tls.port()).build())
			.adapter(WebClientAdapter.create(client)).build()) {
			Response<Object> response = dio.get("/").block(Duration.ofSeconds(20));

			assertThat(response.data()).isEqualTo(java.util.Map.of("protocol", "HTTP/2.0"));
			assertThat(response.extra()).containsEntry(WebClientAdapter.HTTP_VERSION, "HTTP/2.0");
		}
		finally {
			tls.disposeNow();
		}
	}

	private static void keytool(String... args) throws Exception {
		List<String> command = new java.util.ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	@Test
	void http11ResponsesSayTheirVersionToo() {
		DisposableServer http11 = HttpServer.create().host("127.0.0.1").port(0)
			.handle((request, response) -> response.sendString(Mono.just("ok")))
			.bindNow();
		try (Dio dio = Dio.create(BaseOptions.builder().baseUrl("http://127.0.0.1:" + http11.port()).build())) {
			assertThat(dio.get("/").block(Duration.ofSeconds(20)).extra())
				.containsEntry(WebClientAdapter.HTTP_VERSION, "HTTP/1.1");
		}
		finally {
			http11.disposeNow();
		}
	}

}
