package io.github.diospring.cache;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Cache-Control} directives this cache acts on (RFC 9111 §5.2), from a request or a
 * response. {@code s-maxage}, {@code public} and {@code proxy-revalidate} concern shared caches
 * and are ignored; {@code private} does not stop a private cache. Unknown directives are ignored.
 */
final class CacheControl {

	static final CacheControl NONE = new CacheControl();

	boolean noStore;

	boolean noCache;

	boolean mustRevalidate;

	boolean onlyIfCached;

	/** Seconds, or null. */
	@Nullable Long maxAge;

	/** Seconds; {@link Long#MAX_VALUE} for a bare {@code max-stale}; null when absent. */
	@Nullable Long maxStale;

	@Nullable Long minFresh;

	/** Fields named by {@code no-cache="..."} or {@code private="..."}: not stored. */
	final Set<String> excludedFields = new LinkedHashSet<>();

	private CacheControl() {
	}

	static CacheControl parse(@Nullable List<String> values) {
		if (values == null || values.isEmpty()) {
			return NONE;
		}
		CacheControl cc = new CacheControl();
		for (String value : values) {
			for (String directive : split(value)) {
				cc.apply(directive);
			}
		}
		return cc;
	}

	private void apply(String directive) {
		int eq = directive.indexOf('=');
		String name = ((eq < 0) ? directive : directive.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
		String argument = (eq < 0) ? null : unquote(directive.substring(eq + 1).trim());
		switch (name) {
			case "no-store" -> this.noStore = true;
			case "no-cache" -> {
				if (argument == null) {
					this.noCache = true;
				}
				else {
					fields(argument);
				}
			}
			case "private" -> {
				if (argument != null) {
					fields(argument);
				}
			}
			case "must-revalidate" -> this.mustRevalidate = true;
			case "only-if-cached" -> this.onlyIfCached = true;
			case "max-age" -> this.maxAge = seconds(argument, this.maxAge);
			case "min-fresh" -> this.minFresh = seconds(argument, this.minFresh);
			case "max-stale" -> this.maxStale = (argument == null) ? Long.valueOf(Long.MAX_VALUE)
					: seconds(argument, this.maxStale);
			default -> {
				// s-maxage, public, proxy-revalidate: shared caches only; extensions: ignored (RFC 9111 §5.2.3)
			}
		}
	}

	private void fields(String argument) {
		for (String field : argument.split(",")) {
			if (!field.isBlank()) {
				this.excludedFields.add(field.trim().toLowerCase(Locale.ROOT));
			}
		}
	}

	/** A duplicate or invalid delta-seconds makes the directive mean "stale" (RFC 9111 §4.2.1): 0. */
	private static Long seconds(@Nullable String argument, @Nullable Long previous) {
		if (argument == null || previous != null) {
			return 0L;
		}
		try {
			long value = Long.parseLong(argument);
			return (value < 0) ? 0L : value;
		}
		catch (NumberFormatException ex) {
			return argument.chars().allMatch(Character::isDigit) && !argument.isEmpty() ? Long.valueOf(Integer.MAX_VALUE)
					: Long.valueOf(0L);
		}
	}

	private static String unquote(String value) {
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

	/** Splits on commas outside quotes ({@code no-cache="a, b"} is one directive). */
	private static List<String> split(String value) {
		List<String> parts = new java.util.ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (char c : value.toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == ',' && !quoted) {
				parts.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		parts.add(current.toString());
		parts.removeIf(String::isBlank);
		return parts;
	}

}
