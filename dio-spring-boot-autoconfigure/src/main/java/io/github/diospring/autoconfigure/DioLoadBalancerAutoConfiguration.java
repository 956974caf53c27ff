package io.github.diospring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Lets clients use {@code lb://service-id} base URLs when Spring Cloud LoadBalancer is present
 * ({@code spring-cloud-starter-loadbalancer}): a {@link LoadBalancerInterceptor} bean joins the
 * chain of every client whose base URL is {@code lb://}, right after the retry interceptor. Without it, an {@code lb://} base URL fails
 * at startup naming the property.
 *
 * <pre>{@code
 * spring.cloud.discovery.client.simple.instances.users[0].uri: http://10.0.0.7:8080
 * dio.clients.users.base-url: lb://users
 * }</pre>
 */
@AutoConfiguration(before = DioAutoConfiguration.class,
		afterName = "org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration")
@ConditionalOnClass(ReactiveLoadBalancer.class)
public final class DioLoadBalancerAutoConfiguration {

	@Bean
	@Order(LoadBalancerInterceptor.ORDER)
	@ConditionalOnMissingBean
	@ConditionalOnBean(ReactiveLoadBalancer.Factory.class)
	LoadBalancerInterceptor dioLoadBalancerInterceptor(ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
		return new LoadBalancerInterceptor(loadBalancers);
	}

}
