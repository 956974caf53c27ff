package io.github.diospring.test;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 support without Spring: a fresh {@link MockDioAdapter} for each test method that asks
 * for one as a parameter, {@link MockDioAdapter#verify() verified} after the test (so a forgotten
 * or unexpected request fails it). Declare it with {@code @ExtendWith} or, to create adapters
 * from fields and setup code, {@code @RegisterExtension}.
 *
 * <pre>{@code
 * @ExtendWith(MockDioExtension.class)
 * class UserClientTest {
 *     @Test
 *     void readsAUser(MockDioAdapter mock) {
 *         Dio dio = Dio.builder().adapter(mock).build();
 *         mock.onGet("https://api.example.com/users/1").reply(200, Map.of("name", "Ann"));
 *         assertThat(new UserClient(dio).name(1)).isEqualTo("Ann");
 *     }   // verified here
 * }
 * }</pre>
 */
public final class MockDioExtension implements ParameterResolver, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MockDioExtension.class);

	private final List<MockDioAdapter> registered = new ArrayList<>();

	/**
	 * An adapter verified after each test of this extension's scope (use with
	 * {@code @RegisterExtension}); reset after the verification so the next test starts clean.
	 * @return a new adapter
	 */
	public synchronized MockDioAdapter adapter() {
		MockDioAdapter adapter = MockDioAdapter.create();
		this.registered.add(adapter);
		return adapter;
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == MockDioAdapter.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		MockDioAdapter adapter = MockDioAdapter.create();
		adapters(context).add(adapter);
		return adapter;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		List<MockDioAdapter> all = new ArrayList<>(adapters(context));
		synchronized (this) {
			all.addAll(this.registered);
		}
		AssertionError failure = null;
		for (MockDioAdapter adapter : all) {
			try {
				adapter.verify();
			}
			catch (AssertionError ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		synchronized (this) {
			this.registered.forEach(MockDioAdapter::reset);
		}
		if (failure != null && context.getExecutionException().isEmpty()) {
			throw failure;
		}
	}

	@SuppressWarnings("unchecked")
	private static List<MockDioAdapter> adapters(ExtensionContext context) {
		return context.getStore(NAMESPACE).computeIfAbsent("adapters", key -> new ArrayList<MockDioAdapter>(), List.class);
	}

}
