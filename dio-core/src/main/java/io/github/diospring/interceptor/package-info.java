/**
 * Interceptors with dio 5's semantics: Interceptor, handlers, InterceptorsWrapper, Interceptors.
 */
@NullMarked
package io.github.diospring.interceptor;

import org.jspecify.annotations.NullMarked;
