package io.github.diospring;

/**
 * How a list value is written into a query string or an
 * {@code application/x-www-form-urlencoded} body, as in dio.
 *
 * <pre>{@code
 * dio.get("/search", r -> r.queryParameter("tag", List.of("a", "b")).listFormat(ListFormat.CSV));
 * // GET /search?tag=a,b
 * }</pre>
 */
public enum ListFormat {

	/** Repeated keys: {@code tag=a&tag=b} (the default). */
	MULTI,

	/** Repeated keys with brackets, for PHP and Rails style servers: {@code tag[]=a&tag[]=b}. */
	MULTI_COMPATIBLE,

	/** Comma-separated: {@code tag=a,b}. */
	CSV,

	/** Space-separated: {@code tag=a%20b}. */
	SSV,

	/**
	 * Tab-separated, with a real tab character. (dio writes the two characters {@code \t}
	 * instead; that is a bug we do not copy.)
	 */
	TSV,

	/** Pipe-separated: {@code tag=a|b}. */
	PIPES

}
