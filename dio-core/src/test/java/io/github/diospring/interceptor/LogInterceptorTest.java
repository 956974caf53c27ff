package io.github.diospring.interceptor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.Response;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LogInterceptorTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private Dio dioLogging(LogInterceptor.Builder log) {
		Dio dio = server.dio();
		dio.interceptors().add(log.logPrint(this.lines::add).build());
		return dio;
	}

	private String all() {
		return String.join("\n", this.lines);
	}

	@Test
	void credentialsAreRedactedByDefault() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}").withHeader("Set-Cookie", "sid=server-secret")));
		Dio dio = dioLogging(LogInterceptor.builder().redactHeader("X-Api-Key"));

		dio.get("/x", r -> r.header("Authorization", "Bearer token-secret").header("Cookie", "sid=cookie-secret")
			.header("Proxy-Authorization", "Basic proxy-secret").header("X-Api-Key", "key-secret").header("X-Plain", "visible"))
			.block();

		assertThat(all()).doesNotContain("token-secret", "cookie-secret", "proxy-secret", "key-secret", "server-secret")
			.contains("Authorization: ██").contains("X-Plain: visible").contains("Set-Cookie: ██");
	}

	@Test
	void dioSwitchesChooseWhatIsLogged() {
		server.wireMock().stubFor(post(anyUrl()).willReturn(okJson("{\"answer\":42}").withHeader("X-Resp", "r")));
		Dio quiet = dioLogging(LogInterceptor.builder().request(false).requestHeader(false).responseHeader(false));
		quiet.post("/q", Map.of("question", "life"), r -> r.header("X-Req", "q")).block();
		assertThat(all()).doesNotContain("X-Req", "x-req", "X-Resp", "question", "answer", "method:")
			.contains("*** Response ***").contains("statusCode: 200");

		this.lines.clear();
		Dio loud = dioLogging(LogInterceptor.builder().requestBody(true).responseBody(true));
		loud.post("/l", Map.of("question", "life"), r -> r.header("X-Req", "q")).block();
		assertThat(all()).contains("method: POST").contains("X-Req: q").contains("question=life")
			.contains("X-Resp: r").contains("answer=42");
	}

	@Test
	void urlSwitchesAreOnByDefaultAndIndependentOfTheOthers() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}")));
		String uri = server.baseUrl() + "/u";

		dioLogging(LogInterceptor.builder()).get("/u").block();
		assertThat(this.lines).hasSize(2);
		assertThat(this.lines.get(0)).startsWith("*** Request ***\nuri: " + uri + "\nmethod: GET");
		assertThat(this.lines.get(1)).startsWith("*** Response ***\nuri: " + uri + "\nstatusCode: 200");

		this.lines.clear();
		dioLogging(LogInterceptor.builder().requestUrl(false).responseUrl(false)).get("/u").block();
		assertThat(all()).doesNotContain("uri:").contains("method: GET").contains("statusCode: 200");

		this.lines.clear();
		dioLogging(LogInterceptor.builder().request(false).requestHeader(false).responseHeader(false)).get("/u").block();
		assertThat(this.lines.get(0)).isEqualTo("*** Request ***\nuri: " + uri);
	}

	@Test
	void theLibrarysOwnExtraKeysAreNotLogged() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}")));
		Dio dio = dioLogging(LogInterceptor.builder());

		dio.get("/typed", Map.class, r -> r.extra("trace", "t-1")
			.extra(io.github.diospring.transformer.Transformer.DECODE_AS_TREE_MAX_BYTES, 1024)).block();

		assertThat(all()).contains("extra: [trace]").doesNotContain("dio.resultType", "dio.transformer", "dio.");
	}

	@Test
	void errorsAreLoggedUnlessSwitchedOff() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500).withBody("oops")));
		Dio dio = dioLogging(LogInterceptor.builder().request(false).requestHeader(false).responseBody(true));
		catchThrowableOfType(DioException.class, () -> dio.get("/e").block());
		assertThat(all()).contains("*** DioException ***").contains("500").contains("oops");

		this.lines.clear();
		Dio silent = dioLogging(LogInterceptor.builder().requestUrl(false).request(false).requestHeader(false).error(false));
		catchThrowableOfType(DioException.class, () -> silent.get("/e").block());
		assertThat(this.lines).isEmpty();
	}

	@Test
	void bodiesAreCappedAndStreamsAreNeverConsumed() {
		server.wireMock().stubFor(post("/upload").willReturn(aResponse().withBody("x".repeat(10_000))));
		Dio dio = dioLogging(LogInterceptor.builder().requestBody(true).responseBody(true).maxBodyLength(100));

		Response<String> text = dio.post("/upload", "y".repeat(500), String.class).block();
		assertThat(all()).contains("y".repeat(100) + "… (400 more characters)")
			.contains("x".repeat(100) + "… (9900 more characters)");
		assertThat(text.data()).hasSize(10_000);

		this.lines.clear();
		Response<ResponseBody> streamed = dio.post("/upload",
				Flux.just("ab".getBytes(StandardCharsets.UTF_8), "cd".getBytes(StandardCharsets.UTF_8)),
				ResponseBody.class, r -> r.header("Content-Length", 4)).block();
		String body = streamed.data().stream().map(b -> {
			String s = b.toString(StandardCharsets.UTF_8);
			DataBufferUtils.release(b);
			return s;
		}).reduce(String::concat).block();

		assertThat(all()).contains("[streamed body, not logged").doesNotContain("xxxxx");
		assertThat(body).hasSize(10_000);
		server.wireMock().verify(postRequestedFor(urlEqualTo("/upload")).withRequestBody(equalTo("abcd")));
	}

	@Test
	void redactionCanBeReplaced() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}")));
		Dio dio = dioLogging(LogInterceptor.builder().redactedHeaders(Set.of("X-Only-This")));

		dio.get("/x", r -> r.header("Authorization", "shown-on-purpose").header("X-Only-This", "hidden")).block();

		assertThat(all()).contains("shown-on-purpose").doesNotContain("hidden");
	}

}
