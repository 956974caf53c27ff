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
 * interceptors (cookies, token refresh, envelope) and the error advice run for real; only the
 * upstream's transport is a {@link MockDioAdapter} per client.
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
			.jsonPath("$.name").isEqualTo("Ann");
		this.browser.get().uri("/api/users?current=2").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.total").isEqualTo(3).jsonPath("$.current").isEqualTo(2).jsonPath("$.list.length()").isEqualTo(1);
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

	@Test
	void theLoginCookieIsSentOnLaterCalls() {
		this.upstream.onGet("/orders").withoutHeader("cookie")
			.reply(401, Map.of("success", false, "errorCode", "NOT_LOGGED_IN", "errorMessage", "请先登录", "showType", 9));
		this.upstream.onPost("/login").withJsonBody(Map.of("user", "ann"))
			.respond(MockResponse.json(200, ok(Map.of("user", "ann"))).withHeader("Set-Cookie", "SESSION=s-1; Path=/; HttpOnly"));
		this.upstream.onGet("/orders").withHeader("cookie", "SESSION=s-1")
			.reply(200, ok(List.of(Map.of("id", 1001, "owner", "ann"))));

		this.browser.get().uri("/api/orders").exchange().expectStatus().isUnauthorized();
		this.browser.post().uri("/api/login").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("user", "ann"))
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.loggedIn").isEqualTo(true);
		this.browser.get().uri("/api/orders").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$[0].owner").isEqualTo("ann");
		this.upstream.verify();
	}

	@Test
	void anExpiredTokenIsRefreshedOnceAndTheCallRetried() {
		this.secure.onGet("/profile").withHeader("Authorization", "Bearer expired")
			.reply(401, Map.of("success", false, "errorCode", "TOKEN_EXPIRED", "errorMessage", "令牌已过期", "showType", 0));
		this.auth.onPost("/token/refresh").reply(200, ok(Map.of("token", "token-1")));
		this.secure.onGet("/profile").withHeader("Authorization", "Bearer token-1")
			.reply(200, ok(Map.of("name", "Ann", "token", "token-1")));

		this.browser.get().uri("/api/profile").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.name").isEqualTo("Ann").jsonPath("$.token").isEqualTo("token-1");
		this.secure.verify();
		this.auth.verify();
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
			.jsonPath("$[0].bytes").isEqualTo(18000).jsonPath("$[1].filename").isEqualTo("word.txt");
		this.files.verify();
	}

	@Test
	void aSlowUpstreamIsAnsweredWith504AndACancelledCallSaysSo() {
		this.upstream.onGet("/slow").times(2).respond(MockResponse.json(200, ok("late")).after(Duration.ofSeconds(60)));

		this.browser.get().uri("/api/slow").exchange().expectStatus().isEqualTo(504).expectBody()
			.jsonPath("$.errorCode").isEqualTo("RECEIVE_TIMEOUT");
		this.browser.get().uri("/api/cancel").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.cancelled").isEqualTo(true);
		this.upstream.verify();
	}

	@Test
	void anUnreachableUpstreamIsABadGateway() {
		this.upstream.onGet("/users/1").fail(DioExceptionType.CONNECTION_ERROR);

		this.browser.get().uri("/api/users/1").exchange().expectStatus().isEqualTo(502).expectBody()
			.jsonPath("$.errorCode").isEqualTo("CONNECTION_ERROR")
			.jsonPath("$.errorMessage").isEqualTo("The upstream service cannot be reached, please retry.");
	}

}
