package io.github.diospring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * Lets a native image bind {@code dio.*}: the properties classes and every nested type, including
 * the named clients' {@link DioClientProperties} that sit behind a map. Registered through
 * {@code META-INF/spring/aot.factories}.
 */
class DioPropertiesRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(DioProperties.class, DioClientProperties.class)
			.registerHints(hints, classLoader);
	}

}
