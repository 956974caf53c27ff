/**
 * Cookies for dio: the {@link io.github.diospring.cookie.CookieManager} interceptor and the
 * {@link io.github.diospring.cookie.CookieJar}s it stores cookies in (in memory or on disk), with
 * RFC 6265's rules for domains, paths, Secure and expiry.
 *
 * <pre>{@code
 * dio.interceptors().add(new CookieManager(PersistCookieJar.builder(Path.of(".cookies")).build()));
 * }</pre>
 */
@NullMarked
package io.github.diospring.cookie;

import org.jspecify.annotations.NullMarked;
