package io.github.diospring.autoconfigure.envelope.server;

import java.lang.reflect.Method;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.accept.RequestedContentTypeResolver;
import org.springframework.web.reactive.result.method.annotation.ResponseBodyResultHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * WebFlux's side of the result envelope, the twin of {@link EnvelopeMvcResultAdvice}: runs just
 * before Spring's {@code @ResponseBody} handler and answers a plain or {@code Mono} result
 * {@code r} of an opted-in handler as {@code {success: true, data: r, traceId, host}}. Multi-value
 * results ({@code Flux}, SSE) and everything {@link ResultWrapping} leaves alone go to Spring's
 * handler unchanged.
 */
class EnvelopeWebFluxResultHandler extends ResponseBodyResultHandler {

	private static final MethodParameter OBJECT = parameter("value");

	private static final MethodParameter MONO = parameter("mono");

	private final ServerEnvelopes envelopes;

	private final ResultWrapping wrapping;

	EnvelopeWebFluxResultHandler(List<HttpMessageWriter<?>> writers, RequestedContentTypeResolver resolver,
			ReactiveAdapterRegistry registry, ServerEnvelopes envelopes, boolean wrapGlobally) {
		super(writers, resolver, registry);
		this.envelopes = envelopes;
		this.wrapping = new ResultWrapping(wrapGlobally);
		setOrder(99);
	}

	@Override
	public boolean supports(HandlerResult result) {
		if (!super.supports(result) || !this.wrapping.appliesTo(result.getReturnTypeSource())) {
			return false;
		}
		ReactiveAdapter adapter = getAdapter(result);
		if (adapter == null) {
			return true;
		}
		ResolvableType element = result.getReturnType().getGeneric();
		return !adapter.isMultiValue() && !adapter.isNoValue() && ResultWrapping.wrappable(element.toClass());
	}

	@Override
	public Mono<Void> handleResult(ServerWebExchange exchange, HandlerResult result) {
		String traceId = ServerTraceIds.orNew(exchange.getAttribute(ServerTraceIds.ATTRIBUTE), this.envelopes);
		ReactiveAdapter adapter = getAdapter(result);
		if (adapter == null) {
			return writeBody(wrap(result.getReturnValue(), traceId), OBJECT, exchange);
		}
		Object value = result.getReturnValue();
		Mono<Object> wrapped = (value != null) ? Mono.from(adapter.toPublisher(value)).map(v -> wrap(v, traceId)) : Mono.empty();
		return writeBody(wrapped.switchIfEmpty(Mono.fromSupplier(() -> wrap(null, traceId))), MONO, exchange);
	}

	private Object wrap(@Nullable Object value, String traceId) {
		return ResultWrapping.leaveAlone(value) ? value : this.envelopes.success(ResultWrapping.data(value), traceId);
	}

	/** Declared types for the writers: the envelope is written by its runtime type. */
	private static MethodParameter parameter(String name) {
		try {
			Method method = Declarations.class.getDeclaredMethod(name);
			return new MethodParameter(method, -1);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Return types to describe written bodies by. */
	private static final class Declarations {

		@SuppressWarnings("unused")
		static @Nullable Object value() {
			return null;
		}

		@SuppressWarnings("unused")
		static Mono<Object> mono() {
			return Mono.empty();
		}

	}

}
