package io.github.diospring.autoconfigure.envelope.server;

import java.time.Duration;
import java.util.Map;

import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In WebFlux the request's span is not current on the filter's thread: the trace id is read from
 * the server observation Spring keeps on the exchange, so the envelope, the header and the logs
 * agree with the trace.
 */
class ObservedTraceIdTest {

	final ServerEnvelopes envelopes = new ServerEnvelopes(FrontEnd.PRO, StatusPolicy.KEEP, "web-1", Map.of(), null);

	@Test
	void theServerObservationsSpanGivesTheTraceId() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders/1"));
		ServerRequestObservationContext observation = new ServerRequestObservationContext(exchange.getRequest(),
				exchange.getResponse(), exchange.getAttributes());
		SimpleSpan span = new SimpleSpan();
		span.context().setTraceId("4bf92f3577b34da6a3ce929d0e0e4736");
		TracingObservationHandler.TracingContext tracing = new TracingObservationHandler.TracingContext();
		tracing.setSpan(span);
		observation.put(TracingObservationHandler.TracingContext.class, tracing);
		exchange.getAttributes().put(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE, observation);

		new EnvelopeWebFluxTraceFilter(this.envelopes, "X-Trace-Id").filter(exchange, e -> Mono.empty())
			.block(Duration.ofSeconds(5));

		assertThat(exchange.getResponse().getHeaders().getFirst("X-Trace-Id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat((String) exchange.getAttribute(ServerTraceIds.ATTRIBUTE)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void withoutAnObservationEachExchangeGetsAFreshId() {
		MockServerWebExchange first = MockServerWebExchange.from(MockServerHttpRequest.get("/a"));
		MockServerWebExchange second = MockServerWebExchange.from(MockServerHttpRequest.get("/b"));
		EnvelopeWebFluxTraceFilter filter = new EnvelopeWebFluxTraceFilter(this.envelopes, "X-Trace-Id");

		filter.filter(first, e -> Mono.empty()).block(Duration.ofSeconds(5));
		filter.filter(second, e -> Mono.empty()).block(Duration.ofSeconds(5));

		assertThat(first.getResponse().getHeaders().getFirst("X-Trace-Id")).matches("[0-9a-f]{32}")
			.isNotEqualTo(second.getResponse().getHeaders().getFirst("X-Trace-Id"));
	}

}
