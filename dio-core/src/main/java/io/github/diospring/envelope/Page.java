package io.github.diospring.envelope;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page inside an envelope's {@code data}, as Ant Design Pro describes it:
 * {@code {list, current, pageSize, total}}.
 *
 * <pre>{@code
 * Page<User> page = dio.get("/users", new ParameterizedTypeReference<Page<User>>() {},
 *         r -> r.queryParameter("current", 1)).block().data();
 * }</pre>
 *
 * @param <T> the element type
 * @param list the elements
 * @param current the page number, from 1
 * @param pageSize the page size
 * @param total the number of elements on all pages
 */
public record Page<T>(List<T> list, @Nullable Integer current, @Nullable Integer pageSize, @Nullable Long total) {

	/** An absent list is empty. */
	public Page {
		list = (list != null) ? List.copyOf(list) : List.of();
	}

}
