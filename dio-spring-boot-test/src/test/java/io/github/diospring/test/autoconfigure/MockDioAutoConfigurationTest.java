package io.github.diospring.test.autoconfigure;

import io.github.diospring.Dio;
import io.github.diospring.DioBuilderCustomizer;
import io.github.diospring.adapter.HttpClientAdapter;
import io.github.diospring.autoconfigure.DioAutoConfiguration;
import io.github.diospring.autoconfigure.DioClients;
import io.github.diospring.test.MockDioAdapter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The binding of mock adapters, switched and selected by {@code dio.test.mock.*}. */
class MockDioAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MockDioAutoConfiguration.class, DioAutoConfiguration.class))
		.withPropertyValues("dio.base-url=https://api.example.com", "dio.clients.github.base-url=https://api.github.com");

	@Test
	void replacesTheAdapterAUserCustomizerSetAndKeepsWhatElseItAdded() {
		this.runner.withUserConfiguration(UserCustomizer.class).run(context -> {
			Dio dio = context.getBean(DioClients.class).get("default");
			assertThat(dio.httpClientAdapter()).isSameAs(context.getBean(MockDioAdapters.class).get("default"));
			assertThat(context.getBean(DioClients.class).interceptorChain("default")).contains("marker");
		});
	}

	@Test
	void aClientThatIsNotConfiguredStopsTheContextWithTheConfiguredNames() {
		this.runner.withPropertyValues("dio.test.mock.clients=gitlab").run(context -> assertThat(context).getFailure()
			.hasMessageContaining("names client 'gitlab', which is not configured; configured clients: [default, github]"));
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("dio.test.mock.enabled=false").run(context -> {
			assertThat(context).doesNotHaveBean(MockDioAdapter.class);
			assertThat(context.getBean(DioClients.class).get("github").httpClientAdapter())
				.isNotInstanceOf(MockDioAdapter.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizer {

		@Bean
		DioBuilderCustomizer ownAdapter() {
			HttpClientAdapter own = (options, body) -> {
				throw new AssertionError("the user's adapter must be replaced");
			};
			return (name, builder) -> builder.adapter(own).interceptor(new Marker());
		}

	}

	static class Marker implements io.github.diospring.interceptor.Interceptor {

	}

}
