/**
 * Retries with backoff, {@code Retry-After} and a retry budget ({@link io.github.diospring.retry.RetryInterceptor}),
 * and the typed error of an open circuit breaker.
 */
@NullMarked
package io.github.diospring.retry;

import org.jspecify.annotations.NullMarked;
