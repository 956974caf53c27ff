package io.github.diospring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.diospring.Dio;
import io.github.diospring.cookie.CookieJar;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.cookie.PersistCookieJar;
import io.github.diospring.interceptor.Interceptor;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/dio}: every client with its effective options and where each came from
 * ({@code client}, {@code top-level}, {@code default}), its interceptor chain in order, its proxy
 * and TLS settings (secrets masked, pins counted) and how many cookies its jar holds (never their
 * values). {@code /actuator/dio/{name}} shows one client.
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
	 * @return that client
	 */
	@ReadOperation
	public Map<String, Object> client(@Selector String name) {
		return describe(name);
	}

	private Map<String, Object> describe(String name) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("options", this.clients.configuration(name));
		description.put("interceptors", this.clients.interceptorChain(name));
		description.put("cookies", cookies(this.clients.get(name)));
		return description;
	}

	private static Map<String, Object> cookies(Dio dio) {
		for (Interceptor interceptor : dio.interceptors()) {
			if (interceptor instanceof CookieManager manager) {
				CookieJar jar = manager.cookieJar();
				Map<String, Object> cookies = new LinkedHashMap<>();
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
