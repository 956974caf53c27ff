package io.github.diospring.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Binds a {@link io.github.diospring.test.MockDioAdapter} to the auto-configured dio clients
 * (all, or those named) and registers them as beans; part of {@link DioTest}, usable on its own
 * with {@code @SpringBootTest} to test a whole application without its upstreams.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureMockDio(clients = "payments")
 * class CheckoutTest {
 *     @Autowired @Qualifier("payments") MockDioAdapter payments;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("dio.test.mock")
public @interface AutoConfigureMockDio {

	/**
	 * @return whether the mock adapters are bound
	 */
	boolean enabled() default true;

	/**
	 * @return the clients to mock ({@code "default"} or names under {@code dio.clients}); empty for all
	 */
	String[] clients() default {};

}
