package io.github.diospring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.diospring.Dio;
import io.github.diospring.DioBuilderCustomizer;
import io.github.diospring.envelope.ErrorAdaptor;
import io.github.diospring.envelope.ErrorNotifier;
import io.github.diospring.envelope.LoggingErrorNotifier;
import io.github.diospring.interceptor.Interceptor;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

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
@Import({ DioClientsRegistrar.class, DioBuiltInInterceptorsConfiguration.class })
public final class DioAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DioClients dioClients(DioProperties properties, ObjectProvider<WebClient.Builder> webClientBuilders,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder, ObjectProvider<HttpClientSettings> settings,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<Interceptor> interceptors, ObjectProvider<DioBuilderCustomizer> customizers,
			ObjectProvider<ErrorAdaptor> errorAdaptor, ObjectProvider<ErrorNotifier> errorNotifier,
			ListableBeanFactory beanFactory) {
		JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
		DioClientFactory factory = new DioClientFactory(webClientBuilders,
				connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect),
				settings.getIfAvailable(HttpClientSettings::defaults), sslBundles.getIfAvailable(),
				mapper, namedInOrder(interceptors, beanFactory), customizers.orderedStream().toList(),
				new ClientBuiltIns(mapper, errorAdaptor.getIfAvailable(),
						errorNotifier.getIfAvailable(LoggingErrorNotifier::new)));
		return factory.createAll(properties);
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	Dio dio(DioClients clients) {
		return clients.get(ClientSettings.DEFAULT_CLIENT);
	}

	/** Interceptor beans by name, in {@code @Order} order (also honouring {@code @Order} on {@code @Bean} methods). */
	private static Map<String, Interceptor> namedInOrder(ObjectProvider<Interceptor> interceptors,
			ListableBeanFactory beanFactory) {
		Map<Interceptor, String> names = new java.util.IdentityHashMap<>();
		beanFactory.getBeansOfType(Interceptor.class).forEach((name, bean) -> names.put(bean, name));
		Map<String, Interceptor> ordered = new LinkedHashMap<>();
		interceptors.orderedStream().forEach(i -> ordered.put(names.getOrDefault(i, i.getClass().getName()), i));
		return ordered;
	}

}
