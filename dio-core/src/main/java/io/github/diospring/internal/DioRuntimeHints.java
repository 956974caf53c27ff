package io.github.diospring.internal;

import io.github.diospring.BaseOptions;
import io.github.diospring.DownloadOptions;
import io.github.diospring.Options;
import io.github.diospring.RedirectRecord;
import io.github.diospring.cookie.Cookie;
import io.github.diospring.envelope.ErrorInfo;
import io.github.diospring.envelope.Page;
import io.github.diospring.envelope.ShowType;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What a GraalVM native image needs to keep for dio, registered through
 * {@code META-INF/spring/aot.factories}: Jackson binds {@link Page} and {@link ErrorInfo} from
 * responses, reads and writes the cookie file ({@link Cookie} in {@code CookieDocument$Content}), and
 * applications serialize the option records for logs and diagnostics.
 */
final class DioRuntimeHints implements RuntimeHintsRegistrar {

	/** The persistent cookie jar's file format; package-private in its own package. */
	static final String COOKIE_FILE_CONTENT = "io.github.diospring.cookie.CookieDocument$Content";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		binding.registerReflectionHints(hints.reflection(), Page.class, ErrorInfo.class, ShowType.class, Cookie.class,
				BaseOptions.class, Options.class, DownloadOptions.class, RedirectRecord.class);
		if (ClassUtils.isPresent(COOKIE_FILE_CONTENT, classLoader)) {
			binding.registerReflectionHints(hints.reflection(), ClassUtils.resolveClassName(COOKIE_FILE_CONTENT, classLoader));
		}
		else {
			hints.reflection().registerType(TypeReference.of(COOKIE_FILE_CONTENT));
		}
	}

}
