package io.github.diospring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.diospring.Dio;
import io.github.diospring.cookie.CookieJar;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.cookie.PersistCookieJar;
import io.github.diospring.interceptor.Interceptor;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/dio}: every client with its effective options as they are now and where each
 * came from ({@code client}, {@code top-level}, {@code default}, or {@code runtime} after
 * {@code dio.options(...)}), its interceptor chain in order (one naming for every client), its proxy
 * and TLS settings (secrets masked, pins counted), how many cookies its jar holds (never their
 * values) and its HTTP cache (settings, store, counts). {@code /actuator/dio/{name}} shows one
 * client, and answers 404 for a name that is not one.
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
		return description;
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
					cookies.put("file", persistent.file().toString());
				}
				return cookies;
			}
		}
		return Map.of("jar", "none");
	}

}
