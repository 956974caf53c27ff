package io.github.diospring.autoconfigure;

import java.util.Set;

import io.github.diospring.service.DioHttpServices;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;

/**
 * Binds Spring Boot's HTTP service groups to dio clients by name: the interfaces of an
 * {@code @ImportHttpServices} group named like a dio client ({@code default} — also the name of
 * Spring's default group — or a name under {@code dio.clients}) are served by that client, with its
 * base URL, interceptors, envelope, cookies, timeouts and metrics; other groups keep Boot's own
 * client. The group's proxy factory gets a {@link io.github.diospring.service.DioHttpExchangeAdapter}
 * first, so adapter decorators of other configurers still wrap it. Switched off with
 * {@code dio.http-services.enabled=false}.
 *
 * <pre>{@code
 * @ImportHttpServices(group = "users", types = UserApi.class)    // dio.clients.users.base-url: ...
 * @SpringBootApplication
 * class App { }
 * }</pre>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "dio.http-services.enabled", matchIfMissing = true)
class DioHttpServicesConfiguration {

	@Bean
	static RestClientHttpServiceGroupConfigurer dioRestClientHttpServiceGroupConfigurer(ObjectProvider<DioClients> clients) {
		return new RestClientGroups(clients);
	}

	@Bean
	static WebClientHttpServiceGroupConfigurer dioWebClientHttpServiceGroupConfigurer(ObjectProvider<DioClients> clients) {
		return new WebClientGroups(clients);
	}

	private static void bind(HttpServiceGroupConfigurer.Groups<?> groups, ObjectProvider<DioClients> provider) {
		DioClients clients = provider.getObject();
		Set<String> names = clients.names();
		groups.filter(group -> names.contains(group.name()))
			.forEachProxyFactory((group, factory) -> DioHttpServices.configure(factory, clients.get(group.name())));
	}

	/** For groups of the RestClient type (Spring's default). */
	private record RestClientGroups(ObjectProvider<DioClients> clients) implements RestClientHttpServiceGroupConfigurer {

		@Override
		public void configureGroups(Groups<org.springframework.web.client.RestClient.Builder> groups) {
			bind(groups, this.clients);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/** For groups of the WebClient type. */
	private record WebClientGroups(ObjectProvider<DioClients> clients) implements WebClientHttpServiceGroupConfigurer {

		@Override
		public void configureGroups(
				Groups<org.springframework.web.reactive.function.client.WebClient.Builder> groups) {
			bind(groups, this.clients);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
