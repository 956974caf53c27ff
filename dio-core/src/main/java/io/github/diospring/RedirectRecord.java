package io.github.diospring;

import java.net.URI;

/**
 * One redirect hop the transport followed, in the order they happened.
 *
 * <pre>{@code
 * Response<Object> r = dio.get("/old").block();
 * r.redirects().forEach(hop -> log.info("{} {} -> {}", hop.statusCode(), hop.method(), hop.location()));
 * }</pre>
 *
 * @param statusCode the 3xx status that asked for the redirect
 * @param method the method used for the next hop
 * @param location where the next hop went (resolved against the previous URI)
 */
public record RedirectRecord(int statusCode, String method, URI location) {
}
