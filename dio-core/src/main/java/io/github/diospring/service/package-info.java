/**
 * Spring's declarative HTTP interfaces ({@code @HttpExchange}) on a {@link io.github.diospring.Dio}:
 * every call runs through the client's whole pipeline (interceptors, the envelope, cookies,
 * redirects, timeouts, observation with the interface's URI templates) and fails with
 * {@link io.github.diospring.DioException}s. dio's per-call extras ({@link io.github.diospring.CancelToken},
 * {@link io.github.diospring.Options}, progress callbacks, {@link io.github.diospring.SseOptions})
 * are method arguments.
 *
 * <pre>{@code
 * @HttpExchange("/users")
 * interface UserApi {
 *     @GetExchange("/{id}") User user(@PathVariable long id);
 * }
 * UserApi users = DioHttpServices.createClient(dio, UserApi.class);
 * }</pre>
 */
@NullMarked
package io.github.diospring.service;

import org.jspecify.annotations.NullMarked;
