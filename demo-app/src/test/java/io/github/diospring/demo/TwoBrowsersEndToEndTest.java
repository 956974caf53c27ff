package io.github.diospring.demo;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo as two Ant Design Pro users see it: two browsers, each with its own cookie jar, talk to
 * the running BFF over real HTTP through login, orders, profile (a per-user token refresh under
 * concurrency), a business error, a notification, the 401 redirect, a timeout and a page. Each
 * answer is compared with the exact envelope the browser must receive (traceId and host checked,
 * then set aside), and nothing the second browser receives carries the first one's data or any
 * upstream credential.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwoBrowsersEndToEndTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger envelopeLog = (Logger) LoggerFactory
		.getLogger("io.github.diospring.autoconfigure.envelope.server.ServerEnvelopes");

	@LocalServerPort
	int port;

	@BeforeEach
	void captureLogs() {
		this.logs.start();
		this.envelopeLog.addAppender(this.logs);
	}

	@AfterEach
	void releaseLogs() {
		this.envelopeLog.detachAppender(this.logs);
	}

	@Test
	void twoUsersEachSeeOnlyTheirOwnUpstreamSession() throws Exception {
		Browser ann = new Browser("ann");
		Browser other = new Browser("other");

		// not logged in: the 401 envelope that sends Pro to its login page (showType 9)
		assertThat(ann.get("/api/orders")).isEqualTo(error("NOT_LOGGED_IN", "请先登录", 9));
		assertThat(ann.post("/api/login", "{\"user\":\"ann\"}")).isEqualTo(ok("{\"user\":\"ann\"}"));
		assertThat(ann.get("/api/orders")).isEqualTo(ok("[{\"id\":1001,\"owner\":\"ann\"}]"));

		// the second browser never logged in: it is not ann
		assertThat(other.get("/api/orders")).isEqualTo(error("NOT_LOGGED_IN", "请先登录", 9));
		assertThat(other.get("/api/profile")).isEqualTo(error("NOT_LOGGED_IN", "请先登录", 9));

		// ann's token: refreshed once for five concurrent calls, never sent to the browser
		List<CompletableFuture<Map<String, Object>>> profiles = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			profiles.add(ann.getAsync("/api/profile"));
		}
		for (CompletableFuture<Map<String, Object>> profile : profiles) {
			assertThat(profile.get()).isEqualTo(ok("{\"name\":\"ann\"}"));
		}
		assertThat(refreshesOf("ann")).isEqualTo(1);

		// the second browser logs in as bob: its own session, its own token, ann's untouched
		assertThat(other.post("/api/login", "{\"user\":\"bob\"}")).isEqualTo(ok("{\"user\":\"bob\"}"));
		assertThat(other.get("/api/orders")).isEqualTo(ok("[{\"id\":1001,\"owner\":\"bob\"}]"));
		assertThat(other.get("/api/profile")).isEqualTo(ok("{\"name\":\"bob\"}"));
		assertThat(ann.get("/api/profile")).isEqualTo(ok("{\"name\":\"ann\"}"));
		assertThat(ann.get("/api/orders")).isEqualTo(ok("[{\"id\":1001,\"owner\":\"ann\"}]"));
		assertThat(refreshesOf("ann")).isEqualTo(1);
		assertThat(refreshesOf("bob")).isEqualTo(1);

		// a business error, a notification (numbered for Pro: 3), a page
		assertThat(ann.get("/api/users/9")).isEqualTo(error("USER_NOT_FOUND", "用户不存在: 9", 2));
		assertThat(ann.get("/api/announcements")).isEqualTo(error("MAINTENANCE", "系统将于今晚 22:00 维护，请提前保存", 3));
		assertThat(ann.get("/api/users?current=2")).isEqualTo(
				ok("{\"list\":[{\"id\":3,\"name\":\"Cy\",\"email\":\"cy@example.com\"}],\"current\":2,\"pageSize\":2,\"total\":3}"));

		// a timeout: a safe message, and the traceId the browser got is in the server's log line
		Map<String, Object> timeout = other.get("/api/slow");
		assertThat(timeout).isEqualTo(error("RECEIVE_TIMEOUT", "The upstream service did not answer in time, please retry.", 2));
		String traceId = other.lastTraceId;
		assertThat(this.logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
			.contains("/api/slow").contains("RECEIVE_TIMEOUT").contains(traceId));

		// nothing of ann's reached the other browser; no upstream credential reached either
		assertThat(String.join("\n", other.bodies)).doesNotContain("ann");
		for (Browser browser : List.of(ann, other)) {
			String seen = String.join("\n", browser.bodies);
			assertThat(seen).doesNotContain("token-").doesNotContain("refresh-").doesNotContain("127.0.0.1")
				.doesNotContain("Bearer");
			assertThat(browser.cookies.getCookieStore().getCookies()).allSatisfy(cookie -> {
				assertThat(cookie.getName()).isEqualTo("SESSION");
				assertThat(cookie.getValue()).doesNotStartWith("s-");
			});
		}
	}

	private int refreshesOf(String user) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/upstream/token/refreshes?user=" + user))
			.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		return ((Number) json.readValue(response.body(), Map.class).get("data")).intValue();
	}

	private static Map<String, Object> ok(String data) {
		return Map.of("success", true, "data", json.readValue(data, Object.class));
	}

	private static Map<String, Object> error(String errorCode, String errorMessage, int showType) {
		return Map.of("success", false, "errorCode", errorCode, "errorMessage", errorMessage, "showType", showType);
	}

	/** A browser: its own cookie jar; every body it received is kept, every answer must be HTTP 200 JSON. */
	final class Browser {

		final CookieManager cookies = new CookieManager();

		final List<String> bodies = new ArrayList<>();

		final String name;

		volatile String lastTraceId;

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(this.cookies)
			.connectTimeout(Duration.ofSeconds(10)).build();

		Browser(String name) {
			this.name = name;
		}

		Map<String, Object> get(String path) throws Exception {
			return getAsync(path).get();
		}

		CompletableFuture<Map<String, Object>> getAsync(String path) {
			return send(request(path).GET().build());
		}

		Map<String, Object> post(String path, String body) throws Exception {
			return send(request(path).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build()).get();
		}

		private HttpRequest.Builder request(String path) {
			return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TwoBrowsersEndToEndTest.this.port + path))
				.timeout(Duration.ofSeconds(60));
		}

		/** The envelope as the browser got it, with traceId and host checked and set aside. */
		@SuppressWarnings("unchecked")
		private CompletableFuture<Map<String, Object>> send(HttpRequest request) {
			return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
				synchronized (this.bodies) {
					this.bodies.add(response.body());
				}
				assertThat(response.statusCode()).as("%s %s", this.name, request.uri()).isEqualTo(200);
				Map<String, Object> envelope = new java.util.LinkedHashMap<>(json.readValue(response.body(), Map.class));
				String traceId = (String) envelope.remove("traceId");
				assertThat(traceId).as("traceId of %s", request.uri()).matches("[0-9a-f]{16,32}");
				assertThat((String) envelope.remove("host")).as("host of %s", request.uri()).isNotBlank();
				if (!(Boolean) envelope.get("success") || response.headers().firstValue("X-Trace-Id").isPresent()) {
					this.lastTraceId = response.headers().firstValue("X-Trace-Id").orElse(traceId);
				}
				return envelope;
			});
		}

	}

}
