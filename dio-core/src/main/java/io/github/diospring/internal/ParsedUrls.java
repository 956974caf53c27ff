package io.github.diospring.internal;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * URLs that were parsed and checked once, so that a client's base URL and the URLs of its literal
 * paths are not parsed again on every request (and again each time an interceptor asks a request
 * for its URI). A {@link URI} is immutable and follows from its text alone, so one parsed for any
 * request serves all. The caller decides what is worth keeping: text that varies per call (filled
 * templates, query strings, which may carry tokens) is parsed each time and not kept.
 *
 * <p>Bounded: when a level is full it starts over, so a stream of distinct URLs costs one map entry
 * each and never grows the memory, while the URLs a service really uses come back after one parse.
 *
 * <pre>{@code
 * ParsedUrls.checkOnce(baseUrl, OptionChecks::checkBaseUrl);   // throws when wrong, runs once per URL
 * URI uri = ParsedUrls.get(baseUrl, path, p -> parseAndCheck(baseUrl + p));
 * }</pre>
 */
public final class ParsedUrls {

	/** Base URLs kept; a process rarely talks to more. */
	static final int MAX_BASE_URLS = 64;

	/** Paths kept per base URL. */
	static final int MAX_PATHS = 512;

	private static final Map<String, Map<String, URI>> BY_BASE_URL = new ConcurrentHashMap<>();

	private static final Map<String, Boolean> CHECKED_BASE_URLS = new ConcurrentHashMap<>();

	private ParsedUrls() {
	}

	/**
	 * @param baseUrl the base URL the path was joined to (any text: the key of the first level)
	 * @param path the path as written
	 * @param parse parses and checks {@code path} joined to {@code baseUrl}; what it throws is thrown and
	 * nothing is kept
	 * @return the URI, parsed now or before
	 */
	public static URI get(String baseUrl, String path, Function<String, URI> parse) {
		Map<String, URI> paths = BY_BASE_URL.get(baseUrl);
		URI uri = (paths != null) ? paths.get(path) : null;
		if (uri != null) {
			return uri;
		}
		uri = parse.apply(path);
		if (paths == null) {
			startOverWhenFull(BY_BASE_URL, MAX_BASE_URLS);
			paths = BY_BASE_URL.computeIfAbsent(baseUrl, b -> new ConcurrentHashMap<>());
		}
		startOverWhenFull(paths, MAX_PATHS);
		paths.putIfAbsent(path, uri);
		return uri;
	}

	/**
	 * Runs a base URL's check once: every request's options carry the client's base URL, and it
	 * does not change between them.
	 * @param baseUrl the base URL
	 * @param check throws when the base URL is wrong; then nothing is kept and the next call checks again
	 */
	public static void checkOnce(String baseUrl, Consumer<String> check) {
		if (CHECKED_BASE_URLS.containsKey(baseUrl)) {
			return;
		}
		check.accept(baseUrl);
		startOverWhenFull(CHECKED_BASE_URLS, MAX_BASE_URLS);
		CHECKED_BASE_URLS.put(baseUrl, Boolean.TRUE);
	}

	/** @return how many paths are kept for a base URL */
	static int size(String baseUrl) {
		Map<String, URI> paths = BY_BASE_URL.get(baseUrl);
		return (paths != null) ? paths.size() : 0;
	}

	private static void startOverWhenFull(Map<String, ?> map, int max) {
		if (map.size() >= max) {
			map.clear();
		}
	}

}
