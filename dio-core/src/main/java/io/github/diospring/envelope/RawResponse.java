package io.github.diospring.envelope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opts a controller or one handler method out of the server-side result envelope
 * ({@code dio.envelope.server.wrap-results} or {@link EnvelopeResponse}): what it returns is written
 * as it is. Errors are still answered as envelopes.
 *
 * <pre>{@code
 * @GetMapping("/health/raw")
 * @RawResponse
 * Map<String, Object> raw() { return Map.of("status", "UP"); }
 * }</pre>
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RawResponse {

}
