package io.github.diospring.hardening;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Headers;
import io.github.diospring.Redaction;
import io.github.diospring.RequestOptions;
import io.github.diospring.interceptor.LogInterceptor;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Secrets in URLs, headers and bodies never reach exception messages, toString() or the log. */
class SecretsInMessagesAndLogsTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	static final String[] SECRETS = { "user-pw", "query-token", "refresh-secret", "bearer-secret", "key-secret",
			"body-password", "form-password", "nested-secret", "response-token" };

	@Test
	void aConnectionErrorMessageMasksUserInfoAndTokenQueryParameters() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Dio dio = server.track(Dio.create());

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.get("http://ann:user-pw@127.0.0.1:" + closedPort + "/x?access_token=query-token&page=2")
					.block(Duration.ofSeconds(20)));

		assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR);
		assertThat(e.getMessage()).doesNotContain(SECRETS).contains("http://██@127.0.0.1:" + closedPort)
			.contains("access_token=██&page=2");
		assertThat(e.toString()).doesNotContain(SECRETS);
	}

	@Test
	void aBadResponseMessageAndRequestOptionsToStringHoldNoSecret() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
		Dio dio = server.dio();

		DioException e = catchThrowableOfType(DioException.class, () -> dio.post("/login?refresh_token=refresh-secret",
				Map.of("user", "ann", "password", "body-password", "profile", Map.of("secret", "nested-secret")),
				r -> r.header("Authorization", "Bearer bearer-secret").header("X-Api-Key", "key-secret"))
			.block(Duration.ofSeconds(20)));

		assertThat(e.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(e.getMessage()).doesNotContain(SECRETS).contains("refresh_token=██");
		assertThat(e.toString()).doesNotContain(SECRETS);
		assertThat(e.requestOptions().toString()).doesNotContain(SECRETS).contains("user=ann")
			.contains("Authorization=██");
	}

	@Test
	void theLogInterceptorRedactsUrlsHeadersAndJsonAndFormBodiesByDefault() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(
				okJson("{\"access_token\":\"response-token\",\"user\":{\"name\":\"ann\"}}")));
		List<String> lines = new CopyOnWriteArrayList<>();
		Dio dio = server.dio(BaseOptions.builder().baseUrl(server.baseUrl().replace("http://", "http://ann:user-pw@")));
		dio.interceptors().add(LogInterceptor.builder().requestBody(true).responseBody(true).logPrint(lines::add).build());

		dio.post("/json?token=query-token", Map.of("password", "body-password", "list", List.of(Map.of("secret", "nested-secret"))),
				r -> r.header("X-Api-Key", "key-secret")).block(Duration.ofSeconds(20));
		dio.post("/form", "user=ann&password=form-password&user%5Bsecret%5D=nested-secret",
				r -> r.contentType(Headers.FORM_URL_ENCODED_CONTENT_TYPE)).block(Duration.ofSeconds(20));
		dio.post("/text", "{\"client_secret\": \"nested-secret\", \"scope\": \"read\"}").block(Duration.ofSeconds(20));

		String log = String.join("\n", lines);
		assertThat(log).doesNotContain(SECRETS).contains("user=ann").contains("user={name=ann}")
			.contains("\"scope\":\"read\"").contains("X-Api-Key: ██").contains("token=██");
	}

	@Test
	void streamsAreDescribedNeverRead() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(okJson("{}")));
		List<String> lines = new CopyOnWriteArrayList<>();
		Dio dio = server.dio();
		dio.interceptors().add(LogInterceptor.builder().requestBody(true).logPrint(lines::add).build());
		ByteArrayInputStream body = new ByteArrayInputStream("password=form-password".getBytes());

		dio.post("/upload", body, r -> r.contentType(Headers.FORM_URL_ENCODED_CONTENT_TYPE).header("content-length", 22))
			.block(Duration.ofSeconds(20));

		assertThat(String.join("\n", lines)).doesNotContain("form-password").contains("streamed body");
	}

	@Test
	void aClientsOwnPolicyReplacesTheDefaultNames() {
		Redaction policy = Redaction.defaults().withBodyFields(Set.of("pin")).withQueryParameters(Set.of("sig"));
		RequestOptions options = RequestOptions.builder(BaseOptions.builder().baseUrl("https://a.example")
			.extra(Redaction.EXTRA_KEY, policy).build())
			.path("/pay?sig=s1&token=visible-token")
			.data(Map.of("pin", "1234", "password", "visible-password"))
			.build();

		assertThat(options.toString()).contains("sig=██").contains("token=visible-token").contains("pin=██")
			.contains("password=visible-password").doesNotContain("1234");
	}

}
