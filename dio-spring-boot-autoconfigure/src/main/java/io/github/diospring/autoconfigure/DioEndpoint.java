package io.github.diospring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.github.diospring.Dio;
import io.github.diospring.cookie.CookieJar;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.cookie.PersistCookieJar;
import io.github.diospring.interceptor.Interceptor;
import org.jspecify.annotations.Nullable;
import io.github.diospring.retry.RetryBudget;
import io.github.diospring.retry.RetryInterceptor;
import io.github.diospring.retry.RetryPolicy;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/dio}: every client with its effective options as they are now and where each
 * came from ({@code client}, {@code top-level}, {@code default}, or {@code runtime} after
 * {@code dio.options(...)}), its interceptor chain in order (one naming for every client), its proxy
 * and TLS settings (secrets masked, pins counted), how many cookies its jar holds (never their
 * values), its HTTP cache (settings, store, counts) and its retry policy and budget.
 * {@code /actuator/dio/{name}} shows one client, and answers 404 for a name that is not one.
 *
 * <pre>{@code
 * management.endpoints.web.exposure.include: health,dio,metrics
 * curl localhost:8080/actuator/dio/github
 * }</pre>
 */
@Endpoint(id = "dio")
public class DioEndpoint {

	private final DioClients clients;

	/** @param clients the clients to show */
	public DioEndpoint(DioClients clients) {
		this.clients = clients;
	}

	/** @return every client */
	@ReadOperation
	public Map<String, Object> clients() {
		Map<String, Object> all = new LinkedHashMap<>();
		this.clients.names().forEach(name -> all.put(name, describe(name)));
		return Map.of("clients", all);
	}

	/**
	 * @param name a client name
	 * @return that client, or null (404 Not Found) when there is no client of that name
	 */
	@ReadOperation
	public @Nullable Map<String, Object> client(@Selector String name) {
		return this.clients.names().contains(name) ? describe(name) : null;
	}

	private Map<String, Object> describe(String name) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("options", this.clients.configuration(name));
		description.put("interceptors", this.clients.interceptorChain(name));
		description.put("cookies", cookies(this.clients.get(name)));
		description.put("cache", ClientCache.describe(this.clients.get(name)));
		description.put("retry", retry(this.clients.get(name)));
		return description;
	}

	private static Map<String, Object> retry(Dio dio) {
		for (Interceptor interceptor : dio.interceptors()) {
			if (interceptor instanceof RetryInterceptor retry) {
				RetryPolicy policy = retry.policy();
				RetryBudget budget = retry.budget();
				Map<String, Object> shown = new LinkedHashMap<>();
				shown.put("maxAttempts", policy.maxAttempts());
				shown.put("statuses", List.copyOf(new TreeSet<>(policy.retryableStatuses())));
				shown.put("methods", List.copyOf(new TreeSet<>(policy.retryableMethods())));
				shown.put("initialBackoff", policy.initialBackoff().toString());
				shown.put("maxBackoff", policy.maxBackoff().toString());
				shown.put("maxRetryAfter", policy.maxRetryAfter().toString());
				shown.put("budget", Map.of("ratio", budget.ratio(), "minRetries", budget.minRetries(), "window",
						budget.window().toString()));
				return shown;
			}
		}
		return Map.of("enabled", false);
	}

	private static Map<String, Object> cookies(Dio dio) {
		for (Interceptor interceptor : dio.interceptors()) {
			if (interceptor instanceof CookieManager manager) {
				Map<String, Object> cookies = new LinkedHashMap<>();
				CookieJar jar = manager.resolver().sharedJar();
				if (jar == null) {
					cookies.put("scope", "session");
					cookies.put("jar", manager.resolver().toString());
					return cookies;
				}
				cookies.put("scope", "client");
				cookies.put("jar", jar.getClass().getSimpleName());
				if (jar instanceof DefaultCookieJar memory) {
					cookies.put("count", memory.cookies().size());
				}
				else if (jar instanceof PersistCookieJar persistent) {
					cookies.put("count", persistent.cookies().size());
					cookies.put("file", String.valueOf(persistent.file()));
				}
				return cookies;
			}
		}
		return Map.of("jar", "none");
	}

}
