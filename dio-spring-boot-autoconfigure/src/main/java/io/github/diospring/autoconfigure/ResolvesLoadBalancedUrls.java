package io.github.diospring.autoconfigure;

/**
 * Marks the interceptor that resolves {@code lb://} URLs, so that the client factory can check a
 * chain for it without loading Spring Cloud classes (which may be absent).
 */
interface ResolvesLoadBalancedUrls {

	/**
	 * @param url a base URL
	 * @return whether it names a load-balanced service ({@code lb://service-id...})
	 */
	static boolean isLoadBalanced(@org.jspecify.annotations.Nullable String url) {
		return url != null && url.regionMatches(true, 0, "lb://", 0, 5);
	}

}
