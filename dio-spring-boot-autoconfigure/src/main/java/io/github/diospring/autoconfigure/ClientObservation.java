package io.github.diospring.autoconfigure;

import io.github.diospring.observation.DioObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The registry and convention every client records its requests with.
 *
 * @param registry the application's observation registry (a no-op without Micrometer set up)
 * @param convention the convention bean, or null for the default
 */
record ClientObservation(ObservationRegistry registry, @Nullable DioObservationConvention convention) {
}
