package io.github.diospring;

import java.util.List;
import java.util.Objects;

/**
 * A list value that carries its own {@link ListFormat}, overriding the request's format for
 * this one parameter.
 *
 * <pre>{@code
 * dio.get("/items", r -> r.queryParameter("ids", new ListParam(List.of(1, 2), ListFormat.PIPES)));
 * // GET /items?ids=1|2
 * }</pre>
 *
 * @param value the elements
 * @param format how to write them
 */
public record ListParam(List<?> value, ListFormat format) {

	/** Checks and copies the arguments. */
	public ListParam {
		Objects.requireNonNull(format, "format");
		value = List.copyOf(Objects.requireNonNull(value, "value"));
	}

}
