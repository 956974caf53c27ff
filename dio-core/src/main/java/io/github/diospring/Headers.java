package io.github.diospring;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Case-insensitive, multi-valued HTTP headers; an immutable value. Names keep the case they were
 * first given in (sent as written when {@code preserveHeaderCase} is on), but look-ups ignore case.
 *
 * <pre>{@code
 * Headers h = Headers.of("Content-Type", "application/json").with("X-Tag", List.of("a", "b"));
 * h.value("content-type");   // "application/json"
 * h.get("x-tag");            // ["a", "b"]
 * }</pre>
 */
public final class Headers {

	/** {@code accept}. */
	public static final String ACCEPT = "accept";

	/** {@code content-encoding}. */
	public static final String CONTENT_ENCODING = "content-encoding";

	/** {@code content-length}. */
	public static final String CONTENT_LENGTH = "content-length";

	/** {@code content-type}. */
	public static final String CONTENT_TYPE = "content-type";

	/** {@code www-authenticate}. */
	public static final String WWW_AUTHENTICATE = "www-authenticate";

	/** {@code application/json}. */
	public static final String JSON_CONTENT_TYPE = "application/json";

	/** {@code application/x-www-form-urlencoded}. */
	public static final String FORM_URL_ENCODED_CONTENT_TYPE = "application/x-www-form-urlencoded";

	/** {@code text/plain}. */
	public static final String TEXT_PLAIN_CONTENT_TYPE = "text/plain";

	/** {@code multipart/form-data}. */
	public static final String MULTIPART_FORM_DATA_CONTENT_TYPE = "multipart/form-data";

	private static final Headers EMPTY = new Headers(Collections.emptyMap());

	/** Lower-cased name to (name as first written, values). */
	private final Map<String, Entry> entries;

	private Headers(Map<String, Entry> entries) {
		this.entries = entries;
	}

	/** @return headers with no entries */
	public static Headers empty() {
		return EMPTY;
	}

	/**
	 * One header.
	 * @param name the name
	 * @param value a String, number, boolean or a collection of them
	 * @return the headers
	 */
	public static Headers of(String name, Object value) {
		return builder().set(name, value).build();
	}

	/**
	 * Copies a map whose values are strings, numbers, booleans or collections of them; null
	 * values are skipped, as dio skips them when sending.
	 * @param map the source
	 * @return the headers
	 */
	public static Headers of(Map<String, ?> map) {
		Builder b = builder();
		map.forEach(b::set);
		return b.build();
	}

	/**
	 * Headers read from a transport's own header store when asked, instead of copied: a response's
	 * headers then cost nothing until someone looks one up, and only what is looked up is read. They
	 * hold what a built {@code Headers} may hold: a value with a line break or NUL, or a name that is
	 * no token, is left out (and reported to {@link Source#dropped}); values are trimmed. The source
	 * must not change afterwards, as a received response's headers do not.
	 *
	 * <pre>{@code
	 * HttpHeaders received = entity.getHeaders();
	 * Headers headers = Headers.view(new Headers.Source() {
	 *     public List<String> get(String name) { return received.get(name); }
	 *     public void forEach(BiConsumer<String, List<String>> action) { received.forEach(action); }
	 * });
	 * headers.value("content-type");   // read from the transport's headers now
	 * }</pre>
	 * @param source the transport's headers
	 * @return a read-only view
	 */
	public static Headers view(Source source) {
		return new Headers(new SourceEntries(source));
	}

	/** @return an empty builder */
	public static Builder builder() {
		return new Builder();
	}

	/** @return a builder holding these headers */
	public Builder toBuilder() {
		Builder b = new Builder();
		this.entries.forEach((key, e) -> b.entries.put(key, new Entry(e.name, new ArrayList<>(e.values))));
		return b;
	}

	/**
	 * All values of a header.
	 * @param name the name, any case
	 * @return the values, or {@code null} when absent (as dio's {@code headers[name]})
	 */
	public @Nullable List<String> get(String name) {
		Entry e = this.entries.get(key(name));
		return (e != null) ? e.values : null;
	}

	/**
	 * The single value of a header.
	 * @param name the name, any case
	 * @return the value, or {@code null} when absent
	 * @throws IllegalStateException when the header has several values (use {@link #get})
	 */
	public @Nullable String value(String name) {
		Entry e = this.entries.get(key(name));
		if (e == null) {
			return null;
		}
		if (e.values.size() > 1) {
			throw new IllegalStateException("Header '" + name + "' has " + e.values.size()
					+ " values " + e.values + "; read them all with get(name)");
		}
		return e.values.get(0);
	}

	/**
	 * @param name the name, any case
	 * @return whether the header is present
	 */
	public boolean contains(String name) {
		return this.entries.containsKey(key(name));
	}

	/** @return the names, each in the case it was first written */
	public Set<String> names() {
		Set<String> names = new java.util.LinkedHashSet<>();
		this.entries.values().forEach(e -> names.add(e.name));
		return Collections.unmodifiableSet(names);
	}

	/** @return whether there is no header */
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/** @return how many distinct header names there are */
	public int size() {
		return this.entries.size();
	}

	/**
	 * Visits each header with its values.
	 * @param action receives the name (as first written) and the values
	 */
	public void forEach(BiConsumer<String, List<String>> action) {
		this.entries.values().forEach(e -> action.accept(e.name, e.values));
	}

	/** @return a copy as a map from lower-case name to values */
	public Map<String, List<String>> map() {
		Map<String, List<String>> map = new LinkedHashMap<>();
		this.entries.forEach((k, e) -> map.put(k, e.values));
		return Collections.unmodifiableMap(map);
	}

	/**
	 * @param name the name
	 * @param value the new value(s); {@code null} removes the header
	 * @return a copy with this header replaced
	 */
	public Headers with(String name, @Nullable Object value) {
		return toBuilder().set(name, value).build();
	}

	/**
	 * @param name the name, any case
	 * @return a copy without this header
	 */
	public Headers without(String name) {
		if (!contains(name)) {
			return this;
		}
		return toBuilder().remove(name).build();
	}

	/**
	 * @param other headers whose entries replace these, name by name
	 * @return the merged copy
	 */
	public Headers withAll(Headers other) {
		if (other.isEmpty()) {
			return this;
		}
		if (isEmpty()) {
			return other;
		}
		Builder b = toBuilder();
		other.forEach(b::set);
		return b.build();
	}

	@Override
	public boolean equals(Object o) {
		return (o instanceof Headers other) && map().equals(other.map());
	}

	@Override
	public int hashCode() {
		return map().hashCode();
	}

	/** One {@code name: value} line per value, as dio prints headers. */
	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder();
		forEach((name, values) -> values.forEach(v -> sb.append(name).append(": ").append(v).append('\n')));
		return sb.toString();
	}

	/** No line break or NUL, which would split the header line. */
	static boolean isValue(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\r' || c == '\n' || c == 0) {
				return false;
			}
		}
		return true;
	}

	static String key(String name) {
		return name.trim().toLowerCase(Locale.ROOT);
	}

	private record Entry(String name, List<String> values) {
	}

	/**
	 * A transport's headers, for {@link Headers#view}.
	 *
	 * <pre>{@code
	 * Headers.Source source = new Headers.Source() {
	 *     public List<String> get(String name) { return nettyHeaders.getAll(name); }
	 *     public void forEach(BiConsumer<String, List<String>> action) {
	 *         nettyHeaders.names().forEach(name -> action.accept(name, nettyHeaders.getAll(name)));
	 *     }
	 * };
	 * }</pre>
	 */
	public interface Source {

		/**
		 * @param name a lower-case name
		 * @return its values, whatever case the transport holds the name in; null or empty when absent
		 */
		@Nullable List<String> get(String name);

		/**
		 * Visits each header, in the order received.
		 * @param action receives a name as received and its values
		 */
		void forEach(BiConsumer<String, List<String>> action);

		/**
		 * Told of a name or value the view leaves out; by default nothing is done.
		 * @param name the header's name, as received
		 */
		default void dropped(String name) {
		}

	}

	/**
	 * The entries of a {@link Headers#view}: a look-up by name reads that header only; anything that
	 * walks all of them reads the source once and keeps the result, which is what a copy would have
	 * cost up front.
	 */
	private static final class SourceEntries extends AbstractMap<String, Headers.Entry> {

		private final Source source;

		private volatile @Nullable Map<String, Headers.Entry> all;

		SourceEntries(Source source) {
			this.source = source;
		}

		@Override
		public Headers.@Nullable Entry get(Object key) {
			Map<String, Headers.Entry> read = this.all;
			if (read != null) {
				return read.get(key);
			}
			String name = (String) key;
			if (!Tokens.isToken(name)) {
				return null;
			}
			List<String> values = valid(name, this.source.get(name));
			return (values != null) ? new Headers.Entry(name, values) : null;
		}

		@Override
		public boolean containsKey(Object key) {
			return get(key) != null;
		}

		@Override
		public int size() {
			return all().size();
		}

		@Override
		public boolean isEmpty() {
			return all().isEmpty();
		}

		@Override
		public Set<Map.Entry<String, Headers.Entry>> entrySet() {
			return all().entrySet();
		}

		private Map<String, Headers.Entry> all() {
			Map<String, Headers.Entry> read = this.all;
			if (read == null) {
				Map<String, Headers.Entry> entries = new LinkedHashMap<>();
				this.source.forEach((name, values) -> {
					String key = key(name);
					if (key.isEmpty() || !Tokens.isToken(key)) {
						this.source.dropped(name);
						return;
					}
					List<String> kept = valid(name, values);
					if (kept != null) {
						Headers.Entry before = entries.get(key);
						entries.put(key, (before == null) ? new Headers.Entry(name.trim(), kept)
								: new Headers.Entry(before.name, concat(before.values, kept)));
					}
				});
				read = Collections.unmodifiableMap(entries);
				this.all = read;
			}
			return read;
		}

		/** The values a built Headers would hold; the source's own list when it needs no change. */
		private @Nullable List<String> valid(String name, @Nullable List<String> values) {
			if (values == null || values.isEmpty()) {
				return null;
			}
			List<String> kept = null;
			for (int i = 0; i < values.size(); i++) {
				String value = values.get(i);
				String trimmed = (value != null) ? value.trim() : null;
				boolean keep = trimmed != null && isValue(trimmed);
				if (!keep && trimmed != null) {
					this.source.dropped(name);
				}
				// trim() returns the same string when there is nothing to trim: copy only on a change
				if (kept == null && (!keep || trimmed != value)) {
					kept = new ArrayList<>(values.subList(0, i));
				}
				if (kept != null && keep) {
					kept.add(trimmed);
				}
			}
			List<String> result = (kept != null) ? kept : values;
			return result.isEmpty() ? null : Collections.unmodifiableList(result);
		}

		private static List<String> concat(List<String> first, List<String> second) {
			List<String> both = new ArrayList<>(first);
			both.addAll(second);
			return Collections.unmodifiableList(both);
		}

	}

	/**
	 * Mutable builder for {@link Headers}.
	 *
	 * <pre>{@code
	 * Headers h = Headers.builder().add("Accept", "text/plain").add("Accept", "text/html").build();
	 * }</pre>
	 */
	public static final class Builder {

		private final Map<String, Entry> entries = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Replaces a header.
		 * @param name the name
		 * @param value a String, number, boolean or collection of them; {@code null} removes it
		 * @return this builder
		 */
		public Builder set(String name, @Nullable Object value) {
			String key = checkName(name);
			List<String> values = values(value);
			if (values.isEmpty()) {
				this.entries.remove(key);
			}
			else {
				Entry old = this.entries.get(key);
				this.entries.put(key, new Entry((old != null) ? old.name : name.trim(), values));
			}
			return this;
		}

		/**
		 * Appends a value to a header.
		 * @param name the name
		 * @param value the value(s) to append; {@code null} is ignored
		 * @return this builder
		 */
		public Builder add(String name, @Nullable Object value) {
			String key = checkName(name);
			List<String> values = values(value);
			if (!values.isEmpty()) {
				this.entries.computeIfAbsent(key, k -> new Entry(name.trim(), new ArrayList<>())).values.addAll(values);
			}
			return this;
		}

		/**
		 * @param name the name, any case
		 * @return this builder
		 */
		public Builder remove(String name) {
			this.entries.remove(key(name));
			return this;
		}

		/**
		 * @param name the name, any case
		 * @return whether the header is present
		 */
		public boolean contains(String name) {
			return this.entries.containsKey(key(name));
		}

		/**
		 * @param name the name, any case
		 * @return the first value, or {@code null}
		 */
		public @Nullable String first(String name) {
			Entry e = this.entries.get(key(name));
			return (e != null) ? e.values.get(0) : null;
		}

		/** @return the immutable headers */
		public Headers build() {
			if (this.entries.isEmpty()) {
				return EMPTY;
			}
			Map<String, Entry> copy = new LinkedHashMap<>();
			this.entries.forEach((k, e) -> copy.put(k, new Entry(e.name, List.copyOf(e.values))));
			return new Headers(Collections.unmodifiableMap(copy));
		}

		private static String checkName(String name) {
			Objects.requireNonNull(name, "header name");
			String key = key(name);
			if (key.isEmpty() || !Tokens.isToken(key)) {
				throw new IllegalArgumentException("headers: '" + name + "' is not a valid HTTP header name");
			}
			return key;
		}

		private static List<String> values(@Nullable Object value) {
			if (value == null) {
				return List.of();
			}
			List<String> out = new ArrayList<>();
			if (value instanceof Collection<?> c) {
				c.forEach(v -> {
					if (v != null) {
						out.add(checkValue(v.toString().trim()));
					}
				});
			}
			else {
				out.add(checkValue(value.toString().trim()));
			}
			return out;
		}

		private static String checkValue(String value) {
			if (!isValue(value)) {
				throw new IllegalArgumentException("headers: a value contains a line break or NUL, which would "
						+ "split the header (value: '" + value.replace("\r", "\\r").replace("\n", "\\n") + "')");
			}
			return value;
		}

	}

}
