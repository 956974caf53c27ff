package io.github.diospring.autoconfigure;

import io.github.diospring.Dio;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures dio from {@code dio.*}: a primary {@link Dio}, one per {@code dio.clients.<name>}
 * (qualifier {@code <name>}), the {@link DioClients} registry and the built-in interceptors. Each
 * client is built on Boot's {@code WebClient.Builder}; every {@link Interceptor} bean joins the
 * chains in {@code @Order} order, never as a {@code WebClientCustomizer} (which would leak into
 * every WebClient of the application).
 *
 * <pre>{@code
 * @Service
 * class Repos {
 *     Repos(Dio dio, @Qualifier("github") Dio github) { ... }
 * }
 * }</pre>
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass({ Dio.class, WebClient.class })
@ConditionalOnBooleanProperty(name = "dio.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DioProperties.class)
@Import({ DioClientsRegistrar.class, DioBuiltInInterceptorsConfiguration.class, DioHttpServicesConfiguration.class })
public final class DioAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DioClients dioClients(DioProperties properties, ListableBeanFactory beans, Environment environment) {
		DioUnknownKeys.check(beans, environment);
		return DioClientFactory.fromContext(beans, environment).createAll(properties);
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	Dio dio(DioClients clients) {
		return clients.get(ClientSettings.DEFAULT_CLIENT);
	}

	/**
	 * Session-scoped cookie jars find the user's WebSession through the exchange in the Reactor
	 * context: Spring's filter puts it there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(ServerWebExchangeContextFilter.class)
	@Conditional(OnSessionCookieScope.class)
	static class ReactiveSessionCookies {

		@Bean
		@ConditionalOnMissingBean
		ServerWebExchangeContextFilter dioServerWebExchangeContextFilter() {
			return new ServerWebExchangeContextFilter();
		}

	}

}
