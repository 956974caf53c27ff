package io.github.diospring.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Response;
import io.github.diospring.adapter.CertificatePinner;
import io.github.diospring.adapter.WebClientAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code dio.clients.<name>.http-version}: h2c against a server that speaks only HTTP/2 (so an
 * HTTP/1.1 request would fail), concurrent requests multiplexed on one connection, h2 over TLS
 * negotiated with ALPN while the SSL bundle and the pins still apply, the version on every
 * response, and an unknown version refused at startup.
 */
class DioHttpVersionTest {

	private static DisposableServer h2c;

	private static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, DioAutoConfiguration.class));

	/** The servers' own event loop: a context that closes disposes Reactor Netty's global one. */
	private static final LoopResources serverLoops = LoopResources.create("h2-server", 1, true);

	@BeforeAll
	static void start() {
		h2c = HttpServer.create().runOn(serverLoops).host("127.0.0.1").port(0).protocol(HttpProtocol.H2C)
			.handle((request, response) -> {
				clientPorts.add(request.remoteAddress().getPort());
				return response.header("Content-Type", "application/json")
					.sendString(Mono.delay(Duration.ofMillis(50)).map(t -> "{\"protocol\":\"" + request.version().text() + "\"}"));
			})
			.bindNow();
	}

	@AfterAll
	static void stop() {
		h2c.disposeNow();
		serverLoops.disposeLater().block(Duration.ofSeconds(10));
	}

	@Test
	void h2cClientsMultiplexOnOneConnectionAndSayTheVersion() {
		this.runner.withPropertyValues("dio.clients.fast.base-url=http://127.0.0.1:" + h2c.port(),
				"dio.clients.fast.http-version=h2c")
			.run(context -> {
				Dio dio = context.getBean(DioClients.class).get("fast");
				Response<Object> first = dio.get("/").block(Duration.ofSeconds(20));
				clientPorts.clear();
				List<Response<Object>> concurrent = Flux.range(0, 10).flatMap(i -> dio.get("/" + i)).collectList()
					.block(Duration.ofSeconds(30));

				assertThat(first.data()).isEqualTo(Map.of("protocol", "HTTP/2.0"));
				assertThat(concurrent).allSatisfy(r -> assertThat(r.extra())
					.containsEntry(WebClientAdapter.HTTP_VERSION, "HTTP/2.0"));
				assertThat(clientPorts).as("one client connection for all streams").hasSize(1);
				assertThat(context.getBean(DioClients.class).configuration("fast").get("http-version"))
					.isEqualTo(Map.of("value", "H2C", "source", "client"));
			});
	}

	@Test
	void theDefaultStaysOnHttp11AndSaysSo() {
		DisposableServer http11 = HttpServer.create().runOn(serverLoops).host("127.0.0.1").port(0)
			.handle((request, response) -> response.sendString(Mono.just("ok")))
			.bindNow();
		try {
			this.runner.withPropertyValues("dio.base-url=http://127.0.0.1:" + http11.port(), "dio.http-version=http-1-1")
				.run(context -> assertThat(context.getBean(Dio.class).get("/").block(Duration.ofSeconds(20)).extra())
					.containsEntry(WebClientAdapter.HTTP_VERSION, "HTTP/1.1"));
		}
		finally {
			http11.disposeNow();
		}
	}

	@Test
	void h2OverTlsKeepsTheBundleAndThePinsAndNegotiatesWithAlpn(@TempDir Path dir) throws Exception {
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
		String pin = CertificatePinner.pin((X509Certificate) store.getCertificate("server"));
		DisposableServer tls = HttpServer.create().runOn(serverLoops).host("127.0.0.1").port(0)
			.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
			.secure(spec -> spec.sslContext(Http2SslContextSpec.forServer(keys)))
			.handle((request, response) -> response.header("Content-Type", "application/json")
				.sendString(Mono.just("{\"protocol\":\"" + request.version().text() + "\"}")))
			.bindNow();
		try {
			this.runner.withPropertyValues("spring.ssl.bundle.pem.upstream.truststore.certificate=" + pem.toUri(),
					"dio.clients.tls.base-url=https://127.0.0.1:" + tls.port(), "dio.clients.tls.http-version=h2",
					"dio.clients.tls.ssl.bundle=upstream", "dio.clients.tls.ssl.pins.127.0.0.1=" + pin,
					"dio.clients.wrongpin.base-url=https://127.0.0.1:" + tls.port(), "dio.clients.wrongpin.http-version=h2",
					"dio.clients.wrongpin.ssl.bundle=upstream",
					"dio.clients.wrongpin.ssl.pins.127.0.0.1=sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
				.run(context -> {
					Response<Object> response = context.getBean(DioClients.class).get("tls").get("/")
						.block(Duration.ofSeconds(20));
					DioException refused = catchThrowableOfType(DioException.class,
							() -> context.getBean(DioClients.class).get("wrongpin").get("/").block(Duration.ofSeconds(20)));

					assertThat(response.data()).isEqualTo(Map.of("protocol", "HTTP/2.0"));
					assertThat(response.extra()).containsEntry(WebClientAdapter.HTTP_VERSION, "HTTP/2.0");
					assertThat(refused.type()).as("pins still checked with ALPN").isEqualTo(DioExceptionType.BAD_CERTIFICATE);
				});
		}
		finally {
			tls.disposeNow();
		}
	}

	@Test
	void anUnknownVersionFailsAtStartupNamingTheProperty() {
		this.runner.withPropertyValues("dio.http-version=h3").run(context -> assertThat(context).hasFailed()
			.getFailure().hasStackTraceContaining("dio.http-version"));
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

}
