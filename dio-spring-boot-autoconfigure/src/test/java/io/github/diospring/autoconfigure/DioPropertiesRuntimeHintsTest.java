package io.github.diospring.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/** A native image can bind every {@code dio.*} property, named clients' included. */
class DioPropertiesRuntimeHintsTest {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void areRegisteredThroughAotFactories() {
		List<RuntimeHintsRegistrar> registrars = AotServices.factories().load(RuntimeHintsRegistrar.class).asList();
		assertThat(registrars).hasAtLeastOneElementOfType(DioPropertiesRuntimeHints.class);
	}

	@Test
	void coverTopLevelNestedAndNamedClientProperties() throws Exception {
		new DioPropertiesRuntimeHints().registerHints(this.hints, getClass().getClassLoader());

		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DioProperties.class.getMethod("setEnabled", boolean.class)))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(DioProperties.Log.class.getMethod("setMaxBodyLength", int.class))).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(DioClientProperties.class.getMethod("setBaseUrl", String.class))).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(DioClientProperties.CookieSettings.class.getMethod("getEnabled"))).accepts(this.hints);
	}

}
