package io.github.diospring.envelope;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Response;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The umi 3 decision flow (reference umi-envelope.md §2.1), row by row, with the port's fixes,
 * over real HTTP.
 */
class ErrorAdaptorInterceptorTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	static final JsonMapper mapper = JsonMapper.builder().build();

	final List<ErrorInfo> notified = new CopyOnWriteArrayList<>();

	record User(long id, String name) {
	}

	private Dio dio() {
		return dio(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper), EnvelopeSettings.DEFAULTS);
	}

	private Dio dio(ErrorAdaptor adaptor, EnvelopeSettings settings) {
		Dio dio = server.dio();
		dio.interceptors().add(new ErrorAdaptorInterceptor(adaptor, (info, error) -> this.notified.add(info), settings, mapper));
		return dio;
	}

	private static void stub(String path, int status, String contentType, String body) {
		server.wireMock().stubFor(get(path).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", contentType).withBody(body)));
	}

	private static void json(String path, int status, String body) {
		stub(path, status, "application/json", body);
	}

	private static DioException failure(Dio dio, String path) {
		return catchThrowableOfType(DioException.class, () -> dio.get(path).block(Duration.ofSeconds(20)));
	}

	@Test
	void successTrueResolvesWithTheWholeEnvelopeAndIgnoresShowType() {
		json("/ok", 200, "{\"success\":true,\"data\":{\"id\":1},\"showType\":9,\"errorMessage\":\"ignored\"}");

		Response<Object> response = dio().get("/ok").block();

		assertThat(response.data()).isEqualTo(Map.of("success", true, "data", Map.of("id", 1), "showType", 9,
				"errorMessage", "ignored"));
		assertThat(this.notified).isEmpty();
	}

	@Test
	void successFalseIsABizExceptionCarryingEverything() {
		json("/biz", 200, "{\"success\":false,\"data\":{\"x\":1},\"errorCode\":\"1001\",\"errorMessage\":\"余额不足\","
				+ "\"showType\":1,\"traceId\":\"t-123\",\"host\":\"10.1.1.1\",\"extraField\":\"kept\"}");

		DioException e = failure(dio(), "/biz");

		assertThat(e).isInstanceOf(BizException.class);
		assertThat(e.type()).isEqualTo(DioExceptionType.BIZ_ERROR);
		ErrorInfo info = ((BizException) e).errorInfo();
		assertThat(info.errorCode()).isEqualTo("1001");
		assertThat(info.errorMessage()).isEqualTo("余额不足");
		assertThat(info.showType()).isEqualTo(ShowType.WARN_MESSAGE);
		assertThat(info.traceId()).isEqualTo("t-123");
		assertThat(info.host()).isEqualTo("10.1.1.1");
		assertThat(info.extra()).containsEntry("extraField", "kept");
		assertThat(info.data()).isEqualTo(Map.of("x", 1));
		assertThat(e.getMessage()).isEqualTo("余额不足 (errorCode=1001, traceId=t-123, host=10.1.1.1)");
		assertThat(e.response().statusCode()).isEqualTo(200);
		assertThat(e.response().data()).isInstanceOf(Map.class);
		assertThat(this.notified).containsExactly(info);
	}

	@Test
	void nonEnvelopeBodiesPassUnchanged() {
		stub("/text", 200, "text/plain", "hello");
		json("/number", 200, "42");
		json("/array", 200, "[{\"success\":false}]");
		json("/object", 200, "{\"name\":\"no envelope\"}");
		Dio dio = dio();

		assertThat(dio.get("/text").block().data()).isEqualTo("hello");
		assertThat(dio.get("/number").block().data()).isEqualTo(42);
		assertThat(dio.get("/array").block().data()).isEqualTo(List.of(Map.of("success", false)));
		assertThat(dio.get("/object").block().data()).isEqualTo(Map.of("name", "no envelope"));
		assertThat(this.notified).isEmpty();
	}

	@Test
	void onlyTheJsonBooleanFalseFails() {
		json("/missing", 200, "{\"data\":1,\"errorMessage\":\"?\"}");
		json("/null", 200, "{\"success\":null,\"data\":1}");
		json("/zero", 200, "{\"success\":0,\"data\":1}");
		json("/string", 200, "{\"success\":\"false\",\"data\":1}");
		Dio dio = dio();

		for (String path : List.of("/missing", "/null", "/zero", "/string")) {
			assertThat(dio.get(path).block().statusCode()).as(path).isEqualTo(200);
		}
		assertThat(this.notified).isEmpty();
	}

	@Test
	void aJsonNullOrEmptyBodyResolves() {
		json("/null-body", 200, "null");
		server.wireMock().stubFor(get("/no-content").willReturn(aResponse().withStatus(204)));
		stub("/empty", 200, "application/json", "");
		Dio dio = dio();

		assertThat(dio.get("/null-body").block().data()).isNull();
		assertThat(dio.get("/no-content").block().statusCode()).isEqualTo(204);
		assertThat(dio.get("/empty").block().data()).isNull();
		assertThat(dio.get("/empty", User.class).block().data()).isNull();
	}

	@Test
	void anErrorStatusEnvelopeIsAdaptedAndTheStatusWinsOverSuccessTrue() {
		json("/denied", 403, "{\"success\":false,\"errorCode\":403,\"errorMessage\":\"无权限\",\"showType\":4}");
		json("/liar", 401, "{\"success\":true,\"errorMessage\":\"please log in\",\"showType\":9}");
		Dio dio = dio();

		DioException denied = failure(dio, "/denied");
		assertThat(denied).isInstanceOf(BizException.class);
		assertThat(denied.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(denied.getMessage()).isEqualTo("无权限 (errorCode=403)");
		assertThat(((BizException) denied).errorInfo().showType()).isEqualTo(ShowType.NOTIFICATION);
		assertThat(denied.getCause()).isInstanceOf(DioException.class);

		DioException liar = failure(dio, "/liar");
		assertThat(liar.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(((BizException) liar).errorInfo().showType()).isEqualTo(ShowType.REDIRECT);
		assertThat(((BizException) liar).errorInfo().redirectUrl("/exception"))
			.isEqualTo("/exception?errorMessage=please+log+in");
		assertThat(this.notified).hasSize(2);
	}

	@Test
	void springBootsOwnErrorJsonIsUnderstood() {
		json("/boot", 404, "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"status\":404,\"error\":\"Not Found\","
				+ "\"message\":\"no user 9\",\"path\":\"/users/9\"}");
		json("/boot-no-message", 500, "{\"timestamp\":\"x\",\"status\":500,\"error\":\"Internal Server Error\",\"path\":\"/p\"}");
		Dio dio = dio();

		BizException boot = (BizException) failure(dio, "/boot");
		assertThat(boot.errorInfo().errorMessage()).isEqualTo("no user 9");
		assertThat(boot.errorInfo().errorCode()).isEqualTo(404);
		assertThat(boot.getMessage()).startsWith("no user 9");
		assertThat(((BizException) failure(dio, "/boot-no-message")).errorInfo().errorMessage())
			.isEqualTo("Internal Server Error");
	}

	@Test
	void htmlAndEmptyErrorBodiesGetANonEmptyMessage() {
		stub("/html", 502, "text/html", "<html><body>Bad Gateway</body></html>");
		server.wireMock().stubFor(get("/empty-error").willReturn(aResponse().withStatus(500)));
		Dio dio = dio();

		DioException html = failure(dio, "/html");
		DioException empty = failure(dio, "/empty-error");

		assertThat(html.getMessage()).startsWith("Request failed with status 502 Bad Gateway: GET ");
		assertThat(empty.getMessage()).startsWith("Request failed with status 500 Internal Server Error");
		assertThat(html.response().data()).asString().contains("Bad Gateway");
		assertThat(this.notified).extracting(ErrorInfo::errorMessage).allSatisfy(m -> assertThat(m).isNotBlank());
	}

	@Test
	void transportErrorsAreNotifiedButNotAdapted() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		server.wireMock().stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(5000)));
		Dio dio = dio();

		DioException refused = failure(dio, "http://127.0.0.1:" + port + "/x");
		DioException timeout = catchThrowableOfType(DioException.class,
				() -> dio.get("/slow", r -> r.receiveTimeout(Duration.ofMillis(300))).block(Duration.ofSeconds(20)));

		assertThat(refused.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR);
		assertThat(refused).isNotInstanceOf(BizException.class);
		assertThat(timeout.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
		assertThat(this.notified).extracting(ErrorInfo::errorCode).containsExactly("CONNECTION_ERROR", "RECEIVE_TIMEOUT");
	}

	@Test
	void theDefaultNotifierNamesATimedOutRequestOnce() {
		server.wireMock().stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(5000)));
		Dio dio = server.dio();
		dio.interceptors().add(new ErrorAdaptorInterceptor(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
				new LoggingErrorNotifier(), EnvelopeSettings.DEFAULTS, mapper));
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger(LoggingErrorNotifier.class);
		ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.read.ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		// failures that are not envelopes are logged at DEBUG: read them there
		ch.qos.logback.classic.Level level = logger.getLevel();
		logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
		stub("/broken", 500, "text/plain", "");
		try {
			catchThrowableOfType(DioException.class,
					() -> dio.get("/slow", r -> r.receiveTimeout(Duration.ofMillis(300))).block(Duration.ofSeconds(20)));
			failure(dio, "/broken");
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(level);
		}

		String slow = "GET " + server.baseUrl() + "/slow";
		String broken = "GET " + server.baseUrl() + "/broken";
		assertThat(appender.list).extracting(e -> e.getFormattedMessage()).hasSize(2).satisfiesExactly(
				line -> assertThat(line).startsWith("ERROR_MESSAGE " + slow + ": no response headers arrived within 300ms")
					.satisfies(l -> assertThat(l.indexOf(slow)).isEqualTo(l.lastIndexOf(slow))),
				line -> assertThat(line).contains(broken)
					.satisfies(l -> assertThat(l.indexOf(broken)).isEqualTo(l.lastIndexOf(broken))));
	}

	@Test
	void cancellationsAreNeverNotified() {
		server.wireMock().stubFor(get("/long").willReturn(okJson("{}").withFixedDelay(10_000)));
		Dio dio = dio();
		CancelToken token = new CancelToken();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		dio.get("/long", r -> r.cancelToken(token)).subscribe(r -> {
		}, errors::add);
		await().atMost(Duration.ofSeconds(10)).until(() -> !server.wireMock().getAllServeEvents().isEmpty());

		token.cancel("navigated away");

		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);
		assertThat(CancelToken.isCancel(errors.get(0))).isTrue();
		assertThat(this.notified).isEmpty();
	}

	@Test
	void skipErrorHandlerResolvesBusinessFailuresAndPassesErrorsRaw() {
		json("/biz", 200, "{\"success\":false,\"errorMessage\":\"nope\"}");
		json("/denied", 403, "{\"success\":false,\"errorMessage\":\"denied\"}");
		Dio dio = dio();

		Response<Object> resolved = dio.get("/biz", r -> r.extra(ErrorAdaptorInterceptor.SKIP_ERROR_HANDLER, true)).block();
		DioException raw = catchThrowableOfType(DioException.class,
				() -> dio.get("/denied", r -> r.extra(ErrorAdaptorInterceptor.SKIP_ERROR_HANDLER, true)).block());

		assertThat(resolved.data()).isEqualTo(Map.of("success", false, "errorMessage", "nope"));
		assertThat(raw).isNotInstanceOf(BizException.class);
		assertThat(raw.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(this.notified).isEmpty();
	}

	@Test
	void anAdaptorThatThrowsKeepsTheOriginalErrorAsTheCause() {
		json("/ok", 200, "{\"success\":true}");
		json("/bad", 500, "{\"success\":false}");
		Dio dio = dio((body, context) -> {
			throw new IllegalStateException("adaptor bug");
		}, EnvelopeSettings.DEFAULTS);

		DioException onSuccess = failure(dio, "/ok");
		DioException onError = failure(dio, "/bad");

		assertThat(onSuccess.type()).isEqualTo(DioExceptionType.UNKNOWN);
		assertThat(onSuccess.getCause()).hasMessage("adaptor bug");
		assertThat(onError.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(onError.getCause()).isInstanceOf(DioException.class);
		assertThat(((DioException) onError.getCause()).response().statusCode()).isEqualTo(500);
		assertThat(onError.getSuppressed()).extracting(Throwable::getMessage).contains("adaptor bug");
		assertThat(this.notified).hasSize(2);
	}

	@Test
	void anAdaptorReturningNullMeansNoEnvelope() {
		json("/biz", 200, "{\"success\":false}");
		json("/bad", 500, "{\"success\":false,\"errorMessage\":\"x\"}");
		Dio dio = dio((body, context) -> null, EnvelopeSettings.DEFAULTS);

		assertThat(dio.get("/biz").block().data()).isEqualTo(Map.of("success", false));
		assertThat(failure(dio, "/bad").getMessage()).startsWith("Request failed with status 500");
	}

	@Test
	void showTypeNumberingFollowsTheConfiguredNotificationCode() {
		json("/three", 200, "{\"success\":false,\"showType\":3}");
		json("/four", 200, "{\"success\":false,\"showType\":4}");
		json("/string", 200, "{\"success\":false,\"showType\":\"4\"}");
		json("/none", 200, "{\"success\":false}");
		Dio umi3 = dio();
		Dio pro = dio(new DefaultErrorAdaptor(EnvelopeFields.UMI, 3, mapper), EnvelopeSettings.DEFAULTS);

		List<ShowType> seen = List.of("/three", "/four", "/string", "/none").stream()
			.map(p -> ((BizException) failure(umi3, p)).errorInfo().showType()).toList();
		assertThat(seen).containsExactly(ShowType.ERROR_MESSAGE, ShowType.NOTIFICATION, ShowType.ERROR_MESSAGE,
				ShowType.ERROR_MESSAGE);
		assertThat(((BizException) failure(pro, "/three")).errorInfo().showType()).isEqualTo(ShowType.NOTIFICATION);
		assertThat(((BizException) failure(pro, "/four")).errorInfo().showType()).isEqualTo(ShowType.ERROR_MESSAGE);
	}

	@Test
	void traceIdsComeFromHeadersWhenTheBodyHasNone() {
		server.wireMock().stubFor(get("/x-trace").willReturn(okJson("{\"success\":false,\"errorMessage\":\"a\"}")
			.withHeader("X-Trace-Id", "hdr-1")));
		server.wireMock().stubFor(get("/traceparent").willReturn(okJson("{\"success\":false,\"errorMessage\":\"b\"}")
			.withHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
		server.wireMock().stubFor(get("/body-wins").willReturn(okJson("{\"success\":false,\"traceId\":\"body\"}")
			.withHeader("X-Trace-Id", "hdr-2")));
		Dio dio = dio();

		assertThat(((BizException) failure(dio, "/x-trace")).errorInfo().traceId()).isEqualTo("hdr-1");
		BizException parent = (BizException) failure(dio, "/traceparent");
		assertThat(parent.errorInfo().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(parent.getMessage()).contains("traceId=4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(((BizException) failure(dio, "/body-wins")).errorInfo().traceId()).isEqualTo("body");
		json("/no-trace", 200, "{\"success\":false}");
		DioException current = catchThrowableOfType(DioException.class, () -> dio.get("/no-trace",
				r -> r.header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).block());
		assertThat(((BizException) current).errorInfo().traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
	}

	@Test
	void typedCallsUnwrapDataIntoRecordsAndPages() {
		json("/users/1", 200, "{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ann\"}}");
		json("/users", 200, "{\"success\":true,\"data\":{\"list\":[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bo\"}],"
				+ "\"current\":1,\"pageSize\":2,\"total\":7}}");
		json("/plain", 200, "{\"id\":3,\"name\":\"Cy\"}");
		Dio dio = dio();

		assertThat(dio.get("/users/1", User.class).block().data()).isEqualTo(new User(1, "Ann"));
		Page<User> page = dio.get("/users", new ParameterizedTypeReference<Page<User>>() {
		}).block().data();
		assertThat(page.list()).containsExactly(new User(1, "Ann"), new User(2, "Bo"));
		assertThat(page.total()).isEqualTo(7);
		assertThat(page.current()).isEqualTo(1);
		assertThat(dio.get("/plain", User.class).block().data()).isEqualTo(new User(3, "Cy"));
		assertThat(((Map<?, ?>) dio.get("/users/1").block().data()).containsKey("success")).isTrue();
		assertThat(((Map<?, ?>) dio.get("/users/1", Map.class).block().data()).containsKey("success")).isTrue();
	}

	/** Records the parser it is read from: the body's own tokens, or a tree walked again. */
	@JsonDeserialize(using = Counted.Reader.class)
	record Counted(String name) {

		static final List<String> parsers = new CopyOnWriteArrayList<>();

		static final class Reader extends ValueDeserializer<Counted> {

			@Override
			public Counted deserialize(JsonParser p, DeserializationContext ctxt) {
				parsers.add(p.getClass().getSimpleName());
				return new Counted(ctxt.readTree(p).get("name").asString());
			}

		}

	}

	@Test
	void aTypedUnwrapDecodesTheDataOnceStraightFromTheBody() {
		json("/counted", 200, "{\"success\":true,\"traceId\":\"t1\",\"data\":[{\"name\":\"Ann\"},{\"name\":\"Bo\"}],"
				+ "\"total\":2}");
		Counted.parsers.clear();
		List<Object> seenBefore = new CopyOnWriteArrayList<>();
		Dio dio = server.dio();
		dio.interceptors().add(InterceptorsWrapper.builder().onResponse((response, handler) -> {
			seenBefore.add(((JsonNode) response.data()).get("total").asInt());
			handler.next(response);
		}).build());
		dio.interceptors().add(new ErrorAdaptorInterceptor(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
				(info, error) -> this.notified.add(info), EnvelopeSettings.DEFAULTS, mapper));

		List<Counted> data = dio.get("/counted", new ParameterizedTypeReference<List<Counted>>() {
		}).block(Duration.ofSeconds(20)).data();

		assertThat(data).containsExactly(new Counted("Ann"), new Counted("Bo"));
		// one read per element, from the body's tokens: no tree of the data was built and walked again
		assertThat(Counted.parsers).hasSize(2).noneMatch(parser -> parser.contains("Tree"));
		assertThat(seenBefore).containsExactly(2);
	}

	@Test
	void aTopLevelArrayIsNoEnvelopeAndIsDecodedOnceStraightIntoTheType() {
		json("/counted-array", 200, "[{\"name\":\"Cy\"},{\"name\":\"Di\"}]");
		Counted.parsers.clear();

		List<Counted> data = dio().get("/counted-array", new ParameterizedTypeReference<List<Counted>>() {
		}).block(Duration.ofSeconds(20)).data();

		assertThat(data).containsExactly(new Counted("Cy"), new Counted("Di"));
		assertThat(Counted.parsers).hasSize(2).noneMatch(parser -> parser.contains("Tree"));
		assertThat(this.notified).isEmpty();
	}

	@Test
	void aTypedBusinessFailureOrADataThatDoesNotFitFailsAsBefore() {
		json("/counted-fails", 200, "{\"success\":false,\"data\":{\"name\":\"Ann\"},\"errorMessage\":\"no\"}");
		json("/counted-text", 200, "{\"success\":true,\"data\":\"not a user\"}");
		Dio dio = dio();

		BizException biz = catchThrowableOfType(BizException.class,
				() -> dio.get("/counted-fails", Counted.class).block(Duration.ofSeconds(20)));
		DioException unfit = catchThrowableOfType(DioException.class,
				() -> dio.get("/counted-text", User.class).block(Duration.ofSeconds(20)));

		assertThat(biz.type()).isEqualTo(DioExceptionType.BIZ_ERROR);
		assertThat(biz.getMessage()).startsWith("no");
		assertThat(biz.response().data()).isEqualTo(Map.of("success", false, "data", Map.of("name", "Ann"),
				"errorMessage", "no"));
		assertThat(unfit.type()).isEqualTo(DioExceptionType.UNKNOWN);
		assertThat(unfit.getMessage()).contains("cannot become");
	}

	record Envelope(boolean success, User data) {
	}

	@Test
	void unwrappingCanBeTurnedOffOrPointedElsewherePerRequestOrClient() {
		json("/users/1", 200, "{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ann\"}}");
		json("/result", 200, "{\"success\":true,\"result\":{\"id\":4,\"name\":\"Di\"}}");
		Dio dio = dio();

		Envelope whole = dio.get("/users/1", Envelope.class, r -> r.extra(ErrorAdaptorInterceptor.DATA_FIELD, "")).block().data();
		User result = dio.get("/result", User.class, r -> r.extra(ErrorAdaptorInterceptor.DATA_FIELD, "result")).block().data();
		Dio resultClient = dio(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
				EnvelopeSettings.DEFAULTS.withDataField("result"));

		assertThat(whole).isEqualTo(new Envelope(true, new User(1, "Ann")));
		assertThat(result).isEqualTo(new User(4, "Di"));
		assertThat(resultClient.get("/result", User.class).block().data()).isEqualTo(new User(4, "Di"));
	}

	@Test
	void aCustomAdaptorMapsCodeMsgPayloadEnvelopes() {
		json("/legacy-ok", 200, "{\"code\":\"0\",\"msg\":\"ok\",\"payload\":{\"id\":5,\"name\":\"Ed\"}}");
		json("/legacy-fail", 200, "{\"code\":\"E42\",\"msg\":\"库存不足\",\"payload\":null}");
		EnvelopeFields codeStyle = new EnvelopeFields("code", "payload", "code", "msg", "showType", "traceId", "host", "0");
		Dio dio = dio(new DefaultErrorAdaptor(codeStyle, 4, mapper), EnvelopeSettings.DEFAULTS.withDataField("payload"));

		assertThat(dio.get("/legacy-ok", User.class).block().data()).isEqualTo(new User(5, "Ed"));
		BizException e = (BizException) failure(dio, "/legacy-fail");
		assertThat(e.errorInfo().errorCode()).isEqualTo("E42");
		assertThat(e.getMessage()).startsWith("库存不足");
	}

	@Test
	void hugeBodiesAreNotInspectedAndLongMessagesAreCapped() {
		String big = "{\"success\":false,\"errorMessage\":\"" + "x".repeat(5000) + "\"}";
		server.wireMock().stubFor(get("/huge").willReturn(okJson(big).withHeader("Content-Length", String.valueOf(big.length()))));
		json("/long", 200, big);
		Dio small = dio(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
				new EnvelopeSettings("data", 1000, 100, List.of(), "/exception"));

		assertThat(small.get("/huge").block().statusCode()).isEqualTo(200);
		Dio capped = dio(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
				new EnvelopeSettings("data", 1024 * 1024, 100, List.of(), "/exception"));
		assertThat(failure(capped, "/long").getMessage()).hasSize(101).endsWith("…");
	}


	// the rough edges: each of the findings, fixed

	@Test
	void aBlankErrorMessageGetsTheSameFallbackInTheExceptionTheNotifierAndTheEvent() {
		json("/blank", 200, "{\"success\":false,\"errorCode\":\"E1\",\"errorMessage\":\"  \"}");
		json("/none", 200, "{\"success\":false}");
		Dio dio = dio();

		BizException blank = (BizException) failure(dio, "/blank");
		BizException none = (BizException) failure(dio, "/none");

		assertThat(blank.errorInfo().errorMessage()).startsWith("Request failed with status 200")
			.contains("success: false").endsWith("/blank");
		assertThat(blank.getMessage()).startsWith(blank.errorInfo().errorMessage()).contains("errorCode=E1");
		assertThat(none.errorInfo().errorMessage()).startsWith("Request failed with status 200");
		assertThat(blank.serverMessage()).isNull();
		assertThat(this.notified).extracting(ErrorInfo::errorMessage)
			.containsExactly(blank.errorInfo().errorMessage(), none.errorInfo().errorMessage());
	}

	@Test
	void aBizExceptionThrownByAnInterceptorIsNotifiedOnceWithItsOwnShowType() {
		json("/fine", 200, "{\"success\":true,\"data\":1}");
		Dio dio = dio();
		dio.interceptors().add(0, io.github.diospring.interceptor.InterceptorsWrapper.builder()
			.onResponse((response, handler) -> {
				throw new BizException(DioExceptionType.BIZ_ERROR, response, new ErrorInfo(false, null, "QUOTA",
						"配额已用完", ShowType.NOTIFICATION, null, null, Map.of()), "配额已用完", null);
			})
			.build());

		BizException thrown = (BizException) failure(dio, "/fine");

		assertThat(thrown.errorInfo().errorCode()).isEqualTo("QUOTA");
		assertThat(this.notified).singleElement().satisfies(info -> {
			assertThat(info.showType()).isEqualTo(ShowType.NOTIFICATION);
			assertThat(info.errorMessage()).isEqualTo("配额已用完");
		});
	}

	@Test
	void theInspectionCapCountsTheBytesOfAChunkedBody() {
		String big = "{\"success\":false,\"errorMessage\":\"" + "x".repeat(20_000) + "\"}";
		// dribbled in chunks: no Content-Length to go by
		server.wireMock().stubFor(get("/chunked").willReturn(okJson(big).withChunkedDribbleDelay(20, 100)));
		json("/small", 200, "{\"success\":false,\"errorMessage\":\"small\"}");
		Dio dio = dio(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
				new EnvelopeSettings("data", 1000, 100, List.of(), "/exception"));

		Response<Object> response = dio.get("/chunked").block(Duration.ofSeconds(20));

		assertThat(response.headers().contains("Content-Length")).isFalse();
		assertThat(response.extra()).containsEntry(Response.RECEIVED_BYTES, (long) big.length());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.notified).isEmpty();
		assertThat(failure(dio, "/small")).isInstanceOf(BizException.class);
	}

	@Test
	void messagesAreCappedInTheNotifierToo() {
		json("/long", 200, "{\"success\":false,\"errorCode\":\"" + "c".repeat(500) + "\",\"errorMessage\":\""
				+ "x".repeat(5000) + "\",\"traceId\":\"" + "t".repeat(500) + "\"}");
		server.wireMock().stubFor(get("/long-500").willReturn(aResponse().withStatus(500).withBody("y".repeat(5000))));
		Dio dio = dio(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
				new EnvelopeSettings("data", 1024 * 1024, 100, List.of(), "/exception"));

		failure(dio, "/long");
		failure(dio, "/long-500");

		assertThat(this.notified).hasSize(2).allSatisfy(info -> {
			assertThat(info.errorMessage()).hasSizeLessThanOrEqualTo(101);
			assertThat(String.valueOf(info.errorCode())).hasSizeLessThanOrEqualTo(101);
			assertThat(String.valueOf(info.traceId())).hasSizeLessThanOrEqualTo(101);
		});
	}

	@Test
	void problemDetailsAndMessageStatusErrorJsonAreRead() {
		stub("/problem", 409, "application/problem+json",
				"{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"订单已被修改\"}");
		stub("/title-only", 404, "application/problem+json", "{\"title\":\"Not Found\",\"status\":404}");
		json("/message", 400, "{\"message\":\"name is required\",\"status\":400}");
		json("/message-ok", 200, "{\"message\":\"hello\",\"status\":\"fine\"}");
		Dio dio = dio();

		BizException problem = (BizException) failure(dio, "/problem");
		BizException titleOnly = (BizException) failure(dio, "/title-only");
		BizException message = (BizException) failure(dio, "/message");

		assertThat(problem.errorInfo().errorMessage()).isEqualTo("订单已被修改");
		assertThat(problem.errorInfo().errorCode()).isEqualTo(409);
		assertThat(problem.errorInfo().origin()).isEqualTo(ErrorInfo.Origin.ERROR_BODY);
		assertThat(titleOnly.errorInfo().errorMessage()).isEqualTo("Not Found");
		assertThat(message.errorInfo().errorMessage()).isEqualTo("name is required");
		assertThat(message.errorInfo().errorCode()).isEqualTo(400);
		// the same shape on a 2xx is data, not an error
		assertThat(dio.get("/message-ok").block().data()).isEqualTo(Map.of("message", "hello", "status", "fine"));
	}

	@Test
	void onlyEnvelopesAreLoggedAsBusinessErrorsOtherFailuresAtDebug() {
		server.wireMock().stubFor(get("/html").willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
			.withBody("<html>oops</html>")));
		json("/spring", 404, "{\"timestamp\":\"2026-01-01\",\"status\":404,\"error\":\"Not Found\",\"path\":\"/x\"}");
		json("/biz", 200, "{\"success\":false,\"errorMessage\":\"余额不足\",\"showType\":2}");
		Dio dio = server.dio();
		dio.interceptors().add(new ErrorAdaptorInterceptor(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
				new LoggingErrorNotifier(), EnvelopeSettings.DEFAULTS, mapper));
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger(LoggingErrorNotifier.class);
		ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.read.ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		ch.qos.logback.classic.Level level = logger.getLevel();
		logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
		try {
			failure(dio, "/html");
			failure(dio, "/spring");
			failure(dio, "/biz");
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(level);
		}

		assertThat(appender.list).hasSize(3);
		assertThat(appender.list.subList(0, 2)).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.DEBUG));
		assertThat(appender.list.get(2).getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
		assertThat(appender.list.get(2).getFormattedMessage()).contains("余额不足");
	}

}
