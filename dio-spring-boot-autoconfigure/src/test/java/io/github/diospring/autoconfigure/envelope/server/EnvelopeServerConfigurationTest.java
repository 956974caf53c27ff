package io.github.diospring.autoconfigure.envelope.server;

import io.github.diospring.autoconfigure.DioConfigurationException;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The server envelope's switches: off by default, the trace id from the tracer, a bad header name named at startup. */
class EnvelopeServerConfigurationTest {

	static final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EnvelopeServerAutoConfiguration.class));

	@Test
	void offUnlessEnabled() {
		runner.run(context -> assertThat(context).doesNotHaveBean(ServerEnvelopes.class)
			.doesNotHaveBean(EnvelopeMvcExceptionHandler.class));
		runner.withPropertyValues("dio.envelope.server.enabled=true")
			.run(context -> assertThat(context).hasSingleBean(EnvelopeMvcExceptionHandler.class)
				.hasSingleBean(EnvelopeMvcResultAdvice.class)
				.doesNotHaveBean(EnvelopeWebFluxExceptionHandler.class));
	}

	@Test
	void theTraceIdIsTheCurrentSpansWhenTheApplicationTraces() {
		runner.withUserConfiguration(Tracing.class).withPropertyValues("dio.envelope.server.enabled=true").run(context -> {
			ServerEnvelopes envelopes = context.getBean(ServerEnvelopes.class);
			Tracer tracer = context.getBean(Tracer.class);
			Span span = tracer.nextSpan().start();
			try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
				assertThat(envelopes.newTraceId()).isEqualTo(span.context().traceId());
			}
			finally {
				span.end();
			}
			// outside any span: a fresh id, never the same twice
			assertThat(envelopes.newTraceId()).matches("[0-9a-f]{32}").isNotEqualTo(envelopes.newTraceId());
		});
	}

	@Test
	void aTraceHeaderThatIsNoHeaderNameFailsAtStartupNamingTheProperty() {
		runner.withPropertyValues("dio.envelope.server.enabled=true", "dio.envelope.server.trace-header=X Trace")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(DioConfigurationException.class)
					.hasMessageContaining("dio.envelope.server.trace-header = 'X Trace'");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Tracing {

		@Bean
		Tracer tracer() {
			return new SimpleTracer();
		}

	}

}
