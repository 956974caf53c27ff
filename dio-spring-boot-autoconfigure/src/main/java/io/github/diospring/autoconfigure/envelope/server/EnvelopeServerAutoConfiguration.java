package io.github.diospring.autoconfigure.envelope.server;

import java.net.InetAddress;
import java.util.List;

import io.github.diospring.autoconfigure.DioConfigurationException;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.accept.RequestedContentTypeResolver;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The server side of the envelope, opt-in with {@code dio.envelope.server.enabled=true}: for Spring
 * MVC and WebFlux, an exception advice answering every error as the envelope, a result wrapper for
 * {@code wrap-results} / {@code @EnvelopeResponse} handlers, and a filter giving each request its
 * trace id (the current Micrometer Tracing span's, else a fresh one) in the envelope, the
 * {@code X-Trace-Id} header and the log line. One mapping ({@link ServerEnvelopes}) serves both.
 *
 * <pre>{@code
 * dio.envelope.server.enabled: true
 * dio.envelope.server.front-end: pro      # or umi3
 * }</pre>
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
		"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration" })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty("dio.envelope.server.enabled")
@EnableConfigurationProperties(EnvelopeServerProperties.class)
public final class EnvelopeServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServerEnvelopes dioServerEnvelopes(EnvelopeServerProperties properties, ObjectProvider<TraceIdSource> traceIds) {
		String header = properties.getTraceHeader();
		if (!header.isEmpty() && !header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
			throw new DioConfigurationException("dio.envelope.server.trace-header", header, "is not an HTTP header name",
					"Use a name such as X-Trace-Id, or leave it empty to send no header.");
		}
		String host = (properties.getHost() != null && !properties.getHost().isBlank()) ? properties.getHost() : localHostName();
		return new ServerEnvelopes(properties.getFrontEnd(), properties.getHttpStatus(), host, properties.getMessages(),
				traceIds.getIfAvailable());
	}

	/** The machine's name, looked up once at startup (it may ask DNS). */
	static String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException | SecurityException ex) {
			String env = System.getenv("HOSTNAME");
			return (env != null && !env.isBlank()) ? env : "localhost";
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(Tracer.class)
		TraceIdSource dioTracerTraceIdSource(Tracer tracer) {
			return () -> {
				Span span = tracer.currentSpan();
				return (span != null) ? span.context().traceId() : null;
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(DispatcherServlet.class)
	static class MvcConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EnvelopeMvcExceptionHandler dioEnvelopeMvcExceptionHandler(ServerEnvelopes envelopes) {
			return new EnvelopeMvcExceptionHandler(envelopes);
		}

		@Bean
		@ConditionalOnMissingBean
		EnvelopeMvcResultAdvice dioEnvelopeMvcResultAdvice(ServerEnvelopes envelopes, EnvelopeServerProperties properties) {
			return new EnvelopeMvcResultAdvice(envelopes, properties.isWrapResults());
		}

		@Bean
		FilterRegistrationBean<EnvelopeMvcTraceFilter> dioEnvelopeTraceFilter(ServerEnvelopes envelopes,
				EnvelopeServerProperties properties) {
			FilterRegistrationBean<EnvelopeMvcTraceFilter> registration = new FilterRegistrationBean<>(
					new EnvelopeMvcTraceFilter(envelopes, properties.getTraceHeader()));
			// after the observation filter (HIGHEST_PRECEDENCE + 1), so the request's span is current
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(RequestedContentTypeResolver.class)
	static class WebFluxConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EnvelopeWebFluxExceptionHandler dioEnvelopeWebFluxExceptionHandler(ServerEnvelopes envelopes) {
			return new EnvelopeWebFluxExceptionHandler(envelopes);
		}

		@Bean
		EnvelopeWebFluxResultHandler dioEnvelopeWebFluxResultHandler(ServerCodecConfigurer codecs,
				@Qualifier("webFluxContentTypeResolver") RequestedContentTypeResolver resolver,
				@Qualifier("webFluxAdapterRegistry") ReactiveAdapterRegistry registry, ServerEnvelopes envelopes,
				EnvelopeServerProperties properties) {
			List<org.springframework.http.codec.HttpMessageWriter<?>> writers = codecs.getWriters();
			return new EnvelopeWebFluxResultHandler(writers, resolver, registry, envelopes, properties.isWrapResults());
		}

		@Bean
		EnvelopeWebFluxTraceFilter dioEnvelopeTraceWebFilter(ServerEnvelopes envelopes, EnvelopeServerProperties properties) {
			return new EnvelopeWebFluxTraceFilter(envelopes, properties.getTraceHeader());
		}

	}

}
