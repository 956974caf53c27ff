package io.github.diospring.autoconfigure;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.testing.CrowdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The auto-configured clients' limits: finite default timeouts, the in-memory cap, a pool that
 * carries a production load, {@code dio.pool.*} and {@code dio.clients.<name>.pool.*}, and
 * startup failures naming the property.
 */
class DioLimitsAutoConfigurationTest {

	private static final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, DioAutoConfiguration.class));

	/** {@code /load} answers once 64 requests are in (or after 10 s); {@code /quick} at once; {@code /never} never. */
	private static CrowdServer server;

	@BeforeAll
	static void startServer() {
		server = CrowdServer.start(64);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private static String baseUrl() {
		return "dio.base-url=http://127.0.0.1:" + server.port();
	}

	@Test
	void theAutoConfiguredClientHasFiniteTimeoutsAndAnInMemoryCap() {
		runner.run(context -> {
			BaseOptions options = context.getBean(Dio.class).options();
			assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(options.receiveTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(options.callTimeout()).isNull();
			assertThat(options.maxInMemorySize()).isEqualTo(10L * 1024 * 1024);
		});
	}

	@Test
	void callTimeoutAndMaxInMemorySizeAreSetPerClient() {
		runner.withPropertyValues("dio.call-timeout=5s", "dio.max-in-memory-size=1MB", "dio.receive-timeout=0",
				"dio.clients.files.max-in-memory-size=-1", "dio.clients.files.call-timeout=0")
			.run(context -> {
				BaseOptions top = context.getBean(Dio.class).options();
				BaseOptions files = context.getBean(DioClients.class).get("files").options();
				assertThat(top.callTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(top.maxInMemorySize()).isEqualTo(1024 * 1024);
				assertThat(top.receiveTimeout()).isNull();
				assertThat(files.callTimeout()).isNull();
				assertThat(files.maxInMemorySize()).isEqualTo(-1);
				assertThat(files.receiveTimeout()).isNull();
			});
	}

	@Test
	void theAutoConfiguredClientCarries2000RequestsAt256InFlightWithoutErrors() {
		runner.withPropertyValues(baseUrl()).run(context -> {
			Dio dio = context.getBean(Dio.class);
			List<Throwable> errors = new CopyOnWriteArrayList<>();
			Long answered = Flux.range(0, 2000)
				.flatMap(i -> dio.get("/load", String.class).onErrorResume(e -> {
					errors.add(e);
					return Mono.empty();
				}), 256)
				.count()
				.block(Duration.ofMinutes(2));

			assertThat(errors).isEmpty();
			assertThat(answered).isEqualTo(2000);
			assertThat(server.peakInFlight()).isGreaterThanOrEqualTo(64);
		});
	}

	@Test
	void aClientsOwnPoolIsExhaustedWithAConnectionErrorNamingTheProperty() {
		runner.withPropertyValues(baseUrl(), "dio.pool.max-connections=1", "dio.pool.pending-acquire-max-count=1")
			.run(context -> {
				Dio dio = context.getBean(Dio.class);
				dio.get("/never").subscribe(r -> { }, e -> { });
				dio.get("/never").subscribe(r -> { }, e -> { });

				DioException e = org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(20))
					.until(() -> catchThrowableOfType(DioException.class,
							() -> dio.get("/never").block(Duration.ofSeconds(5))), thrown -> thrown != null
									&& thrown.type() == DioExceptionType.CONNECTION_ERROR);

				assertThat(e.getMessage()).contains("maximum size of 1").contains("dio.pool.");
			});
	}

	@Test
	void aNamedClientInheritsThePoolAndOverridesItsOwnValues() {
		runner.withPropertyValues(baseUrl(), "dio.pool.max-connections=1", "dio.pool.pending-acquire-max-count=1",
				"dio.clients.wide.pool.pending-acquire-max-count=100")
			.run(context -> {
				Dio wide = context.getBean(DioClients.class).get("wide");
				for (int i = 0; i < 5; i++) {
					wide.get("/never").subscribe(r -> { }, e -> { });
				}

				// one connection (inherited), and room for the waiting requests (its own)
				assertThat(wide.get("/quick", String.class).timeout(Duration.ofSeconds(3))
					.onErrorResume(java.util.concurrent.TimeoutException.class, ex -> Mono.empty())
					.blockOptional(Duration.ofSeconds(20))).isEmpty();
			});
	}

	@Test
	void closingTheContextLeavesTheApplicationsReactorNettyResourcesAlone() {
		LoopResources appLoops = LoopResources.create("app", 1, true);
		ConnectionProvider appPool = ConnectionProvider.create("app", 8);
		try {
			// the default client runs on the application's pool and loops, the named one on its own pool and them
			runner.withBean(ReactorResourceFactory.class, () -> resourcesOf(appLoops, appPool))
				.withPropertyValues(baseUrl(), "dio.clients.pooled.pool.max-connections=2")
				.run(context -> {
					assertThat(context.getBean(Dio.class).get("/quick", String.class).block(Duration.ofSeconds(20)).data())
						.isEqualTo("ok");
					assertThat(context.getBean(DioClients.class).get("pooled").get("/quick", String.class)
						.block(Duration.ofSeconds(20)).data()).isEqualTo("ok");
				});

			assertThat(appPool.isDisposed()).isFalse();
			assertThat(appLoops.isDisposed()).isFalse();
			assertThat(HttpClient.create(appPool).runOn(appLoops).get().uri("http://127.0.0.1:" + server.port() + "/quick")
				.responseContent().aggregate().asString().block(Duration.ofSeconds(20))).isEqualTo("ok");
		}
		finally {
			appPool.disposeLater().block(Duration.ofSeconds(10));
			appLoops.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	/** Resources the application created and disposes itself: the factory neither makes nor disposes any. */
	private static ReactorResourceFactory resourcesOf(LoopResources loops, ConnectionProvider pool) {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		factory.setLoopResources(loops);
		factory.setConnectionProvider(pool);
		return factory;
	}

	@Test
	void theAutoConfiguredClientResendsAGetWhosePooledConnectionTheServerClosed() throws Exception {
		// answers one request per connection with keep-alive headers; a second request on it gets a close
		try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			ExecutorService threads = Executors.newCachedThreadPool();
			threads.submit(() -> {
				while (!listener.isClosed()) {
					Socket socket = listener.accept();
					threads.submit(() -> {
						try (socket) {
							InputStream in = socket.getInputStream();
							readHead(in);
							socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
									+ "Connection: keep-alive\r\nContent-Length: 2\r\n\r\nok").getBytes(StandardCharsets.US_ASCII));
							readHead(in);
						}
						return null;
					});
				}
				return null;
			});
			try {
				runner.withPropertyValues("dio.base-url=http://127.0.0.1:" + listener.getLocalPort()).run(context -> {
					Dio dio = context.getBean(Dio.class);
					for (int i = 0; i < 10; i++) {
						assertThat(dio.get("/items", String.class).block(Duration.ofSeconds(20)).data()).isEqualTo("ok");
					}
				});
			}
			finally {
				threads.shutdownNow();
			}
		}
	}

	private static void readHead(InputStream in) throws java.io.IOException {
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				return;
			}
			matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
	}

	@Test
	void invalidLimitsFailAtStartupNamingTheProperty() {
		runner.withPropertyValues("dio.clients.orders.pool.max-connections=0").run(context -> {
			FailureAnalysis analysis = DioAutoConfigurationTest.analysis(context);
			assertThat(analysis.getDescription()).contains("dio.clients.orders.pool.max-connections");
		});
		runner.withPropertyValues("dio.pool.pending-acquire-timeout=-1s").run(context -> {
			FailureAnalysis analysis = DioAutoConfigurationTest.analysis(context);
			assertThat(analysis.getDescription()).contains("dio.pool.pending-acquire-timeout");
		});
		runner.withPropertyValues("dio.max-in-memory-size=0").run(context -> {
			FailureAnalysis analysis = DioAutoConfigurationTest.analysis(context);
			assertThat(analysis.getDescription()).contains("dio.max-in-memory-size");
		});
		runner.withPropertyValues("dio.clients.slow.call-timeout=-1s").run(context -> {
			FailureAnalysis analysis = DioAutoConfigurationTest.analysis(context);
			assertThat(analysis.getDescription()).contains("dio.clients.slow.call-timeout");
		});
	}

}
