/**
 * Test support for code that calls HTTP through dio: {@link io.github.diospring.test.MockDioAdapter}
 * answers from expectations (dio's {@code http_mock_adapter}, Spring's {@code MockRestServiceServer}),
 * {@link io.github.diospring.test.MockDioExtension} hands it to JUnit 5 tests without Spring.
 */
@NullMarked
package io.github.diospring.test;

import org.jspecify.annotations.NullMarked;
