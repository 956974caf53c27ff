package io.github.diospring.demo.bff;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.diospring.DioExceptionType;
import io.github.diospring.test.MockDioAdapter;
import io.github.diospring.test.MockResponse;
import io.github.diospring.test.autoconfigure.AutoConfigureDio;
import io.github.diospring.test.autoconfigure.AutoConfigureMockDio;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The BFF against mocked upstreams: the controller, the demo's application.yml clients, their
 * interceptors (session-scoped cookies, per-user token refresh, envelope) and the envelope advice
 * run for real; only the upstream's transport is a {@link MockDioAdapter} per client. Every answer
 * is the envelope, HTTP 200 (the status policy Ant Design Pro needs).
 */
// the slice has no Spring Cloud LoadBalancer to resolve the demo's lb:// client, which is not under test here
@WebFluxTest(controllers = BffController.class, properties = "dio.clients.inventory.base-url=http://inventory.test/upstream")
@AutoConfigureDio
@AutoConfigureMockDio
@Import({ DemoClientsConfiguration.class, TokenStore.class })
class BffControllerTest {

	@Autowired
	WebTestClient browser;

	@Autowired
	@Qualifier("upstream")
	MockDioAdapter upstream;

	@Autowired
	@Qualifier("secure")
	MockDioAdapter secure;

	@Autowired
	@Qualifier("auth")
	MockDioAdapter auth;

	@Autowired
	@Qualifier("files")
	MockDioAdapter files;

	private static Map<String, Object> ok(Object data) {
		return Map.of("success", true, "data", data);
	}

	@Test
	void typedCallsUnwrapTheEnvelope() {
		this.upstream.onGet("/users/{id}").reply(200, ok(Map.of("id", 1, "name", "Ann", "email", "ann@example.com")));
		this.upstream.onGet("/users").withQuery("current", "2")
			.reply(200, ok(Map.of("list", List.of(Map.of("id", 3, "name", "Cy", "email", "c@x")), "current", 2,
					"pageSize", 2, "total", 3)));

		this.browser.get().uri("/api/users/1").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.success").isEqualTo(true).jsonPath("$.data.name").isEqualTo("Ann");
		this.browser.get().uri("/api/users?current=2").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.success").isEqualTo(true)
			.jsonPath("$.data.total").isEqualTo(3).jsonPath("$.data.current").isEqualTo(2)
			.jsonPath("$.data.pageSize").isEqualTo(2).jsonPath("$.data.list.length()").isEqualTo(1);
		this.upstream.verify();
	}

	@Test
	void businessErrorsReachTheBrowserAsTheEnvelope() {
		this.upstream.onGet("/users/9").reply(200, Map.of("success", false, "errorCode", "USER_NOT_FOUND",
				"errorMessage", "用户不存在: 9", "showType", 2, "traceId", "0af7651916cd43dd8448eb211c80319c", "host", "upstream-1"));

		this.browser.get().uri("/api/users/9").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.success").isEqualTo(false)
			.jsonPath("$.errorCode").isEqualTo("USER_NOT_FOUND")
			.jsonPath("$.showType").isEqualTo(2)
			.jsonPath("$.host").isEqualTo("upstream-1")
			.jsonPath("$.traceId").isEqualTo("0af7651916cd43dd8448eb211c80319c");
	}

	/** Logs a browser in; its BFF session cookie (the WebTestClient keeps none by itself). */
	private String login(String user) {
		this.upstream.onPost("/login").withJsonBody(Map.of("user", user))
			.respond(MockResponse.json(200, ok(Map.of("user", user, "refreshToken", "refresh-" + user)))
				.withHeader("Set-Cookie", "SESSION=s-" + user + "; Path=/; HttpOnly"));
		var login = this.browser.post().uri("/api/login").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("user", user)).exchange().expectStatus().isOk();
		login.expectBody().jsonPath("$.success").isEqualTo(true).jsonPath("$.data.user").isEqualTo(user)
			.jsonPath("$.data.refreshToken").doesNotExist();
		return login.returnResult(Void.class).getResponseCookies().getFirst("SESSION").getValue();
	}

	@Test
	void theLoginCookieIsSentOnLaterCallsOfThatBrowserOnly() {
		Map<String, Object> notLoggedIn = Map.of("success", false, "errorCode", "NOT_LOGGED_IN", "errorMessage", "请先登录",
				"showType", 9);
		this.upstream.onGet("/orders").withoutHeader("cookie").reply(401, notLoggedIn);

		this.browser.get().uri("/api/orders").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.success").isEqualTo(false).jsonPath("$.showType").isEqualTo(9);
		String session = login("ann");
		this.upstream.onGet("/orders").withHeader("cookie", "SESSION=s-ann")
			.reply(200, ok(List.of(Map.of("id", 1001, "owner", "ann"))));
		this.upstream.onGet("/orders").withoutHeader("cookie").reply(401, notLoggedIn);
		this.browser.get().uri("/api/orders").cookie("SESSION", session).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.data[0].owner").isEqualTo("ann");
		this.browser.get().uri("/api/orders").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.success").isEqualTo(false).jsonPath("$.errorCode").isEqualTo("NOT_LOGGED_IN");
		this.upstream.verify();
	}

	@Test
	void aUsersTokenIsRefreshedOnceAndNeverReachesTheBrowser() {
		String session = login("ann");
		this.secure.onGet("/profile").withoutHeader("Authorization")
			.reply(401, Map.of("success", false, "errorCode", "TOKEN_EXPIRED", "errorMessage", "令牌已过期", "showType", 0));
		this.auth.onPost("/token/refresh").withJsonBody(Map.of("refreshToken", "refresh-ann"))
			.reply(200, ok(Map.of("token", "token-ann-1")));
		this.secure.onGet("/profile").withHeader("Authorization", "Bearer token-ann-1").times(2)
			.reply(200, ok(Map.of("name", "ann", "token", "token-ann-1")));

		for (int i = 0; i < 2; i++) {
			this.browser.get().uri("/api/profile").cookie("SESSION", session).exchange().expectStatus().isOk()
				.expectBody().jsonPath("$.success").isEqualTo(true).jsonPath("$.data.name").isEqualTo("ann")
				.jsonPath("$.data.length()").isEqualTo(1)
				.consumeWith(body -> org.assertj.core.api.Assertions.assertThat(new String(body.getResponseBody()))
					.doesNotContain("token-ann-1").doesNotContain("refresh-ann"));
		}
		this.secure.verify();
		this.auth.verify();
	}

	@Test
	void anUpstreamNotificationReachesProAsShowType3() {
		this.upstream.onGet("/announcements").reply(200, Map.of("success", false, "errorCode", "MAINTENANCE",
				"errorMessage", "今晚维护", "showType", 4));

		this.browser.get().uri("/api/announcements").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.success").isEqualTo(false).jsonPath("$.showType").isEqualTo(3)
			.jsonPath("$.errorMessage").isEqualTo("今晚维护");
	}

	@Test
	void aFormDataUploadArrivesPartByPart() {
		this.files.onPost("/files")
			.withPart("name", "wendux")
			.withPart("age", "25")
			.withPart("file1", "upload.txt", "hello from a file\n".repeat(1000))
			.withPart("file2", "word.txt", "hello world")
			.reply(200, List.of(Map.of("filename", "upload.txt", "bytes", 18000), Map.of("filename", "word.txt", "bytes", 11)));

		this.browser.post().uri("/api/upload").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.data[0].bytes").isEqualTo(18000).jsonPath("$.data[1].filename").isEqualTo("word.txt");
		this.files.verify();
	}

	@Test
	void aSlowUpstreamIsATimeoutEnvelopeAndACancelledCallSaysSo() {
		this.upstream.onGet("/slow").times(2).respond(MockResponse.json(200, ok("late")).after(Duration.ofSeconds(60)));

		this.browser.get().uri("/api/slow").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.success").isEqualTo(false).jsonPath("$.errorCode").isEqualTo("RECEIVE_TIMEOUT")
			.jsonPath("$.traceId").isNotEmpty();
		this.browser.get().uri("/api/cancel").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.data.cancelled").isEqualTo(true);
		this.upstream.verify();
	}

	@Test
	void anUnreachableUpstreamIsAnEnvelopeWithASafeMessage() {
		this.upstream.onGet("/users/1").fail(DioExceptionType.CONNECTION_ERROR);

		this.browser.get().uri("/api/users/1").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.success").isEqualTo(false)
			.jsonPath("$.errorCode").isEqualTo("CONNECTION_ERROR")
			.jsonPath("$.errorMessage").isEqualTo("The upstream service cannot be reached, please retry.");
	}

}
