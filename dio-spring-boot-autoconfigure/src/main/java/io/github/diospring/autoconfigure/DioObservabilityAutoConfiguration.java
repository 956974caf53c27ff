package io.github.diospring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * dio's meters and its actuator endpoint, each only when its library is there: the starter works
 * without actuator or Micrometer. The {@code http.client.requests} observation itself is recorded
 * by every client whenever an {@code ObservationRegistry} bean exists.
 *
 * <pre>{@code
 * dio:
 *   metrics:
 *     error-code-tag: true
 * }</pre>
 */
@AutoConfiguration(after = DioAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBean(DioClients.class)
public final class DioObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class Metrics {

		@Bean
		@ConditionalOnMissingBean
		DioMetricsObservationHandler dioMetricsObservationHandler(MeterRegistry meters, DioProperties properties) {
			return new DioMetricsObservationHandler(meters, properties.getMetrics().isErrorCodeTag(),
					properties.getMetrics().getMaxErrorCodes());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class Actuator {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		DioEndpoint dioEndpoint(DioClients clients) {
			return new DioEndpoint(clients);
		}

	}

}
