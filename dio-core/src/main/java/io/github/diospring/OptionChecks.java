package io.github.diospring;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.diospring.internal.ParsedUrls;
import org.jspecify.annotations.Nullable;

/** Validation shared by the option classes: bad input fails when options are built, naming the field. */
final class OptionChecks {

	private OptionChecks() {
	}

	static String method(@Nullable String method) {
		if (method == null || !Tokens.isToken(method)) {
			throw new IllegalArgumentException("method: '" + method
					+ "' is not a valid HTTP method (an RFC 9110 token such as GET or POST, no spaces or separators)");
		}
		return method.toUpperCase(Locale.ROOT);
	}

	static String baseUrl(@Nullable String baseUrl) {
		if (baseUrl == null || baseUrl.isEmpty()) {
			return "";
		}
		// every request's options carry the client's base URL: parsed once, not per request
		ParsedUrls.checkOnce(baseUrl, OptionChecks::checkBaseUrl);
		return baseUrl;
	}

	private static void checkBaseUrl(String baseUrl) {
		URI uri;
		try {
			uri = new URI(baseUrl);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("baseUrl: '" + baseUrl + "' is not a valid URL (" + ex.getReason()
					+ "); write it as http(s)://host[:port][/path]", ex);
		}
		String scheme = uri.getScheme();
		boolean loadBalanced = "lb".equalsIgnoreCase(scheme);
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https") || loadBalanced)
				|| uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new IllegalArgumentException("baseUrl: '" + baseUrl
					+ "' must be an absolute http or https URL with a host, such as https://api.example.com/v1/"
					+ (loadBalanced ? ", or lb://service-id with a service id that is a valid host name" : ""));
		}
	}

	static @Nullable Duration timeout(String name, @Nullable Duration timeout) {
		if (timeout == null) {
			return null;
		}
		if (timeout.isNegative()) {
			throw new IllegalArgumentException(name + ": " + timeout
					+ " is negative; use a positive duration, or zero for no limit");
		}
		return timeout.isZero() ? null : timeout;
	}

	/** A byte limit: positive, or -1 for none. */
	static long maxInMemorySize(long size) {
		if (size < -1 || size == 0) {
			throw new IllegalArgumentException("maxInMemorySize: " + size
					+ " must be a positive number of bytes, or -1 for no limit");
		}
		return size;
	}

	static int maxRedirects(int maxRedirects) {
		if (maxRedirects < 0) {
			throw new IllegalArgumentException("maxRedirects: " + maxRedirects + " is negative; use 0 or more");
		}
		return maxRedirects;
	}

	/** An unmodifiable, order-keeping copy that allows null values (a null query value is a bare key). */
	static Map<String, @Nullable Object> copy(@Nullable Map<String, ?> map) {
		if (map == null || map.isEmpty()) {
			return Collections.emptyMap();
		}
		return Collections.unmodifiableMap(new LinkedHashMap<>(map));
	}

}
