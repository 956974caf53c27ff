package io.github.diospring.autoconfigure;

import io.github.diospring.cookie.CookieManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cookie.scope}: client by default; session puts each user's jar in their web session. */
class SessionCookieScopeConfigurationTest {

	@Test
	void clientScopeIsTheDefaultAndAddsNoWebFilter() {
		DioAutoConfigurationTest.runner.withPropertyValues("dio.cookie.enabled=true").run(context -> {
			assertThat(context.getBean(CookieManager.class).resolver().sharedJar()).isNotNull();
			assertThat(context).doesNotHaveBean(ServerWebExchangeContextFilter.class);
		});
	}

	@Test
	void sessionScopeResolvesAJarPerCallAndPutsTheExchangeInTheReactorContext() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, DioAutoConfiguration.class))
			.withPropertyValues("dio.clients.users.cookie.enabled=true", "dio.clients.users.cookie.scope=session")
			.run(context -> {
				assertThat(context).hasSingleBean(ServerWebExchangeContextFilter.class);
				DioClients clients = context.getBean(DioClients.class);
				CookieManager users = clients.get("users").interceptors().toList().stream()
					.filter(CookieManager.class::isInstance).map(CookieManager.class::cast).findFirst().orElseThrow();
				assertThat(users.resolver().sharedJar()).isNull();
				assertThat(new DioEndpoint(clients).client("users")).extractingByKey("cookies")
					.asString().contains("scope=session");
			});
	}

	@Test
	void aPersistDirCannotHoldSessionJars() {
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.clients.users.cookie.enabled=true", "dio.clients.users.cookie.scope=session",
					"dio.cookie.persist-dir=/tmp/dio-cookies")
			.run(context -> {
				FailureAnalysis analysis = DioAutoConfigurationTest.analysis(context);
				assertThat(analysis.getDescription()).contains("dio.cookie.persist-dir")
					.contains("dio.clients.users.cookie.scope=session");
				assertThat(analysis.getAction()).contains("Remove persist-dir");
			});
	}

}
