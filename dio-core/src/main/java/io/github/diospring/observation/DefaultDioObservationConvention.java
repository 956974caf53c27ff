package io.github.diospring.observation;

import java.net.URI;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Boot's {@code http.client.requests} tags ({@code method}, {@code uri} — a template, see
 * {@code UriTemplates} —, {@code status}, {@code outcome}, {@code exception}, {@code client.name}
 * — the host —) plus {@code client} (the logical dio client) and {@code error.type} (the
 * {@link io.github.diospring.DioExceptionType}, {@code none} on success). A cancelled request has
 * status and outcome {@code CANCELED} and is not an error. High cardinality: {@code http.url},
 * {@code dio.attempts} (1 plus the retries; a span attribute, not a metric tag), and
 * {@code dio.cache} (how the HTTP cache answered) when a cache took part.
 *
 * <pre>{@code
 * registry.observationConfig().observationConvention(new DefaultDioObservationConvention());
 * }</pre>
 */
public class DefaultDioObservationConvention implements DioObservationConvention {

	private final String name;

	/** Uses {@code http.client.requests}. */
	public DefaultDioObservationConvention() {
		this("http.client.requests");
	}

	/** @param name the observation (and timer) name */
	public DefaultDioObservationConvention(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(DioObservationContext context) {
		return "http " + context.request().method().toLowerCase(java.util.Locale.ROOT);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(DioObservationContext context) {
		RequestOptions request = context.request();
		Response<?> response = context.getResponse();
		DioException failure = context.failure();
		Response<?> answered = (response != null) ? response : (failure != null) ? failure.response() : null;
		String status = context.isCancelled() ? "CANCELED"
				: (answered != null) ? String.valueOf(answered.statusCode()) : (failure != null) ? "IO_ERROR" : "CLIENT_ERROR";
		return KeyValues.of(KeyValue.of("method", request.method()), KeyValue.of("uri", UriTemplates.of(request)),
				KeyValue.of("status", status), KeyValue.of("outcome", outcome(context, answered)),
				KeyValue.of("exception", (failure != null) ? failure.getClass().getSimpleName() : "none"),
				KeyValue.of("client.name", host(context)), KeyValue.of("client", context.clientName()),
				KeyValue.of("error.type", (failure != null) ? failure.type().name() : "none"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(DioObservationContext context) {
		KeyValues values = KeyValues.of(KeyValue.of("http.url", url(context)),
				KeyValue.of("dio.attempts", String.valueOf(context.attempts().get())));
		String cacheStatus = context.cacheStatus();
		return (cacheStatus != null) ? values.and(KeyValue.of("dio.cache", cacheStatus)) : values;
	}

	private static String outcome(DioObservationContext context, Response<?> answered) {
		if (context.isCancelled()) {
			return "CANCELED";
		}
		if (answered == null) {
			return "UNKNOWN";
		}
		int status = answered.statusCode();
		if (status < 200) {
			return "INFORMATIONAL";
		}
		if (status < 300) {
			return (context.failure() != null) ? "UNKNOWN" : "SUCCESS";
		}
		return (status < 400) ? "REDIRECTION" : (status < 500) ? "CLIENT_ERROR" : "SERVER_ERROR";
	}

	private static String host(DioObservationContext context) {
		try {
			String host = context.request().uri().getHost();
			return (host != null) ? host : "none";
		}
		catch (RuntimeException ex) {
			return "none";
		}
	}

	private static String url(DioObservationContext context) {
		try {
			URI uri = context.request().uri();
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (Exception ex) {
			return "none";
		}
	}

}
