/**
 * The {@link io.github.diospring.test.autoconfigure.DioTest @DioTest} slice: the dio
 * auto-configuration and the named components only, with a
 * {@link io.github.diospring.test.MockDioAdapter} bound to each configured client.
 */
@NullMarked
package io.github.diospring.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
