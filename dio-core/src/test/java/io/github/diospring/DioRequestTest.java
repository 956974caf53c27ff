package io.github.diospring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DioRequestTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	record User(long id, String name) {
	}

	@Test
	void getSendsQueryParametersAndMergedHeaders() {
		server.wireMock().stubFor(get(urlPathEqualTo("/test")).willReturn(okJson("{\"ok\":true}")));
		Dio dio = server.dio(BaseOptions.builder().baseUrl(server.baseUrl()).header("X-App", "demo")
			.queryParameter("lang", "zh"));

		Response<Object> response = dio.get("/test", r -> r.queryParameters(Map.of("id", 12, "name", "wen du"))
			.header("x-call", "yes")).block();

		assertThat(response.data()).isEqualTo(Map.of("ok", true));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.statusMessage()).isEqualTo("OK");
		assertThat(response.headers().value("CONTENT-TYPE")).isEqualTo("application/json");
		assertThat(response.isRedirect()).isFalse();
		assertThat(response.realUri().getPath()).isEqualTo("/test");
		server.wireMock().verify(getRequestedFor(urlPathEqualTo("/test")).withQueryParam("id", equalTo("12"))
			.withQueryParam("name", equalTo("wen du")).withQueryParam("lang", equalTo("zh"))
			.withHeader("X-App", equalTo("demo")).withHeader("X-Call", equalTo("yes")));
	}

	@Test
	void nothingIsSentBeforeSubscriptionAndEachSubscriptionIsOneExchange() {
		server.wireMock().stubFor(get("/once").willReturn(okJson("{}")));
		Dio dio = server.dio();

		Mono<Response<Object>> call = dio.get("/once");
		assertThat(server.wireMock().getAllServeEvents()).isEmpty();
		call.block();
		call.block();

		server.wireMock().verify(2, getRequestedFor(urlEqualTo("/once")));
	}

	@Test
	void typedResultsAreDecodedStraightIntoTheType() {
		server.wireMock().stubFor(get("/users/1").willReturn(okJson("{\"id\":1,\"name\":\"Ann\"}")));
		server.wireMock().stubFor(get("/users").willReturn(okJson("[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bo\"}]")));
		Dio dio = server.dio();

		Response<User> user = dio.get("/users/{id}", User.class, r -> r.pathVariable("id", 1)).block();
		Response<List<User>> users = dio.get("/users", new ParameterizedTypeReference<List<User>>() {
		}).block();
		Response<String> text = dio.get("/users/1", String.class).block();
		Response<byte[]> bytes = dio.get("/users/1", byte[].class).block();
		Response<Object> untyped = dio.get("/users").block();

		assertThat(user.data()).isEqualTo(new User(1, "Ann"));
		assertThat(users.data()).containsExactly(new User(1, "Ann"), new User(2, "Bo"));
		assertThat(text.data()).isEqualTo("{\"id\":1,\"name\":\"Ann\"}");
		assertThat(text.requestOptions().responseType()).isEqualTo(ResponseType.PLAIN);
		assertThat(new String(bytes.data(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1,\"name\":\"Ann\"}");
		assertThat(untyped.data()).isInstanceOf(List.class);
		assertThat(((List<?>) untyped.data()).get(0)).isEqualTo(Map.of("id", 1, "name", "Ann"));
	}

	@Test
	void streamResponsesHandTheBodyOverUnread() {
		server.wireMock().stubFor(get("/file").willReturn(aResponse().withBody("0123456789")));
		Dio dio = server.dio();

		Response<ResponseBody> response = dio.get("/file", ResponseBody.class).block();
		String body = response.data().stream().map(b -> {
			String s = b.toString(StandardCharsets.UTF_8);
			DataBufferUtils.release(b);
			return s;
		}).collectList().map(parts -> String.join("", parts)).block();

		assertThat(response.requestOptions().responseType()).isEqualTo(ResponseType.STREAM);
		assertThat(body).isEqualTo("0123456789");
		assertThat(response.data().stream().collectList().onErrorReturn(List.of()).block()).isEmpty();
	}

	@Test
	void jsonIsParsedOnlyWhenTheResponseSaysItIsJson() {
		server.wireMock().stubFor(get("/mislabelled")
			.willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("{\"id\":1,\"name\":\"Ann\"}")));
		server.wireMock().stubFor(get("/problem")
			.willReturn(aResponse().withHeader("Content-Type", "application/problem+json").withBody("{\"title\":\"x\"}")));
		Dio dio = server.dio();

		assertThat(dio.get("/mislabelled").block().data()).isEqualTo("{\"id\":1,\"name\":\"Ann\"}");
		assertThat(dio.get("/problem").block().data()).isEqualTo(Map.of("title", "x"));
		assertThat(dio.get("/mislabelled", r -> r.forceJsonDecode(true)).block().data())
			.isEqualTo(Map.of("id", 1, "name", "Ann"));
		assertThat(dio.get("/mislabelled", User.class, r -> r.forceJsonDecode(true)).block().data())
			.isEqualTo(new User(1, "Ann"));
		assertThatExceptionOfType(DioException.class).isThrownBy(() -> dio.get("/mislabelled", User.class).block())
			.satisfies(e -> {
				assertThat(e.type()).isEqualTo(DioExceptionType.UNKNOWN);
				assertThat(e.getMessage()).contains("text/plain").contains("forceJsonDecode(true)");
				assertThat(e.response().data()).isEqualTo("{\"id\":1,\"name\":\"Ann\"}");
			});
	}

	@Test
	void emptyBodiesFollowDiosRules() {
		server.wireMock().stubFor(get("/empty-json").willReturn(aResponse().withHeader("Content-Type", "application/json")));
		server.wireMock().stubFor(get("/empty-text").willReturn(aResponse().withHeader("Content-Type", "text/plain")));
		server.wireMock().stubFor(head(urlEqualTo("/head")).willReturn(aResponse().withHeader("Content-Length", "42")));
		Dio dio = server.dio();

		assertThat(dio.get("/empty-json").block().data()).isNull();
		assertThat(dio.get("/empty-text").block().data()).isEqualTo("");
		assertThat(dio.get("/empty-text", User.class).block().data()).isNull();
		assertThat(dio.get("/empty-text", byte[].class).block().data()).isEmpty();
		Response<Object> head = dio.head("/head").block();
		assertThat(head.data()).isNull();
		assertThat(head.headers().value("content-length")).isEqualTo("42");
	}

	@Test
	void mapsAndObjectsAreSentAsJsonStringsRawAndBytesUntouched() {
		server.wireMock().stubFor(post(anyUrl()).willReturn(okJson("{}")));
		Dio dio = server.dio();

		dio.post("/map", Map.of("id", 12, "name", "wendu")).block();
		dio.post("/record", new User(3, "Cy")).block();
		dio.post("/string", "{\"raw\":true}").block();
		dio.post("/bytes", new byte[] { 1, 2, 3 }).block();
		dio.post("/form", Map.of("id", 5, "tags", List.of("a", "b")),
				r -> r.contentType(Headers.FORM_URL_ENCODED_CONTENT_TYPE)).block();
		dio.post("/stream", Flux.just("ab".getBytes(StandardCharsets.UTF_8), "cd".getBytes(StandardCharsets.UTF_8)),
				r -> r.header("Content-Length", 4)).block();

		server.wireMock().verify(postRequestedFor(urlEqualTo("/map")).withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"id\":12,\"name\":\"wendu\"}")));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/record")).withRequestBody(equalToJson("{\"id\":3,\"name\":\"Cy\"}")));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/string")).withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalTo("{\"raw\":true}")));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/bytes")).withHeader("Content-Type", absent())
			.withHeader("Content-Length", equalTo("3")));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/form"))
			.withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
			.withRequestBody(equalTo("id=5&tags=a&tags=b").or(equalTo("tags=a&tags=b&id=5"))));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/stream")).withHeader("Content-Length", equalTo("4"))
			.withRequestBody(equalTo("abcd")));
	}

	@Test
	void filesAndInputStreamsAreStreamedWithTheirLength(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws Exception {
		server.wireMock().stubFor(post(anyUrl()).willReturn(okJson("{}")));
		Dio dio = server.dio();
		java.nio.file.Path file = dir.resolve("body.bin");
		java.nio.file.Files.write(file, "x".repeat(200_000).getBytes(StandardCharsets.UTF_8));
		java.util.function.Supplier<java.io.InputStream> stream = () -> new java.io.ByteArrayInputStream(
				"streamed".getBytes(StandardCharsets.UTF_8));

		Mono<Response<Object>> upload = dio.post("/file", file);
		upload.block();
		upload.block();
		dio.post("/supplied", stream, r -> r.header("Content-Length", 8)).block();
		dio.post("/chunked", stream).block();
		java.nio.file.Files.delete(file);
		DioException gone = org.assertj.core.api.Assertions.catchThrowableOfType(DioException.class,
				() -> dio.post("/file", file).block());

		server.wireMock().verify(2, postRequestedFor(urlEqualTo("/file")).withHeader("Content-Length", equalTo("200000")));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/supplied")).withHeader("Content-Length", equalTo("8"))
			.withRequestBody(equalTo("streamed")));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/chunked")).withHeader("Content-Length", absent())
			.withRequestBody(equalTo("streamed")));
		assertThat(gone.getMessage()).contains("body.bin").contains("cannot be read");
	}

	@Test
	void sendProgressReachesTheTotalExactly() {
		server.wireMock().stubFor(post("/upload").willReturn(okJson("{}")));
		Dio dio = server.dio();
		List<long[]> progress = new java.util.concurrent.CopyOnWriteArrayList<>();

		dio.post("/upload", new byte[5000], r -> r.onSendProgress((sent, total) -> progress.add(new long[] { sent, total })))
			.block();

		assertThat(progress).isNotEmpty();
		assertThat(progress.get(progress.size() - 1)).containsExactly(5000, 5000);
	}

	@Test
	void invalidStatusesFailWithTheDecodedErrorBody() {
		server.wireMock().stubFor(get("/missing").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json").withBody("{\"message\":\"no such user\"}")));
		Dio dio = server.dio();

		assertThatExceptionOfType(DioException.class).isThrownBy(() -> dio.get("/missing", User.class).block())
			.satisfies(e -> {
				assertThat(e.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
				assertThat(e.response().statusCode()).isEqualTo(404);
				assertThat(e.response().data()).isEqualTo(Map.of("message", "no such user"));
				assertThat(e.getMessage()).contains("GET " + server.baseUrl() + "/missing").contains("404")
					.contains("validateStatus");
				assertThat(e.toString()).startsWith("DioException [bad response]: ");
			});
		assertThat(dio.get("/missing", r -> r.validateStatus(s -> s < 500)).block().statusCode()).isEqualTo(404);
		assertThatExceptionOfType(DioException.class)
			.isThrownBy(() -> dio.get("/missing", r -> r.receiveDataWhenStatusError(false)).block())
			.satisfies(e -> assertThat(e.response().data()).isNull());
	}

	@Test
	void malformedJsonKeepsTheCauseAndTheRawBody() {
		server.wireMock().stubFor(get("/broken").willReturn(okJson("{\"id\": 1, ")));
		Dio dio = server.dio();

		assertThatExceptionOfType(DioException.class).isThrownBy(() -> dio.get("/broken").block()).satisfies(e -> {
			assertThat(e.type()).isEqualTo(DioExceptionType.UNKNOWN);
			assertThat(e.getCause()).isInstanceOf(JacksonException.class);
			assertThat(e.response().data()).isEqualTo("{\"id\": 1, ");
			assertThat(e.response().statusCode()).isEqualTo(200);
			assertThat(e.getMessage()).contains("could not be decoded");
		});
	}

	@Test
	void theContentTypeOptionIsWhatIsSentEvenWhenAHeaderSaysOtherwise() {
		server.wireMock().stubFor(post("/ct").willReturn(okJson("{}")));
		Dio dio = server.dio(BaseOptions.builder().baseUrl(server.baseUrl()).contentType("application/json").build()
			.toBuilder().contentType("text/plain"));
		Options options = Options.builder().contentType("text/csv").header("content-type", "text/xml").build();

		dio.post("/ct", "a,b").block();
		dio.post("/ct", "a,b", r -> r.options(options)).block();

		server.wireMock().verify(1, postRequestedFor(urlEqualTo("/ct")).withHeader("Content-Type", equalTo("text/plain")));
		server.wireMock().verify(1, postRequestedFor(urlEqualTo("/ct")).withHeader("Content-Type", equalTo("text/csv")));
	}

	@Test
	void errorsCarryTheCallersStack() {
		server.wireMock().stubFor(get("/fails").willReturn(aResponse().withStatus(500)));
		Dio dio = server.dio();

		DioException error = dio.get("/fails").onErrorResume(e -> Mono.empty()).then(Mono.<DioException>empty())
			.switchIfEmpty(dio.get("/fails").map(r -> (DioException) null).onErrorResume(DioException.class, Mono::just))
			.block();

		assertThat(error.getStackTrace()).isNotEmpty();
		assertThat(error.getStackTrace()[0].getClassName()).isEqualTo(DioRequestTest.class.getName());
		assertThat(error.getStackTrace()[0].getMethodName()).isEqualTo("errorsCarryTheCallersStack");
	}

	@Test
	void responseHeadersStayTheirOwnAfterTheConnectionServesTheNextResponse() {
		server.wireMock().stubFor(get("/one").willReturn(okJson("{}").withHeader("X-Which", "one")
			.withHeader("Set-Cookie", "a=1", "b=2")));
		server.wireMock().stubFor(get("/two").willReturn(okJson("{}").withHeader("X-Which", "two")));
		Dio dio = server.dio();

		Response<Object> first = dio.get("/one").block(Duration.ofSeconds(10));
		Response<Object> second = dio.get("/two").block(Duration.ofSeconds(10));

		// read only now, after the same connection carried the second response
		assertThat(first.headers().value("x-which")).isEqualTo("one");
		assertThat(first.headers().get("SET-COOKIE")).containsExactly("a=1", "b=2");
		assertThat(first.headers().names()).contains("X-Which", "Set-Cookie");
		assertThat(second.headers().value("X-Which")).isEqualTo("two");
		assertThat(second.headers().contains("set-cookie")).isFalse();
	}

	@Test
	void errorsOfARequestMadeOnAnEventLoopCarryTheCallersFrame() {
		server.wireMock().stubFor(get("/first").willReturn(okJson("{}")));
		server.wireMock().stubFor(get("/fails").willReturn(aResponse().withStatus(500)));
		Dio dio = server.dio();
		AtomicReference<Thread> caller = new AtomicReference<>();

		// publishOn: a response that arrives while its subscription is still being set up is delivered on
		// the subscribing thread; the second call must be made on a Reactor thread whatever the timing
		DioException error = catchThrowableOfType(DioException.class, () -> dio.get("/first")
			.publishOn(reactor.core.scheduler.Schedulers.parallel())
			.flatMap(first -> {
				caller.set(Thread.currentThread());
				return dio.get("/fails");
			})
			.block(Duration.ofSeconds(30)));

		// the second call is made deep in Reactor frames, on a non-blocking Reactor thread
		assertThat(caller.get()).isInstanceOf(reactor.core.scheduler.NonBlocking.class);
		assertThat(error.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(error.getStackTrace()[0].getClassName()).isEqualTo(DioRequestTest.class.getName());
		assertThat(error.getStackTrace()[0].getMethodName())
			.contains("errorsOfARequestMadeOnAnEventLoopCarryTheCallersFrame");
	}

	@Test
	void interceptorsCanReplaceTheOptionsForTheRestOfTheChain() {
		server.wireMock().stubFor(get("/real").willReturn(okJson("{\"where\":\"real\"}")));
		Dio dio = server.dio();
		AtomicReference<Object> seenByResponseInterceptor = new AtomicReference<>();
		dio.interceptors().add(InterceptorsWrapper.builder()
			.onRequest((options, handler) -> handler.next(options.withPath("/real").withHeader("X-Trace", "t1")))
			.onResponse((response, handler) -> {
				seenByResponseInterceptor.set(response.data());
				handler.next(response);
			})
			.build());

		Response<Object> response = dio.get("/ignored").block();

		assertThat(response.requestOptions().path()).isEqualTo("/real");
		assertThat(seenByResponseInterceptor.get()).isEqualTo(Map.of("where", "real"));
		server.wireMock().verify(getRequestedFor(urlEqualTo("/real")).withHeader("X-Trace", equalTo("t1")));
	}

	@Test
	void fetchResendsABuiltRequest() {
		server.wireMock().stubFor(get("/users/2").willReturn(okJson("{\"id\":2,\"name\":\"Bo\"}")));
		Dio dio = server.dio();
		Response<Object> first = dio.get("/users/2").block();

		Response<User> again = dio.fetch(first.requestOptions(), User.class).block();

		assertThat(again.data()).isEqualTo(new User(2, "Bo"));
		server.wireMock().verify(2, getRequestedFor(urlEqualTo("/users/2")));
	}

	@Test
	void invalidSettingsFailWhenTheCallIsMadeNamingTheField() {
		Dio dio = server.dio();

		assertThatIllegalArgumentException().isThrownBy(() -> dio.request("GE T", "/x", null, null, null))
			.withMessageStartingWith("method");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> dio.get("/x", r -> r.receiveTimeout(Duration.ofSeconds(-1))))
			.withMessageStartingWith("receiveTimeout");
		assertThat(server.wireMock().getAllServeEvents()).isEmpty();
	}

	@Test
	void aClosedDioRefusesNewRequests() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(okJson("{}")));
		Dio dio = server.dio();
		dio.close();

		assertThatExceptionOfType(DioException.class).isThrownBy(() -> dio.get("/x").block()).satisfies(e -> {
			assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR);
			assertThat(e.getMessage()).contains("after it was closed");
		});
	}

	@Test
	void optionsCanBeReplacedAtRuntime() {
		server.wireMock().stubFor(get("/v2/ping").willReturn(okJson("{\"v\":2}")));
		Dio dio = server.dio(BaseOptions.builder().baseUrl("http://127.0.0.1:1/v1"));

		dio.options(dio.options().withBaseUrl(server.baseUrl() + "/v2"));

		assertThat(dio.get("/ping").block().data()).isEqualTo(Map.of("v", 2));
	}

	@Test
	void receiveProgressReportsUnknownTotalsAsMinusOne() {
		server.wireMock().stubFor(get("/chunked").willReturn(aResponse().withBody("x".repeat(3000)).withChunkedDribbleDelay(3, 30)));
		server.wireMock().stubFor(get("/sized").willReturn(aResponse().withHeader("Content-Length", "3000").withBody("y".repeat(3000))));
		Dio dio = server.dio();
		Map<String, long[]> last = new LinkedHashMap<>();

		dio.get("/chunked", r -> r.onReceiveProgress((n, total) -> last.put("chunked", new long[] { n, total }))).block();
		dio.get("/sized", r -> r.onReceiveProgress((n, total) -> last.put("sized", new long[] { n, total }))).block();

		assertThat(last.get("chunked")).containsExactly(3000, -1);
		assertThat(last.get("sized")).containsExactly(3000, 3000);
	}

}
