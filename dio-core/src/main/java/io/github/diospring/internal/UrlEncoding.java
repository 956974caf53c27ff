package io.github.diospring.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.github.diospring.ListFormat;
import io.github.diospring.ListParam;
import org.jspecify.annotations.Nullable;

/**
 * dio's {@code encodeMap}: query strings and {@code x-www-form-urlencoded} bodies from nested maps
 * and lists, with every {@link ListFormat}. Differences from dio, on purpose: TSV uses a real tab;
 * query values that are not strings are percent-encoded too (dio writes their {@code toString()}
 * raw, which can produce an invalid URL); a {@link ListParam} with {@code MULTI} inside a
 * {@code MULTI_COMPATIBLE} request writes plain repeated keys, as its own format says (dio adds
 * brackets from the request's format).
 */
public final class UrlEncoding {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UrlEncoding() {
	}

	/**
	 * @param data the parameters
	 * @param format the default list format
	 * @return the query string, brackets left readable ({@code a[b]=1})
	 */
	public static String encodeQuery(Map<String, ?> data, ListFormat format) {
		return new Encoder(true, format).encode(data);
	}

	/**
	 * @param data the fields
	 * @param format the default list format
	 * @return the form body, brackets percent-encoded as dio does ({@code a%5Bb%5D=1})
	 */
	public static String encodeForm(Map<String, ?> data, ListFormat format) {
		return new Encoder(false, format).encode(data);
	}

	/**
	 * {@code Uri.encodeQueryComponent}: keeps {@code A-Za-z0-9-._~}, writes a space as {@code +},
	 * percent-encodes the rest as UTF-8.
	 * @param s the text
	 * @return the encoded text
	 */
	public static String encodeQueryComponent(String s) {
		return percentEncode(s, true, "-._~");
	}

	/**
	 * Encodes a path variable's value as one path segment ({@code /} becomes {@code %2F}).
	 * @param s the value
	 * @return the encoded segment
	 */
	public static String encodePathSegment(String s) {
		return percentEncode(s, false, "-._~!$&'()*+,;=:@");
	}

	/**
	 * Percent-encodes what may not appear in a URI (spaces, non-ASCII, {@code |}, braces...) and
	 * leaves reserved characters and existing escapes alone.
	 * @param url the URL text
	 * @return text {@link java.net.URI} accepts
	 */
	public static String encodeIllegal(String url) {
		for (int i = 0; i < url.length(); i++) {
			if (!allowedInUri(url.charAt(i))) {
				return percentEncode(url, false, "-._~:/?#[]@!$&'()*+,;=%");
			}
		}
		return url;
	}

	private static boolean allowedInUri(char c) {
		return isAlphaNum(c) || "-._~:/?#[]@!$&'()*+,;=%".indexOf(c) >= 0;
	}

	private static boolean isAlphaNum(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

	private static String percentEncode(String s, boolean spaceToPlus, String keep) {
		StringBuilder out = null;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (isAlphaNum(c) || keep.indexOf(c) >= 0) {
				if (out != null) {
					out.append(c);
				}
				continue;
			}
			if (out == null) {
				out = new StringBuilder(s.length() + 16).append(s, 0, i);
			}
			if (c == ' ' && spaceToPlus) {
				out.append('+');
				continue;
			}
			int end = (Character.isHighSurrogate(c) && i + 1 < s.length()) ? i + 2 : i + 1;
			for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
				out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
			}
			i = end - 1;
		}
		return (out != null) ? out.toString() : s;
	}

	private static final class Encoder {

		private final boolean query;

		private final ListFormat defaultFormat;

		private final String left;

		private final String right;

		private final StringBuilder out = new StringBuilder();

		private boolean first = true;

		Encoder(boolean query, ListFormat defaultFormat) {
			this.query = query;
			this.defaultFormat = defaultFormat;
			this.left = query ? "[" : "%5B";
			this.right = query ? "]" : "%5D";
		}

		String encode(Map<String, ?> data) {
			encode(data, "");
			return this.out.toString();
		}

		private void encode(@Nullable Object value, String path) {
			ListFormat format = (value instanceof ListParam p) ? p.format() : this.defaultFormat;
			Object sub = (value instanceof ListParam p) ? p.value() : value;
			if (sub instanceof Object[] array) {
				sub = List.of(array);
			}
			if (sub instanceof Collection<?> list) {
				encodeList(list, path, format);
			}
			else if (sub instanceof Map<?, ?> map) {
				map.forEach((k, v) -> {
					String key = encodeQueryComponent(String.valueOf(k));
					encode(maybeEncode(v), path.isEmpty() ? key : path + this.left + key + this.right);
				});
			}
			else {
				write(path, sub);
			}
		}

		private void encodeList(Collection<?> list, String path, ListFormat format) {
			if (format == ListFormat.MULTI || format == ListFormat.MULTI_COMPATIBLE) {
				int i = 0;
				for (Object element : list) {
					boolean collection = element instanceof Map || element instanceof Collection
							|| element instanceof ListParam || element instanceof Object[];
					String name;
					if (format == ListFormat.MULTI) {
						name = collection ? path + this.left + i + this.right : path;
					}
					else {
						name = path + this.left + (collection ? String.valueOf(i) : "") + this.right;
					}
					encode(maybeEncode(element), name);
					i++;
				}
				return;
			}
			StringBuilder joined = new StringBuilder();
			String separator = separator(format);
			for (Object element : list) {
				if (joined.length() > 0) {
					joined.append(separator);
				}
				joined.append(maybeEncode(element));
			}
			encode(new Encoded(joined.toString()), path);
		}

		private String separator(ListFormat format) {
			return switch (format) {
				case CSV -> ",";
				case SSV -> this.query ? "%20" : " ";
				case TSV -> this.query ? "%09" : "\t";
				case PIPES -> "|";
				default -> "";
			};
		}

		/** In a query, scalar values are encoded before lists are joined, as dio does. */
		private @Nullable Object maybeEncode(@Nullable Object value) {
			if (!this.query || value == null || value instanceof Map || value instanceof Collection
					|| value instanceof ListParam || value instanceof Object[] || value instanceof Encoded) {
				return value;
			}
			return new Encoded(encodeQueryComponent(value.toString()));
		}

		private void write(String key, @Nullable Object value) {
			String pair;
			if (value == null) {
				pair = key;
			}
			else if (this.query) {
				pair = key + "=" + value;
			}
			else {
				pair = key + "=" + encodeQueryComponent(value.toString());
			}
			boolean notEmpty = !pair.trim().isEmpty();
			if (!this.first && notEmpty) {
				this.out.append('&');
			}
			this.first = false;
			if (notEmpty) {
				this.out.append(pair);
			}
		}

	}

	/** A value already encoded for the query; written as it is. */
	private record Encoded(String text) {

		@Override
		public String toString() {
			return this.text;
		}

	}

}
