package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.diospring.Dio;
import io.github.diospring.Response;
import io.github.diospring.adapter.WebClientAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dio.clients.<name>.http-version}: h2c against a server that speaks only HTTP/2 (so an
 * HTTP/1.1 request would fail), concurrent requests multiplexed on one connection, the version on
 * every response, and a bad combination refused at startup.
 */
class DioHttpVersionTest {

	private static DisposableServer h2c;

	private static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, DioAutoConfiguration.class));

	@BeforeAll
	static void start() {
		h2c = HttpServer.create().host("127.0.0.1").port(0).protocol(HttpProtocol.H2C)
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
			});
	}

	@Test
	void theDefaultStaysOnHttp11AndSaysSo() {
		DisposableServer http11 = HttpServer.create().host("127.0.0.1").port(0)
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
	void anUnknownVersionAndH2WithABundleFailAtStartupNamingTheProperty() {
		this.runner.withPropertyValues("dio.http-version=h3").run(context -> assertThat(context).hasFailed()
			.getFailure().hasStackTraceContaining("dio.http-version"));
		this.runner.withPropertyValues("dio.clients.tls.http-version=h2", "dio.clients.tls.ssl.pins.example.com=sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
			.run(context -> assertThat(context).hasFailed().getFailure()
				.hasStackTraceContaining("dio.clients.tls.http-version").hasStackTraceContaining("ALPN"));
	}

}
