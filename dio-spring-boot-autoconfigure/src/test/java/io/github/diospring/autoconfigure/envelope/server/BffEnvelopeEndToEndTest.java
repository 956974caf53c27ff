package io.github.diospring.autoconfigure.envelope.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.diospring.Dio;
import io.github.diospring.Response;
import io.github.diospring.envelope.EnvelopeResponse;
import io.github.diospring.envelope.Page;
import io.github.diospring.testing.LocalServer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path a browser sees: a Spring MVC back-end-for-front-end on Tomcat calls an
 * envelope-speaking upstream (WireMock) through the auto-configured {@link Dio}, and a real HTTP
 * client reads the exact JSON an Ant Design Pro front end receives, for every outcome. No answer
 * names the upstream's address.
 */
@SpringBootTest(classes = BffEnvelopeEndToEndTest.Bff.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dio.envelope.server.enabled=true", "dio.envelope.server.host=bff-1", "dio.receive-timeout=500ms",
				"spring.main.web-application-type=servlet" })
class BffEnvelopeEndToEndTest {

	@RegisterExtension
	static final LocalServer upstream = new LocalServer();

	static final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	static int deadPort;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void upstreamAddress(DynamicPropertyRegistry registry) throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		registry.add("dio.base-url", upstream::baseUrl);
		registry.add("dio.clients.dead.base-url", () -> "http://127.0.0.1:" + deadPort);
	}

	/** Attached once the application runs: Boot resets the logging system when it starts. */
	@BeforeEach
	void captureLogs() {
		logs.list.clear();
		logs.start();
		((Logger) LoggerFactory.getLogger(ServerEnvelopes.class)).addAppender(logs);
	}

	@AfterEach
	void releaseLogs() {
		((Logger) LoggerFactory.getLogger(ServerEnvelopes.class)).detachAppender(logs);
	}

	record User(long id, String name) {
	}

	record NewUser(@NotBlank String name) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Bff {

		@RestController
		@EnvelopeResponse
		static class Api {

			private final Dio dio;

			private final Dio dead;

			Api(Dio dio, @Qualifier("dead") Dio dead) {
				this.dio = dio;
				this.dead = dead;
			}

			@GetMapping("/api/users/{id}")
			User user(@PathVariable long id) {
				return this.dio.get("/users/{id}", User.class, r -> r.pathVariable("id", id)).block().data();
			}

			@GetMapping("/api/users")
			Page<User> users(@RequestParam int current) {
				return this.dio.get("/users", new ParameterizedTypeReference<Page<User>>() {
				}, r -> r.queryParameter("current", current)).block().data();
			}

			@GetMapping("/api/orders/{id}")
			Object order(@PathVariable long id) {
				return this.dio.get("/orders/{id}", r -> r.pathVariable("id", id)).map(Response::data).block();
			}

			@GetMapping("/api/me")
			Object me() {
				return this.dio.get("/me").map(Response::data).block();
			}

			@GetMapping("/api/slow")
			Object slow() {
				return this.dio.get("/slow").map(Response::data).block();
			}

			@GetMapping("/api/down")
			Object down() {
				return this.dead.get("/anything").map(Response::data).block();
			}

			@PostMapping("/api/users")
			User create(@Valid @RequestBody NewUser user) {
				return new User(3, user.name());
			}

		}

	}

	private static void stubUpstream() {
		upstream.wireMock().stubFor(get("/users/1").willReturn(okJson(
				"{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ann\"},\"traceId\":\"up-1\",\"host\":\"upstream-1\"}")));
		upstream.wireMock().stubFor(get(urlPathEqualTo("/users")).willReturn(okJson("{\"success\":true,\"data\":{\"list\":"
				+ "[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bo\"}],\"current\":1,\"pageSize\":2,\"total\":3}}")));
		// the upstream numbers like umi 3: 4 is NOTIFICATION
		upstream.wireMock().stubFor(get("/orders/9").willReturn(okJson("{\"success\":false,\"errorCode\":\"ORDER_LOCKED\","
				+ "\"errorMessage\":\"订单已锁定\",\"showType\":4,\"traceId\":\"up-trace-9\",\"host\":\"upstream-1\"}")));
		upstream.wireMock().stubFor(get("/me").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
			.withBody("{\"success\":false,\"errorCode\":\"401\",\"errorMessage\":\"请先登录\",\"showType\":9}")));
		// stalls ten times longer than the BFF's receive timeout
		upstream.wireMock().stubFor(get("/slow").willReturn(okJson("{\"success\":true,\"data\":1}").withFixedDelay(5000)));
	}

	private HttpResponse<String> call(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		request = (json != null) ? request.header("Content-Type", "application/json").method(method,
				HttpRequest.BodyPublishers.ofString(json)) : request.method(method, HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).as("no answer names the upstream")
			.doesNotContain(":" + upstream.wireMock().port(), ":" + deadPort, "127.0.0.1", "http://");
		return response;
	}

	private HttpResponse<String> browse(String path) throws Exception {
		return call("GET", path, null);
	}

	private static String withTrace(HttpResponse<String> response, String json) {
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		assertThat(traceId).matches("[0-9a-f]{32}");
		return json.replace("<T>", traceId);
	}

	@Test
	void theBrowserReceivesExactlyTheseEnvelopes() throws Exception {
		stubUpstream();

		HttpResponse<String> user = browse("/api/users/1");
		assertThat(user.statusCode()).isEqualTo(200);
		assertThat(user.body()).isEqualTo(withTrace(user,
				"{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ann\"},\"traceId\":\"<T>\",\"host\":\"bff-1\"}"));

		HttpResponse<String> page = browse("/api/users?current=1");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).isEqualTo(withTrace(page, "{\"success\":true,\"data\":{\"list\":[{\"id\":1,\"name\":\"Ann\"},"
				+ "{\"id\":2,\"name\":\"Bo\"}],\"current\":1,\"pageSize\":2,\"total\":3},\"traceId\":\"<T>\",\"host\":\"bff-1\"}"));

		// the upstream's business error passes through, NOTIFICATION renumbered for Ant Design Pro
		HttpResponse<String> business = browse("/api/orders/9");
		assertThat(business.statusCode()).isEqualTo(200);
		assertThat(business.body()).isEqualTo("{\"success\":false,\"errorCode\":\"ORDER_LOCKED\",\"errorMessage\":\"订单已锁定\","
				+ "\"showType\":3,\"traceId\":\"up-trace-9\",\"host\":\"upstream-1\"}");

		HttpResponse<String> login = browse("/api/me");
		assertThat(login.statusCode()).isEqualTo(401);
		assertThat(login.body()).isEqualTo(withTrace(login, "{\"success\":false,\"errorCode\":\"401\",\"errorMessage\":\"请先登录\","
				+ "\"showType\":9,\"traceId\":\"<T>\",\"host\":\"bff-1\"}"));

		HttpResponse<String> timeout = browse("/api/slow");
		assertThat(timeout.statusCode()).isEqualTo(504);
		assertThat(timeout.body()).isEqualTo(withTrace(timeout, "{\"success\":false,\"errorCode\":\"RECEIVE_TIMEOUT\","
				+ "\"errorMessage\":\"The upstream service did not answer in time, please retry.\",\"showType\":2,"
				+ "\"traceId\":\"<T>\",\"host\":\"bff-1\"}"));

		HttpResponse<String> refused = browse("/api/down");
		assertThat(refused.statusCode()).isEqualTo(502);
		assertThat(refused.body()).isEqualTo(withTrace(refused, "{\"success\":false,\"errorCode\":\"CONNECTION_ERROR\","
				+ "\"errorMessage\":\"The upstream service cannot be reached, please retry.\",\"showType\":2,"
				+ "\"traceId\":\"<T>\",\"host\":\"bff-1\"}"));

		HttpResponse<String> invalid = call("POST", "/api/users", "{\"name\":\"\"}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).isEqualTo(withTrace(invalid, "{\"success\":false,\"data\":{\"name\":\"must not be blank\"},"
				+ "\"errorCode\":\"VALIDATION_FAILED\",\"errorMessage\":\"name: must not be blank\",\"showType\":1,"
				+ "\"traceId\":\"<T>\",\"host\":\"bff-1\"}"));

		HttpResponse<String> unknown = browse("/api/nope");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).isEqualTo(withTrace(unknown, "{\"success\":false,\"errorCode\":\"NOT_FOUND\","
				+ "\"errorMessage\":\"No static resource api/nope.\",\"showType\":2,\"traceId\":\"<T>\",\"host\":\"bff-1\"}"));

		// the detail stays in the server's log, on the line with the browser's traceId
		String timeoutTrace = timeout.headers().firstValue("X-Trace-Id").orElseThrow();
		assertThat(logs.list).anySatisfy(event -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).contains("GET /api/slow", "RECEIVE_TIMEOUT", "traceId=" + timeoutTrace,
					"/slow");
		});
	}

	@Test
	void aUmi3FrontEndGetsUmi3NumberingAndTheMachinesHostName() throws Exception {
		stubUpstream();
		try (ConfigurableApplicationContext umi3 = new SpringApplicationBuilder(Bff.class)
			.properties("server.port=0", "dio.envelope.server.enabled=true", "dio.envelope.server.front-end=umi3",
					"dio.base-url=" + upstream.baseUrl(), "dio.clients.dead.base-url=http://127.0.0.1:" + deadPort,
					"spring.main.web-application-type=servlet")
			.run()) {
			int umi3Port = umi3.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			HttpResponse<String> business = browser.send(HttpRequest.newBuilder(
					URI.create("http://127.0.0.1:" + umi3Port + "/api/orders/9")).build(), HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> user = browser.send(HttpRequest.newBuilder(
					URI.create("http://127.0.0.1:" + umi3Port + "/api/users/1")).build(), HttpResponse.BodyHandlers.ofString());

			assertThat(business.body()).isEqualTo("{\"success\":false,\"errorCode\":\"ORDER_LOCKED\",\"errorMessage\":\"订单已锁定\","
					+ "\"showType\":4,\"traceId\":\"up-trace-9\",\"host\":\"upstream-1\"}");
			assertThat(user.body()).endsWith("\"host\":\"" + java.net.InetAddress.getLocalHost().getHostName() + "\"}");
		}
	}


}
