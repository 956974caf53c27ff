package io.github.diospring.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Reads what a request carries, for matching: query strings, form bodies, multipart parts. */
final class RequestBodies {

	private RequestBodies() {
	}

	/** @return name to values, decoded, in order; for a query string or an x-www-form-urlencoded body */
	static Map<String, List<String>> urlEncoded(@Nullable String text) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		if (text == null || text.isEmpty()) {
			return values;
		}
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = decode((eq < 0) ? pair : pair.substring(0, eq));
			String value = (eq < 0) ? "" : decode(pair.substring(eq + 1));
			values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
		}
		return values;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	/**
	 * The parts of a multipart body.
	 * @param body the body
	 * @param contentType the request's content type, carrying the boundary
	 * @return the parts in order; empty when the body is not multipart
	 */
	static List<Part> multipart(byte[] body, @Nullable String contentType) {
		String boundary = boundary(contentType);
		if (boundary == null) {
			return List.of();
		}
		// ISO-8859-1 keeps one char per byte, so binary parts survive the round trip
		String text = new String(body, StandardCharsets.ISO_8859_1);
		String delimiter = "--" + boundary;
		List<Part> parts = new ArrayList<>();
		int start = text.indexOf(delimiter);
		while (start >= 0) {
			int from = start + delimiter.length();
			if (text.startsWith("--", from)) {
				break;
			}
			int next = text.indexOf("\r\n" + delimiter, from);
			if (next < 0) {
				break;
			}
			String part = text.substring(from + 2, next);
			int split = part.indexOf("\r\n\r\n");
			if (split >= 0) {
				parts.add(Part.parse(part.substring(0, split), part.substring(split + 4)));
			}
			start = next + 2;
		}
		return parts;
	}

	private static @Nullable String boundary(@Nullable String contentType) {
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
			return null;
		}
		for (String parameter : contentType.split(";")) {
			String p = parameter.trim();
			if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
				String value = p.substring("boundary=".length());
				return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
			}
		}
		return null;
	}

	/**
	 * One part of a multipart body.
	 * @param name the field name
	 * @param filename the file name, or null for a plain field
	 * @param contentType the part's content type, or null
	 * @param content the bytes
	 */
	record Part(String name, @Nullable String filename, @Nullable String contentType, byte[] content) {

		static Part parse(String headerBlock, String content) {
			String name = "";
			String filename = null;
			String contentType = null;
			for (String line : headerBlock.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon < 0) {
					continue;
				}
				String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = new String(line.substring(colon + 1).trim().getBytes(StandardCharsets.ISO_8859_1),
						StandardCharsets.UTF_8);
				if (header.equals("content-disposition")) {
					name = parameter(value, "name");
					filename = value.contains("filename=") ? parameter(value, "filename") : null;
				}
				else if (header.equals("content-type")) {
					contentType = value;
				}
			}
			return new Part(name, filename, contentType, content.getBytes(StandardCharsets.ISO_8859_1));
		}

		private static String parameter(String disposition, String key) {
			for (String parameter : disposition.split(";")) {
				String p = parameter.trim();
				if (p.startsWith(key + "=")) {
					String value = p.substring(key.length() + 1);
					return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
				}
			}
			return "";
		}

		String contentAsString() {
			return new String(this.content, StandardCharsets.UTF_8);
		}

	}

}
