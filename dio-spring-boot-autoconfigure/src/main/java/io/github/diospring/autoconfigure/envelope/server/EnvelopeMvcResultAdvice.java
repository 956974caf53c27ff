package io.github.diospring.autoconfigure.envelope.server;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.GenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.SmartHttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Spring MVC's side of the result envelope: a plain result {@code r} of an opted-in handler
 * (see {@link ResultWrapping}) is written as {@code {success: true, data: r, traceId, host}}.
 *
 * <pre>{@code
 * @GetMapping("/api/users/{id}") @EnvelopeResponse
 * User user(@PathVariable long id) { ... }   // {"success":true,"data":{"id":1,...},"traceId":"...","host":"web-1"}
 * }</pre>
 */
@RestControllerAdvice
public class EnvelopeMvcResultAdvice implements ResponseBodyAdvice<Object> {

	private final ServerEnvelopes envelopes;

	private final ResultWrapping wrapping;

	/**
	 * @param envelopes the shared mapping
	 * @param wrapGlobally whether every controller's results are wrapped
	 */
	public EnvelopeMvcResultAdvice(ServerEnvelopes envelopes, boolean wrapGlobally) {
		this.envelopes = envelopes;
		this.wrapping = new ResultWrapping(wrapGlobally);
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		// only converters that write any object (JSON ones); the String converter cannot write a Map
		return (SmartHttpMessageConverter.class.isAssignableFrom(converterType)
				|| GenericHttpMessageConverter.class.isAssignableFrom(converterType)) && this.wrapping.appliesTo(returnType);
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
		if (!ResultWrapping.isJson(contentType) || ResultWrapping.leaveAlone(body)) {
			return body;
		}
		Object stored = (request instanceof ServletServerHttpRequest servlet)
				? servlet.getServletRequest().getAttribute(ServerTraceIds.ATTRIBUTE) : null;
		return this.envelopes.success(ResultWrapping.data(body), ServerTraceIds.orNew(stored, this.envelopes));
	}

}
