package io.github.diospring.autoconfigure;

import io.github.diospring.Dio;
import io.github.diospring.adapter.ReactorNettyAdapter;
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
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dio.adapter} and {@code dio.clients.<name>.adapter}: Reactor Netty by default (the build
 * also runs this suite with the {@code dio.adapter=webclient} system property, which Boot reads as
 * the property), WebClient where asked, and a startup failure naming the property for a wrong value.
 */
class AdapterSelectionTest {

	private static final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, DioAutoConfiguration.class));

	/** Not Reactor Netty's global loops: every context closing would dispose those. */
	private static final LoopResources serverLoops = LoopResources.create("adapter-server", 1, true);

	private static DisposableServer server;

	@BeforeAll
	static void startServer() {
		server = HttpServer.create().runOn(serverLoops).host("127.0.0.1").port(0)
			.handle((request, response) -> response.header("content-type", "text/plain")
				.sendString(Mono.just("hello " + request.uri())))
			.bindNow();
	}

	@AfterAll
	static void stopServer() {
		server.disposeNow();
		serverLoops.disposeLater().block();
	}

	@Test
	void theDefaultClientIsOnReactorNettyAndANamedOneOnWebClientWhenItAsks() {
		Class<?> expectedDefault = "webclient".equals(System.getProperty("dio.adapter")) ? WebClientAdapter.class
				: ReactorNettyAdapter.class;
		runner.withPropertyValues("dio.base-url=http://127.0.0.1:" + server.port(),
				"dio.clients.legacy.adapter=webclient", "dio.clients.direct.adapter=reactor-netty").run(context -> {
					DioClients clients = context.getBean(DioClients.class);
					assertThat(clients.get(ClientSettings.DEFAULT_CLIENT).httpClientAdapter()).isExactlyInstanceOf(expectedDefault);
					assertThat(clients.get("legacy").httpClientAdapter()).isExactlyInstanceOf(WebClientAdapter.class);
					assertThat(clients.get("direct").httpClientAdapter()).isExactlyInstanceOf(ReactorNettyAdapter.class);
					for (String name : new String[] { ClientSettings.DEFAULT_CLIENT, "legacy", "direct" }) {
						Dio dio = clients.get(name);
						assertThat(dio.get("/" + name, String.class).block().data()).isEqualTo("hello /" + name);
					}
				});
	}

	@Test
	void aWrongAdapterFailsAtStartupNamingTheProperty() {
		runner.withPropertyValues("dio.clients.orders.adapter=okhttp").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("okhttp");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("dio.clients.orders.adapter");
		});
	}

}
