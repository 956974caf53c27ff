package io.github.diospring.autoconfigure.envelope.server;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives each WebFlux exchange its trace id when it enters (the span of the server observation Spring
 * opened for it, else the current span, else a fresh one),
 * sent back in the trace header and kept for the envelope and the log line.
 */
class EnvelopeWebFluxTraceFilter implements WebFilter, Ordered {

	private final ServerEnvelopes envelopes;

	private final String header;

	EnvelopeWebFluxTraceFilter(ServerEnvelopes envelopes, String header) {
		this.envelopes = envelopes;
		this.header = header;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String observed = ObservedTraceIds.of(ServerRequestObservationContext.findCurrent(exchange.getAttributes()).orElse(null));
		String traceId = (observed != null) ? observed
				: ServerTraceIds.orNew(exchange.getAttribute(ServerTraceIds.ATTRIBUTE), this.envelopes);
		exchange.getAttributes().put(ServerTraceIds.ATTRIBUTE, traceId);
		if (!this.header.isEmpty()) {
			exchange.getResponse().getHeaders().set(this.header, traceId);
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

}
