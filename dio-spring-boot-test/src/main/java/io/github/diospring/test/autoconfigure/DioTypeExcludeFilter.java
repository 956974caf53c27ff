package io.github.diospring.test.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.diospring.DioBuilderCustomizer;
import io.github.diospring.envelope.ErrorAdaptor;
import io.github.diospring.envelope.ErrorNotifier;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.observation.DioObservationConvention;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * What {@link DioTest} keeps of component scanning: the named components, and the application's
 * beans that shape its clients (interceptors, customizers, error adaptors and notifiers,
 * observation conventions).
 */
final class DioTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<DioTest> {

	private static final Set<Class<?>> DEFAULT_INCLUDES = Set.of(Interceptor.class, DioBuilderCustomizer.class,
			ErrorAdaptor.class, ErrorNotifier.class, DioObservationConvention.class);

	private final Set<Class<?>> components;

	DioTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		Set<Class<?>> components = new LinkedHashSet<>();
		for (Class<?> component : getAnnotation().getValue("components", Class[].class).orElse(new Class<?>[0])) {
			components.add(component);
		}
		this.components = components;
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return DEFAULT_INCLUDES;
	}

	@Override
	protected Set<Class<?>> getComponentIncludes() {
		return this.components;
	}

}
