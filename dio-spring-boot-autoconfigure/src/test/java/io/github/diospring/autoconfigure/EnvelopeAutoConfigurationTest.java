package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.envelope.BizException;
import io.github.diospring.envelope.ErrorAdaptor;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.envelope.ErrorInfo;
import io.github.diospring.envelope.ShowType;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The envelope from YAML: field names, numbering, custom adaptors, events, per-client settings. */
class EnvelopeAutoConfigurationTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	record User(long id, String name) {
	}

	private static void json(String path, int status, String body) {
		server.wireMock().stubFor(get(path).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json").withBody(body)));
	}

	private static BizException biz(Dio dio, String path) {
		DioException e = catchThrowableOfType(DioException.class, () -> dio.get(path).block(Duration.ofSeconds(10)));
		assertThat(e).isInstanceOf(BizException.class);
		return (BizException) e;
	}

	@Test
	void onByDefaultUnwrappingTypedCalls() {
		json("/users/1", 200, "{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ann\"}}");
		DioAutoConfigurationTest.runner.withPropertyValues("dio.base-url=" + server.baseUrl()).run(context -> {
			assertThat(context).hasSingleBean(ErrorAdaptorInterceptor.class);
			assertThat(context.getBean(Dio.class).get("/users/1", User.class).block().data()).isEqualTo(new User(1, "Ann"));
		});
	}

	@Test
	void fieldNamesSuccessValueAndDataFieldComeFromYaml() {
		json("/ok", 200, "{\"code\":0,\"msg\":\"ok\",\"payload\":{\"id\":2,\"name\":\"Bo\"}}");
		json("/fail", 200, "{\"code\":42,\"msg\":\"库存不足\",\"level\":3}");
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.error-adaptor.fields.success=code",
					"dio.error-adaptor.success-value=0", "dio.error-adaptor.fields.error-code=code",
					"dio.error-adaptor.fields.error-message=msg", "dio.error-adaptor.fields.show-type=level",
					"dio.error-adaptor.data-field=payload", "dio.error-adaptor.notification-show-type=3")
			.run(context -> {
				Dio dio = context.getBean(Dio.class);
				assertThat(dio.get("/ok", User.class).block().data()).isEqualTo(new User(2, "Bo"));
				BizException e = biz(dio, "/fail");
				assertThat(e.type()).isEqualTo(DioExceptionType.BIZ_ERROR);
				assertThat(e.errorInfo().errorCode()).isEqualTo(42);
				assertThat(e.errorInfo().showType()).isEqualTo(ShowType.NOTIFICATION);
				assertThat(e.getMessage()).startsWith("库存不足");
			});
	}

	@Test
	void aCustomErrorAdaptorBeanReplacesTheDefault() {
		json("/legacy", 200, "{\"code\":\"E1\",\"msg\":\"legacy failure\",\"payload\":null}");
		json("/legacy-ok", 200, "{\"code\":\"0\",\"msg\":\"ok\",\"payload\":{\"id\":3,\"name\":\"Cy\"}}");
		DioAutoConfigurationTest.runner.withUserConfiguration(CodeMsgPayload.class)
			.withPropertyValues("dio.base-url=" + server.baseUrl())
			.run(context -> {
				Dio dio = context.getBean(Dio.class);
				assertThat(biz(dio, "/legacy").errorInfo().errorMessage()).isEqualTo("legacy failure");
				assertThat(dio.get("/legacy-ok", User.class).block().data()).isEqualTo(new User(3, "Cy"));
			});
	}

	@Test
	void failuresArePublishedAsEventsWithTheRedirectTarget() {
		json("/login-needed", 401, "{\"success\":false,\"errorCode\":\"401\",\"errorMessage\":\"请先登录\",\"showType\":9}");
		json("/warn", 200, "{\"success\":false,\"errorMessage\":\"careful\",\"showType\":1}");
		DioAutoConfigurationTest.runner.withUserConfiguration(Listener.class)
			.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.error-adaptor.error-page=/error")
			.run(context -> {
				Dio dio = context.getBean(Dio.class);
				biz(dio, "/login-needed");
				biz(dio, "/warn");
				List<DioErrorEvent> events = context.getBean(Listener.class).events;
				assertThat(events).hasSize(2);
				assertThat(events.get(0).errorInfo().showType()).isEqualTo(ShowType.REDIRECT);
				assertThat(events.get(0).redirectUrl()).isEqualTo("/error?errorCode=401&errorMessage=%E8%AF%B7%E5%85%88%E7%99%BB%E5%BD%95");
				assertThat(events.get(0).exception().type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
				assertThat(events.get(1).errorInfo().showType()).isEqualTo(ShowType.WARN_MESSAGE);
				assertThat(events.get(1).redirectUrl()).isNull();
			});
	}

	@Test
	void namedClientsTakeTheirOwnEnvelopeSettingsOrNone() {
		json("/legacy", 200, "{\"success\":false,\"msg\":\"from msg\"}");
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.clients.legacy.error-adaptor.fields.error-message=msg",
					"dio.clients.raw.error-adaptor.enabled=false")
			.run(context -> {
				DioClients clients = context.getBean(DioClients.class);
				assertThat(biz(clients.get("legacy"), "/legacy").errorInfo().errorMessage()).isEqualTo("from msg");
				BizException unexplained = biz(clients.get("default"), "/legacy");
				assertThat(unexplained.serverMessage()).isNull();
				assertThat(unexplained.errorInfo().errorMessage()).startsWith("Request failed with status 200 OK (success: false");
				assertThat(clients.get("raw").get("/legacy").block().data()).isEqualTo(Map.of("success", false, "msg", "from msg"));
				assertThat(clients.interceptorChain("raw")).doesNotContain("dioErrorAdaptorInterceptor");
			});
	}

	@Test
	void canBeSwitchedOffAndRejectsAnUnknownNotificationNumber() {
		DioAutoConfigurationTest.runner.withPropertyValues("dio.error-adaptor.enabled=false").run(context -> {
			assertThat(context).doesNotHaveBean(ErrorAdaptorInterceptor.class);
			assertThat(context.getBean(Dio.class).interceptors().size()).isZero();
		});
		DioAutoConfigurationTest.runner.withPropertyValues("dio.error-adaptor.notification-show-type=5")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.error-adaptor.notification-show-type = '5'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CodeMsgPayload {

		@Bean
		ErrorAdaptor codeMsgPayload() {
			return (body, context) -> (body instanceof Map<?, ?> map && map.containsKey("code"))
					? new ErrorInfo("0".equals(String.valueOf(map.get("code"))), map.get("payload"), map.get("code"),
							(String) map.get("msg"), ShowType.ERROR_MESSAGE, null, null, Map.of())
					: (body instanceof tools.jackson.databind.JsonNode node && node.has("code"))
							? new ErrorInfo("0".equals(node.get("code").asString()), node.get("payload"), node.get("code").asString(),
									node.get("msg").asString(), ShowType.ERROR_MESSAGE, null, null, Map.of())
							: null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		final List<DioErrorEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(DioErrorEvent event) {
			this.events.add(event);
		}

	}

}
