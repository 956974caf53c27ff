package io.github.diospring.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Puts each client's transport behind a resilience4j circuit breaker, when resilience4j's Spring
 * Boot support ({@code resilience4j-spring-boot4}, which binds
 * {@code resilience4j.circuitbreaker.*}) provides a {@link CircuitBreakerRegistry}. A client gets
 * the breaker named like it when {@code resilience4j.circuitbreaker.instances.<client>} is
 * configured, or when {@code dio.clients.<client>.circuit-breaker.enabled=true} (then with
 * resilience4j's default config); {@code circuit-breaker.name} picks another instance.
 *
 * <pre>{@code
 * resilience4j:
 *   circuitbreaker:
 *     instances:
 *       users:
 *         sliding-window-size: 10
 *         failure-rate-threshold: 50
 *         wait-duration-in-open-state: 10s
 * }</pre>
 */
@AutoConfiguration(before = DioAutoConfiguration.class,
		afterName = "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration")
@ConditionalOnClass(CircuitBreakerRegistry.class)
public final class DioCircuitBreakerAutoConfiguration {

	@Bean
	@ConditionalOnBean(CircuitBreakerRegistry.class)
	ClientAdapterDecorator dioCircuitBreakers(CircuitBreakerRegistry registry) {
		return (settings, adapter) -> {
			Boolean enabled = settings.pick(p -> p.getCircuitBreaker().getEnabled());
			String configured = settings.client().getCircuitBreaker().getName();
			String name = (configured != null) ? configured : settings.name;
			boolean wanted = (enabled != null) ? enabled : registry.find(name).isPresent();
			return wanted ? new CircuitBreakerAdapter(adapter, registry.circuitBreaker(name)) : adapter;
		};
	}

}
