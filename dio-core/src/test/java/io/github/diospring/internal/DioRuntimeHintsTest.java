package io.github.diospring.internal;

import java.util.List;

import io.github.diospring.BaseOptions;
import io.github.diospring.Options;
import io.github.diospring.cookie.Cookie;
import io.github.diospring.envelope.ErrorInfo;
import io.github.diospring.envelope.Page;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/** The native-image hints: registered through aot.factories, covering what Jackson binds. */
class DioRuntimeHintsTest {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void areRegisteredThroughAotFactories() {
		List<RuntimeHintsRegistrar> registrars = AotServices.factories().load(RuntimeHintsRegistrar.class).asList();
		assertThat(registrars).hasAtLeastOneElementOfType(DioRuntimeHints.class);
	}

	@Test
	void letJacksonBindEnvelopeTypesAndPages() throws Exception {
		new DioRuntimeHints().registerHints(this.hints, getClass().getClassLoader());

		assertThat(RuntimeHintsPredicates.reflection().onType(Page.class)
			.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Page.class.getMethod("list"))).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ErrorInfo.class.getMethod("errorCode")))
			.accepts(this.hints);
	}

	@Test
	void letTheCookieFileBeReadAndWritten() throws Exception {
		new DioRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		Class<?> content = Class.forName(DioRuntimeHints.COOKIE_FILE_CONTENT);

		assertThat(RuntimeHintsPredicates.reflection().onType(content)
			.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Cookie.class.getMethod("name"))).accepts(this.hints);
	}

	@Test
	void coverTheOptionRecords() throws Exception {
		new DioRuntimeHints().registerHints(this.hints, getClass().getClassLoader());

		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(BaseOptions.class.getMethod("baseUrl")))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Options.class.getMethod("connectTimeout")))
			.accepts(this.hints);
	}

}
