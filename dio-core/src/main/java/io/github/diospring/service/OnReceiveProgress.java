package io.github.diospring.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link io.github.diospring.ProgressCallback} argument of an {@code @HttpExchange} method
 * as dio's {@code onReceiveProgress}: told how much of the response body arrived.
 *
 * <pre>{@code
 * @GetExchange("/files/{id}")
 * byte[] file(@PathVariable long id, @OnReceiveProgress ProgressCallback progress);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OnReceiveProgress {

}
