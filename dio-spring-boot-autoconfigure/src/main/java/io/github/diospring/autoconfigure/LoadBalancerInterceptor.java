package io.github.diospring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import io.github.diospring.interceptor.ErrorInterceptorHandler;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import io.github.diospring.retry.CircuitOpenException;
import io.github.diospring.retry.RetryAttempt;
import io.github.diospring.retry.RetryInterceptor;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.LoadBalancerUriTools;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.RetryableRequestContext;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import reactor.core.publisher.Mono;

/**
 * Sends {@code lb://service-id} requests to an instance that Spring Cloud LoadBalancer chooses
 * (through {@link ReactiveLoadBalancer.Factory}, so any discovery — simple, Eureka, Consul,
 * Kubernetes — and any load-balancer configuration applies). Runs after the
 * {@link RetryInterceptor} ({@link #ORDER}), so every attempt chooses again, and a retry avoids the
 * instances that failed earlier in the same call (and tells the load balancer the previous one,
 * for Spring Cloud's retry-aware instance suppliers). An instance that could not be connected to
 * is passed over for a few seconds while the load balancer offers others, so that one stopped
 * instance does not cost a retry per request. The instance's secure flag and scheme decide
 * {@code http} or {@code https}; the chosen {@link ServiceInstance}, metadata included, is in
 * {@code extra[INSTANCE]} for the interceptors after it. Metrics keep the logical URL: the
 * {@code client.name} tag is the service id. Other URLs pass through untouched.
 *
 * <pre>{@code
 * dio:
 *   clients:
 *     users:
 *       base-url: lb://users/api
 * }</pre>
 */
public class LoadBalancerInterceptor implements Interceptor, ResolvesLoadBalancedUrls {

	/** After the retry interceptor ({@code -1100}), before the cookie manager ({@code -1000}). */
	public static final int ORDER = RetryInterceptor.ORDER + 50;

	/** Extra key of the chosen {@link ServiceInstance}. */
	public static final String INSTANCE = "dio.lb.instance";

	private static final String SCHEME = "lb";

	/** How long an instance that refused a connection is passed over while others are left. */
	public static final Duration DEFAULT_QUARANTINE = Duration.ofSeconds(5);

	private final ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;

	private final long quarantineNanos;

	private final Map<String, Long> quarantined = new ConcurrentHashMap<>();

	/** @param loadBalancers Spring Cloud's load balancers, one per service id */
	public LoadBalancerInterceptor(ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
		this(loadBalancers, DEFAULT_QUARANTINE);
	}

	/**
	 * @param loadBalancers Spring Cloud's load balancers, one per service id
	 * @param quarantine how long an instance that could not be connected to is passed over while
	 * the load balancer offers others (zero: never)
	 */
	public LoadBalancerInterceptor(ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers, Duration quarantine) {
		this.loadBalancers = loadBalancers;
		this.quarantineNanos = quarantine.toNanos();
	}

	/**
	 * @param url a base URL or path
	 * @return whether it names a load-balanced service ({@code lb://service-id...})
	 */
	public static boolean isLoadBalanced(@Nullable String url) {
		return ResolvesLoadBalancedUrls.isLoadBalanced(url);
	}

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		boolean inBase = isLoadBalanced(options.baseUrl()) && !options.path().contains("://");
		if (!inBase && !isLoadBalanced(options.path())) {
			handler.next(options);
			return;
		}
		URI logical = URI.create(inBase ? options.baseUrl() : options.path());
		String serviceId = logical.getHost();
		if (serviceId == null) {
			handler.reject(new DioException(DioExceptionType.UNKNOWN, options, null,
					"'" + logical + "' names no service; write lb://service-id[/path]", null), true);
			return;
		}
		RetryAttempt attempt = RetryAttempt.of(options);
		attempt.failures().forEach(this::quarantine);
		Set<String> failed = failedInstances(attempt);
		ServiceInstance previous = previousInstance(attempt);
		handler.observe(choose(serviceId, options, previous, failed, failed.size() + 3).doOnNext(instance -> {
			String prefix = SCHEME + "://" + logical.getRawAuthority();
			// as an http URL, so that Spring's rules pick the scheme: the instance's own, else https when secure
			String target = LoadBalancerUriTools.reconstructURI(instance, URI.create("http://" + logical.getRawAuthority()))
				.toString();
			RequestOptions routed = inBase
					? options.copyWith(b -> b.baseUrl(target + options.baseUrl().substring(prefix.length())).extra(INSTANCE, instance))
					: options.copyWith(b -> b.path(target + options.path().substring(prefix.length())).extra(INSTANCE, instance));
			handler.next(routed);
		}).switchIfEmpty(Mono.fromRunnable(() -> handler.reject(new DioException(DioExceptionType.CONNECTION_ERROR, options,
				null, "No instance of service '" + serviceId + "' is available; check its discovery (for the simple "
						+ "discovery client: spring.cloud.discovery.client.simple.instances." + serviceId + ")", null),
				true))));
	}

	/** Chooses, skipping instances that already failed this call while others may be left. */
	private Mono<ServiceInstance> choose(String serviceId, RequestOptions options, @Nullable ServiceInstance previous,
			Set<String> failed, int triesLeft) {
		ReactiveLoadBalancer<ServiceInstance> loadBalancer = this.loadBalancers.getInstance(serviceId);
		if (loadBalancer == null) {
			return Mono.empty();
		}
		return Mono.from(loadBalancer.choose(request(serviceId, options, previous)))
			.filter(Response::hasServer)
			.map(Response::getServer)
			.flatMap(instance -> (avoided(instance, failed) && triesLeft > 1)
					? choose(serviceId, options, previous, failed, triesLeft - 1).defaultIfEmpty(instance)
					: Mono.just(instance));
	}

	@Override
	public void onError(DioException error, ErrorInterceptorHandler handler) {
		quarantine(error);
		handler.next(error);
	}

	/** An instance that could not be connected to is passed over for a while (passive outlier detection). */
	private void quarantine(DioException failure) {
		RequestOptions sent = failure.requestOptions();
		boolean unreachable = failure.type() == DioExceptionType.CONNECTION_ERROR
				|| failure.type() == DioExceptionType.CONNECTION_TIMEOUT;
		if (this.quarantineNanos > 0 && unreachable && !(failure instanceof CircuitOpenException) && sent != null
				&& sent.extra().get(INSTANCE) instanceof ServiceInstance instance) {
			this.quarantined.put(key(instance), System.nanoTime() + this.quarantineNanos);
		}
	}

	private boolean avoided(ServiceInstance instance, Set<String> failed) {
		String key = key(instance);
		if (failed.contains(key)) {
			return true;
		}
		Long until = this.quarantined.get(key);
		if (until == null) {
			return false;
		}
		if (until - System.nanoTime() > 0) {
			return true;
		}
		this.quarantined.remove(key, until);
		return false;
	}

	private Request<RequestDataContext> request(String serviceId, RequestOptions options,
			@Nullable ServiceInstance previous) {
		HttpHeaders headers = new HttpHeaders();
		options.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
		RequestData data = new RequestData(HttpMethod.valueOf(options.method()), options.uri(), headers,
				new LinkedMultiValueMap<>(), Map.of());
		String hint = hint(serviceId);
		return new DefaultRequest<>((previous != null) ? new RetryableRequestContext(previous, data, hint)
				: new RequestDataContext(data, hint));
	}

	private String hint(String serviceId) {
		Map<String, String> hints = this.loadBalancers.getProperties(serviceId).getHint();
		String own = hints.get(serviceId);
		return (own != null) ? own : hints.getOrDefault("default", "default");
	}

	private static Set<String> failedInstances(RetryAttempt attempt) {
		Set<String> failed = new HashSet<>();
		for (DioException failure : attempt.failures()) {
			RequestOptions sent = failure.requestOptions();
			if (sent != null && sent.extra().get(INSTANCE) instanceof ServiceInstance instance) {
				failed.add(key(instance));
			}
		}
		return failed;
	}

	private static @Nullable ServiceInstance previousInstance(RetryAttempt attempt) {
		if (attempt.failures().isEmpty()) {
			return null;
		}
		RequestOptions sent = attempt.failures().get(attempt.failures().size() - 1).requestOptions();
		return (sent != null && sent.extra().get(INSTANCE) instanceof ServiceInstance instance) ? instance : null;
	}

	private static String key(ServiceInstance instance) {
		return instance.getHost().toLowerCase(Locale.ROOT) + ":" + instance.getPort();
	}

}
