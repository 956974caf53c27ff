package io.github.diospring.envelope;

import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;

/**
 * What an {@link ErrorAdaptor} knows besides the body.
 *
 * <pre>{@code
 * ErrorInfo adapt(Object body, ErrorContext context) {
 *     if (context.statusCode() >= 500) ...
 * }
 * }</pre>
 *
 * @param request the request
 * @param statusCode the HTTP status
 * @param headers the response headers
 */
public record ErrorContext(RequestOptions request, int statusCode, Headers headers) {
}
