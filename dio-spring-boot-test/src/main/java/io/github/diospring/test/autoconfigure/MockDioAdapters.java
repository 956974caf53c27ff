package io.github.diospring.test.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.diospring.test.MockDioAdapter;

/**
 * The {@link MockDioAdapter}s bound to the auto-configured clients, by client name
 * ({@code "default"} for the primary client). Each is also a bean: inject {@code MockDioAdapter}
 * for the default client, {@code @Qualifier("<name>") MockDioAdapter} for a named one.
 *
 * <pre>{@code
 * @Autowired MockDioAdapters mocks;
 * mocks.get("github").onGet("/users/ann").reply(200, Map.of("login", "ann"));
 * mocks.verify();
 * }</pre>
 */
public final class MockDioAdapters {

	private final Map<String, MockDioAdapter> adapters;

	MockDioAdapters(Set<String> clients) {
		Map<String, MockDioAdapter> adapters = new LinkedHashMap<>();
		clients.forEach(name -> adapters.put(name, MockDioAdapter.create()));
		this.adapters = Collections.unmodifiableMap(adapters);
	}

	/**
	 * @param client {@code "default"} or a name under {@code dio.clients}
	 * @return its adapter
	 * @throws IllegalArgumentException when that client is not mocked, naming those that are
	 */
	public MockDioAdapter get(String client) {
		MockDioAdapter adapter = this.adapters.get(client);
		if (adapter == null) {
			throw new IllegalArgumentException("dio client '" + client + "' has no MockDioAdapter; mocked clients: "
					+ this.adapters.keySet() + " (see @DioTest(clients = ...))");
		}
		return adapter;
	}

	/** @return the names of the mocked clients */
	public Set<String> clients() {
		return this.adapters.keySet();
	}

	boolean isMocked(String client) {
		return this.adapters.containsKey(client);
	}

	/** Verifies every adapter; the first failure carries the others as suppressed. */
	public void verify() {
		AssertionError failure = null;
		for (Map.Entry<String, MockDioAdapter> entry : this.adapters.entrySet()) {
			try {
				entry.getValue().verify();
			}
			catch (AssertionError ex) {
				AssertionError named = new AssertionError("client '" + entry.getKey() + "': " + ex.getMessage());
				if (failure == null) {
					failure = named;
				}
				else {
					failure.addSuppressed(named);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/** Resets every adapter (done after each test method). */
	public void reset() {
		this.adapters.values().forEach(MockDioAdapter::reset);
	}

}
