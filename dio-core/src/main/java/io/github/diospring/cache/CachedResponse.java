package io.github.diospring.cache;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.diospring.Headers;
import org.jspecify.annotations.Nullable;

/**
 * One stored response: status, the headers worth keeping, the body bytes, the request headers its
 * {@code Vary} names, and when it was requested and received. Knows its age and freshness lifetime
 * (RFC 9111 §4.2); {@link CacheRecords} writes it compactly for any store.
 */
final class CachedResponse {

	/** Status codes a cache may store without explicit freshness (RFC 9110 §15.1), less 206 (no ranges here). */
	static final Set<Integer> HEURISTICALLY_CACHEABLE = Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501);

	/** Never stored: hop-by-hop (RFC 9111 §3.1), cookies (a shared client must not replay them), our own mark. */
	static final Set<String> NOT_STORED = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
			"transfer-encoding", "upgrade", "proxy-authenticate", "proxy-authorization", "set-cookie", "set-cookie2",
			CacheInterceptor.STATUS_HEADER);

	final int status;

	final String statusMessage;

	final Headers headers;

	/** Lower-case names of the request headers {@code Vary} names, with the values they had; null when absent. */
	final Map<String, @Nullable String> varyValues;

	final long requestTime;

	final long responseTime;

	final byte[] body;

	CachedResponse(int status, String statusMessage, Headers headers, Map<String, @Nullable String> varyValues,
			long requestTime, long responseTime, byte[] body) {
		this.status = status;
		this.statusMessage = statusMessage;
		this.headers = headers;
		this.varyValues = varyValues;
		this.requestTime = requestTime;
		this.responseTime = responseTime;
		this.body = body;
	}

	/** The headers to store of a response: without the ones never stored and the ones its directives exclude. */
	static Headers storable(Headers headers) {
		Headers.Builder kept = Headers.builder();
		Set<String> excluded = new java.util.HashSet<>(CacheControl.parse(headers.get("cache-control")).excludedFields);
		List<String> connection = headers.get("connection");
		if (connection != null) {
			connection.forEach(v -> java.util.Arrays.stream(v.split(","))
				.forEach(name -> excluded.add(name.trim().toLowerCase(java.util.Locale.ROOT))));
		}
		headers.forEach((name, values) -> {
			String key = name.toLowerCase(java.util.Locale.ROOT);
			if (!NOT_STORED.contains(key) && !excluded.contains(key)) {
				kept.set(name, values);
			}
		});
		return kept.build();
	}

	/**
	 * RFC 9111 §3.2: a {@code 304} updates the stored headers with its own, except the ones
	 * describing the stored body.
	 */
	CachedResponse revalidated(Headers notModified, long requestTime, long responseTime) {
		Headers.Builder merged = this.headers.toBuilder();
		storable(notModified).forEach((name, values) -> {
			String key = name.toLowerCase(java.util.Locale.ROOT);
			if (!key.equals("content-length") && !key.equals("content-encoding") && !key.equals("content-type")) {
				merged.set(name, values);
			}
		});
		return new CachedResponse(this.status, this.statusMessage, merged.build(), this.varyValues, requestTime,
				responseTime, this.body);
	}

	CacheControl cacheControl() {
		return CacheControl.parse(this.headers.get("cache-control"));
	}

	boolean hasValidators() {
		return etag() != null || lastModified() != null;
	}

	@Nullable String etag() {
		return first("etag");
	}

	@Nullable String lastModified() {
		return first("last-modified");
	}

	/** RFC 9111 §4.2.3. */
	long currentAgeMillis(long now) {
		long date = dateOr("date", this.responseTime);
		long apparentAge = Math.max(0, this.responseTime - date);
		long responseDelay = Math.max(0, this.responseTime - this.requestTime);
		long ageValue = 0;
		String age = first("age");
		if (age != null) {
			try {
				ageValue = Math.max(0, Long.parseLong(age.trim())) * 1000;
			}
			catch (NumberFormatException ex) {
				ageValue = 0;
			}
		}
		long correctedInitialAge = Math.max(apparentAge, ageValue + responseDelay);
		return correctedInitialAge + Math.max(0, now - this.responseTime);
	}

	/** RFC 9111 §4.2.1: max-age, else Expires − Date, else the heuristic when enabled, else 0. */
	long freshnessLifetimeMillis(CacheControl cc, double heuristicFraction, long heuristicMaxMillis) {
		if (cc.maxAge != null) {
			return cc.maxAge * 1000;
		}
		String expires = first("expires");
		if (expires != null) {
			long at = parseDate(expires);
			return (at < 0) ? 0 : Math.max(0, at - dateOr("date", this.responseTime));
		}
		String lastModified = lastModified();
		if (heuristicFraction > 0 && lastModified != null && HEURISTICALLY_CACHEABLE.contains(this.status)) {
			long modified = parseDate(lastModified);
			long date = dateOr("date", this.responseTime);
			if (modified > 0 && modified < date) {
				return Math.min((long) ((date - modified) * heuristicFraction), heuristicMaxMillis);
			}
		}
		return 0;
	}

	/** @return whether the stored request headers named by Vary match these request headers */
	boolean matches(Headers request) {
		for (Map.Entry<String, @Nullable String> e : this.varyValues.entrySet()) {
			if (!java.util.Objects.equals(e.getValue(), normalised(request.get(e.getKey())))) {
				return false;
			}
		}
		return true;
	}

	/** The names a response's Vary lists, lower case; {@code ["*"]} for a Vary that never matches. */
	static List<String> varyNames(Headers response) {
		List<String> names = new ArrayList<>();
		List<String> values = response.get("vary");
		if (values != null) {
			for (String value : values) {
				for (String name : value.split(",")) {
					String n = name.trim().toLowerCase(java.util.Locale.ROOT);
					if (!n.isEmpty() && !names.contains(n)) {
						names.add(n);
					}
				}
			}
		}
		return names;
	}

	static Map<String, @Nullable String> varyValues(List<String> names, Headers request) {
		Map<String, @Nullable String> values = new LinkedHashMap<>();
		names.forEach(name -> values.put(name, normalised(request.get(name))));
		return values;
	}

	/** Values joined by a comma, whitespace around them collapsed (RFC 9111 §4.1 allows normalising). */
	static @Nullable String normalised(@Nullable List<String> values) {
		if (values == null) {
			return null;
		}
		List<String> parts = new ArrayList<>();
		values.forEach(v -> java.util.Arrays.stream(v.split(",")).map(String::trim).forEach(parts::add));
		return String.join(",", parts);
	}

	private @Nullable String first(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private long dateOr(String name, long fallback) {
		String value = first(name);
		long parsed = (value != null) ? parseDate(value) : -1;
		return (parsed >= 0) ? parsed : fallback;
	}

	/** @return epoch millis of an HTTP date, or -1 when it is not one */
	static long parseDate(String value) {
		try {
			return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			return -1;
		}
	}

	static String formatDate(long epochMillis) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(epochMillis).atZone(java.time.ZoneOffset.UTC));
	}

	/**
	 * Stored under a URI's key when its responses vary: the request headers that select a variant,
	 * and a generation that invalidating the URI replaces, so older variants become unreachable.
	 */
	record VaryIndex(String generation, List<String> names) {
	}

}
