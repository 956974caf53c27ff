package io.github.diospring.cache;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.ResponseType;
import org.jspecify.annotations.Nullable;

/**
 * A request the cache takes part in, as the cache sees it: its policy, its key, its
 * {@code Cache-Control} directives and how stale an answer may be.
 */
record CacheRequest(RequestOptions options, CachePolicy policy, String key, URI uri, CacheControl directives,
		@Nullable Long maxStaleMillis) {

	/** The caller runs its own conditional or partial request: the cache stays out of it. */
	private static final List<String> CALLER_CONDITIONALS = List.of("if-none-match", "if-modified-since", "if-match",
			"if-unmodified-since", "if-range", "range");

	/**
	 * @param options the request as it is sent
	 * @param settings the cache's settings
	 * @return the request, or null when the cache stays out of it: not a GET, {@code NO_CACHE}, a stream
	 * not asked for, the caller's own conditional request, credentials not allowed, or no valid URI
	 */
	static @Nullable CacheRequest of(RequestOptions options, CacheOptions settings) {
		if (!options.method().equals("GET")) {
			return null;
		}
		CachePolicy asked = CachePolicy.of(options.extra().get(CacheInterceptor.POLICY));
		CachePolicy policy = (asked != null) ? asked : settings.policy();
		boolean streams = settings.cacheStreams() || Boolean.TRUE.equals(options.extra().get(CacheInterceptor.CACHE_STREAM));
		if (policy == CachePolicy.NO_CACHE || (options.responseType() == ResponseType.STREAM && !streams)) {
			return null;
		}
		Headers headers = options.headers();
		if (CALLER_CONDITIONALS.stream().anyMatch(headers::contains)) {
			return null;
		}
		List<String> authorization = headers.get("authorization");
		if (authorization != null && !settings.allowAuthorization()) {
			return null;
		}
		URI uri;
		try {
			uri = options.uri();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		Object maxStale = options.extra().get(CacheInterceptor.MAX_STALE);
		Duration limit = (maxStale instanceof Duration d) ? d : settings.maxStale();
		return new CacheRequest(options, policy, CacheEntries.key(uri, authorization), uri,
				CacheControl.parse(headers.get("cache-control")), (limit != null) ? limit.toMillis() : null);
	}

}
