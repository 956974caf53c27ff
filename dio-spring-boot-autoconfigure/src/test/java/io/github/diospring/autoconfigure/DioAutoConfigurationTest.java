package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioBuilderCustomizer;
import io.github.diospring.ListFormat;
import io.github.diospring.Response;
import io.github.diospring.ResponseType;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.interceptor.LogInterceptor;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class DioAutoConfigurationTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	static final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, DioAutoConfiguration.class));

	static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new DioFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("a DioConfigurationException explains the failure").isNotNull();
		return analysis;
	}

	@Test
	void everyTopLevelPropertyReachesTheClientsBaseOptions() {
		runner.withPropertyValues("dio.base-url=https://api.example.com/v1/", "dio.method=post",
				"dio.connect-timeout=2s", "dio.send-timeout=4s", "dio.receive-timeout=3s", "dio.headers.X-App=demo",
				"dio.query-parameters.lang=zh", "dio.content-type=text/plain", "dio.response-type=plain",
				"dio.force-json-decode=true", "dio.receive-data-when-status-error=false", "dio.follow-redirects=false",
				"dio.max-redirects=2", "dio.persistent-connection=false", "dio.preserve-header-case=true",
				"dio.list-format=csv", "dio.extra.tenant=t1")
			.run(context -> {
				BaseOptions o = context.getBean(Dio.class).options();
				assertThat(o.baseUrl()).isEqualTo("https://api.example.com/v1/");
				assertThat(o.method()).isEqualTo("POST");
				assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(o.sendTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(o.receiveTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(o.headers().value("x-app")).isEqualTo("demo");
				assertThat(o.queryParameters()).containsEntry("lang", "zh");
				assertThat(o.contentType()).isEqualTo("text/plain");
				assertThat(o.responseType()).isEqualTo(ResponseType.PLAIN);
				assertThat(o.forceJsonDecode()).isTrue();
				assertThat(o.receiveDataWhenStatusError()).isFalse();
				assertThat(o.followRedirects()).isFalse();
				assertThat(o.maxRedirects()).isEqualTo(2);
				assertThat(o.persistentConnection()).isFalse();
				assertThat(o.preserveHeaderCase()).isTrue();
				assertThat(o.listFormat()).isEqualTo(ListFormat.CSV);
				assertThat(o.extra()).containsEntry("tenant", "t1");
			});
	}

	@Test
	void unsetPropertiesKeepDiosDefaults() {
		runner.run(context -> {
			BaseOptions o = context.getBean(Dio.class).options();
			BaseOptions defaults = BaseOptions.defaults();
			assertThat(o.method()).isEqualTo(defaults.method());
			assertThat(o.maxRedirects()).isEqualTo(5);
			assertThat(o.followRedirects()).isTrue();
			assertThat(o.responseType()).isEqualTo(ResponseType.JSON);
			assertThat(o.connectTimeout()).isEqualTo(BaseOptions.DEFAULT_CONNECT_TIMEOUT);
			assertThat(context).doesNotHaveBean(LogInterceptor.class);
		});
	}

	@Test
	void namedClientsInheritEveryUnsetValueAndAreInjectableByQualifier() {
		runner.withPropertyValues("dio.base-url=https://top.example", "dio.connect-timeout=2s", "dio.receive-timeout=3s",
				"dio.headers.X-App=demo", "dio.headers.X-Env=prod", "dio.max-redirects=3",
				"dio.clients.github.base-url=https://api.github.com", "dio.clients.github.receive-timeout=10s",
				"dio.clients.github.headers.X-Env=test", "dio.clients.billing.method=PUT")
			.withUserConfiguration(NeedsGithub.class)
			.run(context -> {
				Dio github = context.getBean(NeedsGithub.class).github;
				assertThat(github.options().baseUrl()).isEqualTo("https://api.github.com");
				assertThat(github.options().receiveTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(github.options().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(github.options().maxRedirects()).isEqualTo(3);
				assertThat(github.options().headers().value("X-App")).isEqualTo("demo");
				assertThat(github.options().headers().value("X-Env")).isEqualTo("test");
				Dio billing = context.getBean(DioClients.class).get("billing");
				assertThat(billing.options().baseUrl()).isEqualTo("https://top.example");
				assertThat(billing.options().method()).isEqualTo("PUT");
				assertThat(context.getBean(Dio.class).options().baseUrl()).isEqualTo("https://top.example");
				assertThat(context.getBean(DioClients.class).names()).containsExactly("default", "github", "billing");
				assertThat(context.getBean("billingDio")).isSameAs(billing);
			});
	}

	@Test
	void theClientTalksHttpFollowsRedirectsItselfAndSendsConfiguredHeaders() {
		server.wireMock().stubFor(get("/api/old").willReturn(aResponse().withStatus(302).withHeader("Location", "/api/new")));
		server.wireMock().stubFor(get("/api/new").willReturn(okJson("{\"id\":1}")));
		runner.withPropertyValues("dio.base-url=" + server.baseUrl() + "/api", "dio.headers.X-App=demo")
			.run(context -> {
				Response<Object> response = context.getBean(Dio.class).get("/old").block(Duration.ofSeconds(10));
				assertThat(response.data()).isEqualTo(Map.of("id", 1));
				assertThat(response.redirects()).hasSize(1);
				server.wireMock().verify(getRequestedFor(urlEqualTo("/api/new")).withHeader("X-App", equalTo("demo")));
			});
	}

	@Test
	void interceptorBeansJoinEveryChainInOrderWithPerClientSelection() {
		runner.withUserConfiguration(Interceptors.class)
			.withPropertyValues("dio.log.enabled=true", "dio.clients.lean.interceptors.include=first",
					"dio.clients.quiet.interceptors.exclude=dioLogInterceptor")
			.run(context -> {
				DioClients clients = context.getBean(DioClients.class);
				// unordered beans count as 0; the error adaptor and the log interceptor come last, to see the final request
				assertThat(clients.interceptorChain("default")).containsExactly("early", "unordered", "first", "second",
						"dioErrorAdaptorInterceptor", "dioLogInterceptor");
				assertThat(clients.interceptorChain("lean")).containsExactly("first");
				assertThat(clients.interceptorChain("quiet")).containsExactly("early", "unordered", "first", "second",
						"dioErrorAdaptorInterceptor");
				assertThat(context.getBean(Dio.class).interceptors().toList()).containsExactly(
						context.getBean("early", Interceptor.class), context.getBean("unordered", Interceptor.class),
						context.getBean("first", Interceptor.class), context.getBean("second", Interceptor.class),
						context.getBean(ErrorAdaptorInterceptor.class), context.getBean(LogInterceptor.class));
			});
	}

	@Test
	void everyClientNamesItsInterceptorsTheSameWayAndShowsItsOptionsAsTheyAreNow() {
		runner.withPropertyValues("dio.cookie.enabled=true", "dio.base-url=https://configured.example",
				"dio.clients.shop.error-adaptor.data-field=payload", "dio.clients.shop.base-url=https://shop.example")
			.run(context -> {
				DioClients clients = context.getBean(DioClients.class);
				Dio shop = clients.get("shop");
				shop.interceptors().add(new AuditInterceptor());

				assertThat(clients.interceptorChain("default")).containsExactly("dioCookieManager",
						"dioErrorAdaptorInterceptor");
				assertThat(clients.interceptorChain("shop")).containsExactly("dioCookieManager",
						"dioErrorAdaptorInterceptor", "auditInterceptor");
				assertThat(shop.interceptors().get(0)).isNotSameAs(context.getBean(CookieManager.class));

				shop.options(shop.options().toBuilder().baseUrl("https://changed.example").build());
				Map<String, Object> options = clients.configuration("shop");
				assertThat(options.get("base-url")).isEqualTo(Map.of("value", "https://changed.example", "source", "runtime"));
				assertThat(clients.configuration("default").get("base-url"))
					.isEqualTo(Map.of("value", "https://configured.example", "source", "top-level"));
				assertThat(new DioEndpoint(clients).client("missing")).isNull();
			});
	}

	static class AuditInterceptor implements Interceptor {
	}

	@Test
	void logInterceptorFollowsDioLogProperties() {
		server.wireMock().stubFor(get("/logged").willReturn(okJson("{\"answer\":42}")));
		runner.withPropertyValues("dio.base-url=" + server.baseUrl(), "dio.log.enabled=true", "dio.log.response-body=true",
				"dio.log.request-header=false", "dio.log.max-body-length=5", "dio.log.response-url=false")
			.run(context -> {
				assertThat(context).hasSingleBean(LogInterceptor.class);
				ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
					.getLogger(LogInterceptor.class);
				ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.read.ListAppender<>();
				appender.start();
				logger.addAppender(appender);
				logger.setLevel(ch.qos.logback.classic.Level.INFO);
				try {
					context.getBean(Dio.class).get("/logged", r -> r.header("X-Secret-Free", "v")).block(Duration.ofSeconds(10));
				}
				finally {
					logger.detachAppender(appender);
				}
				String logged = appender.list.stream().map(e -> e.getFormattedMessage()).reduce("", String::concat);
				assertThat(logged).contains("*** Request ***").doesNotContain("X-Secret-Free")
					.contains("{answ… (6 more characters)").contains("*** Response ***\nstatusCode: 200")
					.contains("*** Request ***\nuri: " + server.baseUrl() + "/logged");
			});
	}

	@Test
	void customizersRunInOrderForEveryClient() {
		runner.withUserConfiguration(Customizers.class).withPropertyValues("dio.clients.other.base-url=https://o.example")
			.run(context -> {
				assertThat(context.getBean(Customizers.class).calls).containsExactly("a:default", "b:default", "a:other",
						"b:other");
				assertThat(context.getBean(Dio.class).interceptors().toList()).hasSize(2)
					.first().isInstanceOf(ErrorAdaptorInterceptor.class);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnDio() {
		runner.withUserConfiguration(OwnDio.class).run(context -> {
			assertThat(context.getBean(Dio.class).options().baseUrl()).isEqualTo("https://own.example");
		});
	}

	@Test
	void canBeSwitchedOff() {
		runner.withPropertyValues("dio.enabled=false").run(context -> {
			assertThat(context).doesNotHaveBean(Dio.class);
			assertThat(context).doesNotHaveBean(DioClients.class);
		});
	}

	@Test
	void anInvalidBaseUrlStopsTheStartNamingTheProperty() {
		runner.withPropertyValues("dio.base-url=pub.dev").run(context -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("dio.base-url = 'pub.dev'").contains("absolute http");
			assertThat(analysis.getAction()).contains("dio.base-url");
		});
		runner.withPropertyValues("dio.clients.github.base-url=api.github.com").run(context -> assertThat(
				analysis(context).getDescription()).contains("dio.clients.github.base-url = 'api.github.com'"));
	}

	@Test
	void aNegativeTimeoutStopsTheStartNamingTheProperty() {
		runner.withPropertyValues("dio.connect-timeout=-1s").run(context -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("dio.connect-timeout").contains("negative");
			assertThat(analysis.getAction()).contains("positive duration");
		});
		runner.withPropertyValues("dio.clients.slow.receive-timeout=-5s").run(context -> assertThat(
				analysis(context).getDescription()).contains("dio.clients.slow.receive-timeout"));
	}

	@Test
	void anUnknownInterceptorNameStopsTheStart() {
		runner.withUserConfiguration(Interceptors.class).withPropertyValues("dio.clients.x.interceptors.include=frist")
			.run(context -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("dio.clients.x.interceptors.include = 'frist'");
				assertThat(analysis.getAction()).contains("first").contains("second");
			});
	}

	@Test
	void aMissingSslBundleStopsTheStart() {
		runner.withPropertyValues("dio.ssl.bundle=nope").run(context -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("dio.ssl.bundle = 'nope'");
			assertThat(analysis.getAction()).contains("spring.ssl.bundle");
		});
	}

	@Test
	void aProxyWithoutPortOrWithABadPinStopsTheStart() {
		runner.withPropertyValues("dio.proxy.host=127.0.0.1").run(context -> assertThat(analysis(context).getDescription())
			.contains("dio.proxy.port"));
		runner.withPropertyValues("dio.ssl.pins.example.com=md5/abc").run(context -> assertThat(
				analysis(context).getDescription()).contains("dio.ssl.pins").contains("md5/abc"));
	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsGithub {

		final Dio github;

		NeedsGithub(@Qualifier("github") Dio github) {
			this.github = github;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Interceptors {

		@Bean
		@Order(2)
		Interceptor second() {
			return InterceptorsWrapper.builder().build();
		}

		@Bean
		@Order(1)
		Interceptor first() {
			return InterceptorsWrapper.builder().build();
		}

		@Bean
		Interceptor unordered() {
			return InterceptorsWrapper.builder().build();
		}

		@Bean
		@Order(-5)
		Interceptor early() {
			return InterceptorsWrapper.builder().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		DioBuilderCustomizer b() {
			return (name, builder) -> this.calls.add("b:" + name);
		}

		@Bean
		@Order(1)
		DioBuilderCustomizer a() {
			return (name, builder) -> {
				this.calls.add("a:" + name);
				builder.interceptor(InterceptorsWrapper.builder().build());
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDio {

		@Bean
		Dio ownDio() {
			return Dio.create(BaseOptions.builder().baseUrl("https://own.example").build());
		}

	}

}
