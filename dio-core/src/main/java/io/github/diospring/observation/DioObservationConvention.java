package io.github.diospring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags dio's request observations; define a bean of this type to change them.
 *
 * <pre>{@code
 * @Bean DioObservationConvention tenantTagged() {
 *     return new DefaultDioObservationConvention() {
 *         public KeyValues getLowCardinalityKeyValues(DioObservationContext c) {
 *             return super.getLowCardinalityKeyValues(c).and("tenant", tenant());
 *         }
 *     };
 * }
 * }</pre>
 */
public interface DioObservationConvention extends ObservationConvention<DioObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof DioObservationContext;
	}

}
