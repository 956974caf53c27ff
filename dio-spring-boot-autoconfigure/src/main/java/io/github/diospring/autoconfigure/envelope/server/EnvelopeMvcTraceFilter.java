package io.github.diospring.autoconfigure.envelope.server;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Gives each servlet request its trace id when it enters: the span of the server observation Spring
 * opened for it, else the current span, else a fresh one;
 * sent back in the trace header (before anything is written) and kept for the envelope and the
 * log line.
 */
class EnvelopeMvcTraceFilter extends OncePerRequestFilter {

	private final ServerEnvelopes envelopes;

	private final String header;

	EnvelopeMvcTraceFilter(ServerEnvelopes envelopes, String header) {
		this.envelopes = envelopes;
		this.header = header;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String observed = ObservedTraceIds.of(ServerHttpObservationFilter.findObservationContext(request).orElse(null));
		String traceId = (observed != null) ? observed
				: ServerTraceIds.orNew(request.getAttribute(ServerTraceIds.ATTRIBUTE), this.envelopes);
		request.setAttribute(ServerTraceIds.ATTRIBUTE, traceId);
		if (!this.header.isEmpty()) {
			response.setHeader(this.header, traceId);
		}
		chain.doFilter(request, response);
	}

}
