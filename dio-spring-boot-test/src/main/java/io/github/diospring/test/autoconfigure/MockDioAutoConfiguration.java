package io.github.diospring.test.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.diospring.DioBuilderCustomizer;
import io.github.diospring.autoconfigure.DioAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Binds a {@link io.github.diospring.test.MockDioAdapter} to each mocked client through a
 * {@link DioBuilderCustomizer} that runs after the application's own (so the mock replaces any
 * adapter they set, and everything else they add stays), and registers the adapters as beans.
 * Imported by {@link AutoConfigureMockDio}; not an application auto-configuration.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureMockDio            // imports this configuration
 * class CheckoutTest {
 *     @Autowired MockDioAdapters mocks;
 * }
 * }</pre>
 */
@AutoConfiguration(before = DioAutoConfiguration.class)
@EnableConfigurationProperties(MockDioProperties.class)
@Import(MockDioAdaptersRegistrar.class)
public final class MockDioAutoConfiguration {

	/** The primary client's name in {@code DioClients}. */
	static final String DEFAULT_CLIENT = "default";

	@Bean
	MockDioAdapters mockDioAdapters(Environment environment) {
		return new MockDioAdapters(mockedClients(environment));
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	DioBuilderCustomizer mockDioAdapterBinder(MockDioAdapters adapters) {
		return (client, builder) -> {
			if (adapters.isMocked(client)) {
				builder.adapter(adapters.get(client));
			}
		};
	}

	/** The configured clients, or those of {@code dio.test.mock.clients}, which must exist; none when disabled. */
	static Set<String> mockedClients(Environment environment) {
		Binder binder = Binder.get(environment);
		if (!binder.bind("dio.test.mock.enabled", Boolean.class).orElse(true)) {
			return Set.of();
		}
		Set<String> configured = new LinkedHashSet<>();
		configured.add(DEFAULT_CLIENT);
		configured.addAll(binder.bind("dio.clients", Bindable.mapOf(String.class, Object.class)).orElse(Map.of()).keySet());
		List<String> wanted = binder.bind("dio.test.mock.clients", Bindable.listOf(String.class)).orElse(List.of());
		if (wanted.isEmpty()) {
			return configured;
		}
		for (String name : wanted) {
			if (!configured.contains(name)) {
				throw new IllegalStateException("@DioTest/@AutoConfigureMockDio names client '" + name
						+ "', which is not configured; configured clients: " + configured);
			}
		}
		return new LinkedHashSet<>(wanted);
	}

}
