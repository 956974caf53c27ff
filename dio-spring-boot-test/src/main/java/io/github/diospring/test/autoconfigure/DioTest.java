package io.github.diospring.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of code that calls HTTP through dio, in the spirit of {@code @RestClientTest}: starts
 * only the dio auto-configuration (with Jackson, codecs and SSL bundles) and the components you
 * name, plus the application's {@code Interceptor}, {@code DioBuilderCustomizer},
 * {@code ErrorAdaptor} and {@code ErrorNotifier} beans; binds a
 * {@link io.github.diospring.test.MockDioAdapter} to every configured client (or to the ones in
 * {@link #clients()}), injectable as {@code MockDioAdapter} (the default client) or
 * {@code @Qualifier("<name>") MockDioAdapter}. {@code application.yml} is read as usual, so the
 * clients keep their base URLs, headers, timeouts and interceptors. Expectations are reset after
 * each test method; call {@code verify()} to check them.
 *
 * <pre>{@code
 * @DioTest(components = UserService.class)
 * class UserServiceTest {
 *     @Autowired UserService users;
 *     @Autowired @Qualifier("github") MockDioAdapter github;
 *
 *     @Test
 *     void readsAUser() {
 *         github.onGet("/users/{id}").reply(200, Map.of("login", "ann"));
 *         assertThat(users.login(1).block()).isEqualTo("ann");
 *         github.verify();
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(DioTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(DioTypeExcludeFilter.class)
@AutoConfigureDio
@AutoConfigureMockDio
@ImportAutoConfiguration
public @interface DioTest {

	/**
	 * Properties in {@code key=value} form added to the environment before the test runs.
	 * @return the properties
	 */
	String[] properties() default {};

	/**
	 * The components to test, for example the service that calls dio; same as {@link #components()}.
	 * @return the components
	 */
	@AliasFor("components")
	Class<?>[] value() default {};

	/**
	 * The components to test, for example the service that calls dio.
	 * @return the components
	 */
	@AliasFor("value")
	Class<?>[] components() default {};

	/**
	 * The clients that answer from a {@link io.github.diospring.test.MockDioAdapter}: {@code "default"}
	 * for the primary one, names under {@code dio.clients}; empty for all. The others keep their
	 * real transport.
	 * @return the client names
	 */
	@AliasFor(annotation = AutoConfigureMockDio.class)
	String[] clients() default {};

	/**
	 * Whether the default filters are used: they include the application's interceptors,
	 * customizers, error adaptors and notifiers found by component scanning.
	 * @return whether to use the default filters
	 */
	boolean useDefaultFilters() default true;

	/**
	 * @return more components to include from component scanning
	 */
	ComponentScan.Filter[] includeFilters() default {};

	/**
	 * @return components to leave out of component scanning
	 */
	ComponentScan.Filter[] excludeFilters() default {};

	/**
	 * @return auto-configuration to leave out of this test
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
