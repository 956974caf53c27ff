package io.github.diospring.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.diospring.Dio;
import io.github.diospring.cookie.CookieManager;
import org.springframework.beans.factory.DisposableBean;

/**
 * Every auto-configured client by name: {@code "default"} for the primary one (the top level of
 * {@code dio.*}), and one per {@code dio.clients.<name>}. Also tells each client's effective
 * interceptor chain. Closes the clients when the application stops.
 *
 * <pre>{@code
 * @Autowired DioClients clients;
 * Dio github = clients.get("github");
 * List<String> chain = clients.interceptorChain("github");   // e.g. [cookieManager, dioLogInterceptor]
 * }</pre>
 */
public final class DioClients implements DisposableBean {

	private final Map<String, Dio> clients;

	private final Map<String, List<String>> chains;

	private final Map<String, Map<String, Object>> configurations;

	DioClients(Map<String, Dio> clients, Map<String, List<String>> chains,
			Map<String, Map<String, Object>> configurations) {
		this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
		this.chains = Map.copyOf(chains);
		this.configurations = Map.copyOf(configurations);
	}

	/**
	 * @param name {@code "default"} or a name under {@code dio.clients}
	 * @return the client
	 * @throws IllegalArgumentException when there is no such client, listing the names there are
	 */
	public Dio get(String name) {
		Dio dio = this.clients.get(name);
		if (dio == null) {
			throw new IllegalArgumentException("No dio client '" + name + "'; configured: " + this.clients.keySet());
		}
		return dio;
	}

	/** @return the client names, {@code "default"} first */
	public Set<String> names() {
		return this.clients.keySet();
	}

	/**
	 * @param name the client
	 * @return the names of the interceptors in its chain, in the order they run (bean names for
	 * interceptor beans, class names for those added by customizers)
	 */
	public List<String> interceptorChain(String name) {
		get(name);
		return this.chains.get(name);
	}

	/**
	 * @param name the client
	 * @return its effective options with their sources, proxy and TLS settings, secrets masked
	 */
	public Map<String, Object> configuration(String name) {
		get(name);
		return this.configurations.get(name);
	}

	@Override
	public void destroy() {
		this.clients.values().forEach(DioClients::close);
	}

	/** Closes a client and releases the directory its persistent cookie jar holds, so the next start can open it. */
	static void close(Dio dio) {
		dio.close();
		dio.interceptors().forEach(interceptor -> {
			if (interceptor instanceof CookieManager manager) {
				manager.close();
			}
		});
	}

}
