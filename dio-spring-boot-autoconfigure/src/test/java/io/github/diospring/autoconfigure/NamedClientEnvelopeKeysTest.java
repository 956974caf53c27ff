package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.envelope.BizException;
import io.github.diospring.envelope.ShowType;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every {@code dio.clients.<name>.error-adaptor.*} key takes effect for that client alone: one
 * application with one named client per key, and the primary client as the control.
 */
class NamedClientEnvelopeKeysTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	static ConfigurableApplicationContext context;

	record User(long id, String name) {
	}

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("dio.base-url=" + server.baseUrl(),
					"dio.clients.off.error-adaptor.enabled=false",
					"dio.clients.success.error-adaptor.fields.success=ok",
					"dio.clients.data.error-adaptor.fields.data=payload",
					"dio.clients.code.error-adaptor.fields.error-code=code",
					"dio.clients.message.error-adaptor.fields.error-message=msg",
					"dio.clients.show.error-adaptor.fields.show-type=level",
					"dio.clients.trace.error-adaptor.fields.trace-id=tid",
					"dio.clients.host.error-adaptor.fields.host=server",
					"dio.clients.value.error-adaptor.success-value=yes",
					"dio.clients.unwrap.error-adaptor.data-field=result",
					"dio.clients.pro.error-adaptor.notification-show-type=3",
					"dio.clients.page.error-adaptor.error-page=/oops",
					"dio.clients.inspect.error-adaptor.max-inspect-size=100B",
					"dio.clients.length.error-adaptor.max-message-length=10",
					"dio.clients.headers.error-adaptor.trace-headers=X-Request-Id")
			.run();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	private static void json(String path, String body) {
		server.wireMock().stubFor(get(path).willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withHeader("X-Request-Id", "req-7").withBody(body)));
	}

	private static Dio client(String name) {
		return context.getBean(DioClients.class).get(name);
	}

	private static BizException biz(String client, String path) {
		DioException e = catchThrowableOfType(DioException.class, () -> client(client).get(path).block(Duration.ofSeconds(10)));
		assertThat(e).as("%s %s fails with a BizException", client, path).isInstanceOf(BizException.class);
		return (BizException) e;
	}

	private static Object data(String client, String path) {
		return client(client).get(path).block(Duration.ofSeconds(10)).data();
	}

	static Stream<Arguments> keys() {
		Map<String, BiConsumer<String, String>> checks = new java.util.LinkedHashMap<>();
		checks.put("enabled", (client, p) -> {
			json(p, "{\"success\":false,\"errorMessage\":\"no\"}");
			assertThat(data(client, p)).isEqualTo(Map.of("success", false, "errorMessage", "no"));
			assertThat(context.getBean(DioClients.class).interceptorChain(client)).doesNotContain("dioErrorAdaptorInterceptor");
		});
		checks.put("fields.success", (client, p) -> {
			json(p, "{\"ok\":false,\"errorMessage\":\"not ok\"}");
			assertThat(biz(client, p).errorInfo().errorMessage()).isEqualTo("not ok");
		});
		checks.put("fields.data", (client, p) -> {
			json(p, "{\"success\":true,\"payload\":{\"id\":1,\"name\":\"Ann\"}}");
			assertThat(client(client).get(p, User.class).block(Duration.ofSeconds(10)).data()).isEqualTo(new User(1, "Ann"));
		});
		checks.put("fields.error-code", (client, p) -> {
			json(p, "{\"success\":false,\"code\":\"C9\",\"errorMessage\":\"m\"}");
			assertThat(biz(client, p).errorInfo().errorCode()).isEqualTo("C9");
		});
		checks.put("fields.error-message", (client, p) -> {
			json(p, "{\"success\":false,\"msg\":\"from msg\"}");
			assertThat(biz(client, p).errorInfo().errorMessage()).isEqualTo("from msg");
		});
		checks.put("fields.show-type", (client, p) -> {
			json(p, "{\"success\":false,\"errorMessage\":\"m\",\"level\":1}");
			assertThat(biz(client, p).errorInfo().showType()).isEqualTo(ShowType.WARN_MESSAGE);
		});
		checks.put("fields.trace-id", (client, p) -> {
			json(p, "{\"success\":false,\"errorMessage\":\"m\",\"tid\":\"t-1\"}");
			assertThat(biz(client, p).errorInfo().traceId()).isEqualTo("t-1");
		});
		checks.put("fields.host", (client, p) -> {
			json(p, "{\"success\":false,\"errorMessage\":\"m\",\"server\":\"10.0.0.9\"}");
			assertThat(biz(client, p).errorInfo().host()).isEqualTo("10.0.0.9");
		});
		checks.put("success-value", (client, p) -> {
			json(p, "{\"success\":\"no\",\"errorMessage\":\"m\"}");
			json(p + "-ok", "{\"success\":\"yes\",\"data\":1}");
			assertThat(biz(client, p).errorInfo().errorMessage()).isEqualTo("m");
			assertThat(client(client).get(p + "-ok", Integer.class).block(Duration.ofSeconds(10)).data()).isEqualTo(1);
		});
		checks.put("data-field", (client, p) -> {
			json(p, "{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ann\"},\"result\":{\"id\":2,\"name\":\"Bo\"}}");
			assertThat(client(client).get(p, User.class).block(Duration.ofSeconds(10)).data()).isEqualTo(new User(2, "Bo"));
		});
		checks.put("notification-show-type", (client, p) -> {
			json(p, "{\"success\":false,\"errorMessage\":\"m\",\"showType\":3}");
			assertThat(biz(client, p).errorInfo().showType()).isEqualTo(ShowType.NOTIFICATION);
		});
		checks.put("error-page", (client, p) -> {
			json(p, "{\"success\":false,\"errorCode\":\"401\",\"errorMessage\":\"login\",\"showType\":9}");
			List<DioErrorEvent> events = context.getBean(App.class).events;
			events.clear();
			biz(client, p);
			assertThat(events).singleElement().satisfies(e -> assertThat(e.redirectUrl()).startsWith("/oops?errorCode=401"));
		});
		checks.put("max-inspect-size", (client, p) -> {
			json(p, "{\"success\":false,\"errorMessage\":\"" + "x".repeat(200) + "\"}");
			assertThat(data(client, p)).isInstanceOf(Map.class);
		});
		checks.put("max-message-length", (client, p) -> {
			json(p, "{\"success\":false,\"errorMessage\":\"" + "x".repeat(200) + "\"}");
			assertThat(biz(client, p).errorInfo().errorMessage()).isEqualTo("x".repeat(10) + "…");
		});
		checks.put("trace-headers", (client, p) -> {
			json(p, "{\"success\":false,\"errorMessage\":\"m\"}");
			assertThat(biz(client, p).errorInfo().traceId()).isEqualTo("req-7");
		});
		List<String> clients = List.of("off", "success", "data", "code", "message", "show", "trace", "host", "value",
				"unwrap", "pro", "page", "inspect", "length", "headers");
		List<String> names = List.copyOf(checks.keySet());
		return java.util.stream.IntStream.range(0, names.size())
			.mapToObj(i -> Arguments.of(names.get(i), clients.get(i), checks.get(names.get(i))));
	}

	@ParameterizedTest(name = "dio.clients.<name>.error-adaptor.{0}")
	@MethodSource("keys")
	void aNamedClientsOwnKeyTakesEffectForItAlone(String key, String client, BiConsumer<String, String> check) {
		String path = "/" + client;
		check.accept(client, path);
		// the primary client keeps umi's defaults on the same answer
		switch (key) {
			case "enabled", "max-inspect-size" -> assertThat(biz("default", path)).isNotNull();
			case "max-message-length" -> assertThat(biz("default", path).errorInfo().errorMessage()).hasSize(200);
			case "trace-headers" -> assertThat(biz("default", path).errorInfo().traceId()).isNull();
			case "fields.error-message" -> assertThat(biz("default", path).serverMessage()).isNull();
			case "fields.show-type" -> assertThat(biz("default", path).errorInfo().showType()).isEqualTo(ShowType.ERROR_MESSAGE);
			case "fields.error-code" -> assertThat(biz("default", path).errorInfo().errorCode()).isNull();
			case "notification-show-type" -> assertThat(biz("default", path).errorInfo().showType()).isEqualTo(ShowType.ERROR_MESSAGE);
			case "error-page" -> {
				List<DioErrorEvent> events = context.getBean(App.class).events;
				events.clear();
				biz("default", path);
				assertThat(events).singleElement().satisfies(e -> assertThat(e.redirectUrl()).startsWith("/exception?"));
			}
			default -> {
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
			ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class, DioAutoConfiguration.class })
	static class App {

		final List<DioErrorEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(DioErrorEvent event) {
			this.events.add(event);
		}

	}

}
