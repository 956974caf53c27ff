/**
 * Micrometer Observation for dio requests: {@code http.client.requests} with Boot's tags plus the
 * logical client name and dio's error type. The only core package that imports Micrometer.
 */
@NullMarked
package io.github.diospring.observation;

import org.jspecify.annotations.NullMarked;
