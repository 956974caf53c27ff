/**
 * An HTTP cache for dio clients with RFC 9111's private-cache semantics and dio_cache_interceptor's
 * policies, stored on Spring's cache abstraction (in memory with Caffeine, or any
 * {@code CacheManager}'s cache, such as Redis, shared across instances).
 */
@NullMarked
package io.github.diospring.cache;

import org.jspecify.annotations.NullMarked;
