package io.github.diospring.demo.bff;

import io.github.diospring.DioBuilderCustomizer;
import io.github.diospring.autoconfigure.DioClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What YAML cannot say: the {@code secure} client sends each user's token and refreshes it once per user.
 *
 * <pre>{@code
 * @Bean DioBuilderCustomizer tokenRefresh(...) { ... }
 * }</pre>
 */
@Configuration(proxyBeanMethods = false)
class DemoClientsConfiguration {

	@Bean
	DioBuilderCustomizer tokenRefresh(ObjectProvider<TokenStore> tokens, ObjectProvider<DioClients> clients) {
		return (name, builder) -> {
			if (name.equals("secure")) {
				builder.interceptor(new TokenRefreshInterceptor(tokens::getObject, () -> clients.getObject().get("secure")));
			}
		};
	}

}
