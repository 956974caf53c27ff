package io.github.diospring.autoconfigure;

import io.github.diospring.Dio;
import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.transformer.DefaultTransformer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configures a {@link Dio} from {@code dio.*}, built on Boot's {@code WebClient.Builder}
 * (codecs, connector and observation come along) with a connector that leaves redirects to dio,
 * which follows them itself to drop credentials across origins. Every {@link Interceptor} bean
 * joins the chain in {@code @Order} order.
 *
 * <pre>{@code
 * @Service
 * class UserService {
 *     UserService(Dio dio) { this.dio = dio; }
 * }
 * }</pre>
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass({ Dio.class, WebClient.class })
@ConditionalOnBooleanProperty(name = "dio.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DioProperties.class)
public final class DioAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Dio dio(DioProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder, ObjectProvider<HttpClientSettings> settings,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<Interceptor> interceptors) {
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
		HttpClientSettings connectorSettings = settings.getIfAvailable(HttpClientSettings::defaults)
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		builder.clientConnector(connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect).build(connectorSettings));
		JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
		Dio.Builder dio = Dio.builder()
			.options(DioPropertiesMapper.map(properties))
			.adapter(new WebClientAdapter(builder))
			.transformer(new DefaultTransformer(mapper))
			.jsonMapper(mapper);
		interceptors.orderedStream().forEach(dio::interceptor);
		return dio.build();
	}

}
