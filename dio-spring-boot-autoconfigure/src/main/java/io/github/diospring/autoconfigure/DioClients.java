package io.github.diospring.autoconfigure;

import java.beans.Introspector;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.cookie.CookieManager;
import org.springframework.beans.factory.DisposableBean;

/**
 * Every auto-configured client by name: {@code "default"} for the primary one (the top level of
 * {@code dio.*}), and one per {@code dio.clients.<name>}. Also tells each client's interceptor
 * chain and options as they are now, after any change made at run time. Closes the clients when
 * the application stops.
 *
 * <pre>{@code
 * @Autowired DioClients clients;
 * Dio github = clients.get("github");
 * List<String> chain = clients.interceptorChain("github");   // e.g. [dioCookieManager, dioLogInterceptor]
 * }</pre>
 */
public final class DioClients implements DisposableBean {

	private final Map<String, Client> clients;

	private final Map<Interceptor, String> names;

	DioClients(Map<String, Client> clients, Map<Interceptor, String> names) {
		this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
		this.names = Collections.synchronizedMap(new IdentityHashMap<>(names));
	}

	/**
	 * @param name {@code "default"} or a name under {@code dio.clients}
	 * @return the client
	 * @throws IllegalArgumentException when there is no such client, listing the names there are
	 */
	public Dio get(String name) {
		return client(name).dio();
	}

	/** @return the client names, {@code "default"} first */
	public Set<String> names() {
		return this.clients.keySet();
	}

	/**
	 * One naming for every client: an interceptor bean by its bean name, a client's own cookie
	 * manager or error adaptor by the name of the bean it stands for ({@code dioCookieManager},
	 * {@code dioErrorAdaptorInterceptor}), any other interceptor (added by a customizer or at run
	 * time) as a bean of its class would be named ({@code tokenRefreshInterceptor}).
	 * @param name the client
	 * @return the names of the interceptors in its chain now, in the order they run
	 */
	public List<String> interceptorChain(String name) {
		return client(name).dio().interceptors().toList().stream().map(this::nameOf).toList();
	}

	/**
	 * @param name the client
	 * @return its options as they are now, each with its source ({@code client}, {@code top-level},
	 * {@code default}, or {@code runtime} when changed through {@code dio.options(...)}), its proxy
	 * and TLS settings, secrets masked
	 */
	public Map<String, Object> configuration(String name) {
		Client client = client(name);
		return ClientDescription.describe(client.settings(), client.configured(), client.dio().options());
	}

	private String nameOf(Interceptor interceptor) {
		String name = this.names.get(interceptor);
		if (name != null) {
			return name;
		}
		String simple = interceptor.getClass().getSimpleName();
		return simple.isEmpty() ? interceptor.getClass().getName() : Introspector.decapitalize(simple);
	}

	private Client client(String name) {
		Client client = this.clients.get(name);
		if (client == null) {
			throw new IllegalArgumentException("No dio client '" + name + "'; configured: " + this.clients.keySet());
		}
		return client;
	}

	@Override
	public void destroy() {
		this.clients.values().forEach(client -> close(client.dio()));
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

	/** A client with the settings it was built from and the options it started with. */
	record Client(Dio dio, ClientSettings settings, BaseOptions configured) {
	}

}
