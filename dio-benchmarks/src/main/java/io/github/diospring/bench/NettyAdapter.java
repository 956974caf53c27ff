package io.github.diospring.bench;

import java.lang.reflect.InvocationTargetException;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.adapter.HttpClientAdapter;

/**
 * dio on the adapter straight on Reactor Netty, {@code ReactorNettyAdapter.create()} (its own pool
 * with {@code PoolSettings.defaults()}). Found by name so that this module builds against a dio-core
 * that does not have the adapter yet; the rows of those clients then fail with this message.
 */
final class NettyAdapter {

	static final String CLASS = "io.github.diospring.adapter.ReactorNettyAdapter";

	private NettyAdapter() {
	}

	static Dio dio(String baseUrl) {
		return Dio.builder().options(BaseOptions.builder().baseUrl(baseUrl).build()).adapter(create()).build();
	}

	static HttpClientAdapter create() {
		try {
			return (HttpClientAdapter) Class.forName(CLASS).getMethod("create").invoke(null);
		}
		catch (ClassNotFoundException | NoSuchMethodException ex) {
			throw new IllegalStateException(CLASS + ".create() is not in this dio-core build; the dio-rn rows need "
					+ "the Reactor Netty adapter", ex);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(CLASS + ".create() failed: " + ex.getCause(), ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
