package io.github.diospring.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports what the dio clients need and nothing else: the dio auto-configuration, Jackson, HTTP
 * codecs and connectors, WebClient's builder and SSL bundles (the list is in
 * {@code META-INF/spring/io.github.diospring.test.autoconfigure.AutoConfigureDio.imports}). Part
 * of {@link DioTest}; add it to another slice to get dio clients there.
 *
 * <pre>{@code
 * @WebFluxTest(BffController.class)
 * @AutoConfigureDio
 * @AutoConfigureMockDio
 * class BffControllerTest { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureDio {

}
