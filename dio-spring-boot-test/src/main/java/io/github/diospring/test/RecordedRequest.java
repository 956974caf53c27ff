package io.github.diospring.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;

/**
 * A request as the {@link MockDioAdapter} received it, after the interceptors and the transformer:
 * what a real server would have seen.
 *
 * <pre>{@code
 * RecordedRequest sent = mock.requests().get(0);
 * assertThat(sent.headers().value("Authorization")).isEqualTo("Bearer t1");
 * assertThat(sent.bodyAsString()).contains("\"name\":\"Ann\"");
 * }</pre>
 *
 * @param method the HTTP method
 * @param uri the full URI, query included
 * @param headers the headers sent (with {@code content-length} when the body's length is known)
 * @param body the body's bytes, empty for none
 * @param options the request options the adapter was called with
 */
public record RecordedRequest(String method, URI uri, Headers headers, byte[] body, RequestOptions options) {

	/** @return the body decoded as UTF-8 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.method + " " + this.uri;
	}

}
