/**
 * The dio HTTP client for Java: {@link io.github.diospring.Dio}, its options, responses and errors.
 *
 * <pre>{@code
 * Dio dio = Dio.create(BaseOptions.builder().baseUrl("https://api.example.com").build());
 * User user = dio.get("/users/1", User.class).block().data();
 * }</pre>
 */
@NullMarked
package io.github.diospring;

import org.jspecify.annotations.NullMarked;
