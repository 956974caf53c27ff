package io.github.diospring.envelope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opts a controller or one handler method into the server-side result envelope when it is not on
 * for every controller ({@code dio.envelope.server.wrap-results}): a plain result {@code r} is
 * answered as {@code {success: true, data: r, traceId, host}}, a {@link Page} (or Spring Data's
 * {@code Page}) as {@code data: {list, current, pageSize, total}}. Needs
 * {@code dio.envelope.server.enabled=true}.
 *
 * <pre>{@code
 * @RestController
 * @EnvelopeResponse
 * class OrderController {
 *     @GetMapping("/api/orders/{id}")
 *     Order order(@PathVariable long id) { ... }   // {"success":true,"data":{...},...}
 * }
 * }</pre>
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EnvelopeResponse {

}
