package io.github.diospring.observation;

import java.util.regex.Pattern;

import io.github.diospring.RequestOptions;

/**
 * The {@code uri} tag: never an expanded path. A templated path ({@code /users/{id}}) is used as
 * written; an untemplated one has its query dropped and every segment that looks like an id
 * (digits, a UUID, 16+ hex characters) replaced by {@code {id}}, so {@code /users/42} and
 * {@code /users/43} share one time series. Absolute URLs keep only their path.
 */
final class UriTemplates {

	private static final Pattern ID = Pattern.compile(
			"\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,}");

	private UriTemplates() {
	}

	static String of(RequestOptions options) {
		String path = options.path();
		int scheme = path.indexOf("://");
		if (scheme >= 0) {
			int slash = path.indexOf('/', scheme + 3);
			path = (slash >= 0) ? path.substring(slash) : "/";
		}
		int query = path.indexOf('?');
		if (query >= 0) {
			path = path.substring(0, query);
		}
		if (path.isEmpty()) {
			return "/";
		}
		if (path.indexOf('{') >= 0) {
			return path;
		}
		StringBuilder template = new StringBuilder();
		for (String segment : path.split("/", -1)) {
			if (template.length() > 0 || path.startsWith("/")) {
				template.append('/');
			}
			template.append(ID.matcher(segment).matches() ? "{id}" : segment);
		}
		String result = template.toString();
		return result.startsWith("//") ? result.substring(1) : result;
	}

}
