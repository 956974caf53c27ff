package io.github.diospring.observation;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.adapter.ResponseBody;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Wraps one dio request in an observation: started on subscription (as a child of the caller's
 * observation, taken from the Reactor context), trace headers added to the request, stopped with
 * the response, the failure, or as cancelled. Costs nothing when the registry is a no-op.
 *
 * <pre>{@code
 * DioObservations observations = new DioObservations(registry, "github", null);
 * }</pre>
 */
public final class DioObservations {

	/**
	 * Request extra key for event streams: an {@code AtomicLong} the stream increments per event.
	 * When present and the response is a {@link ResponseBody}, the observation lasts until the body
	 * ends (not only until the headers), and the count is the context's {@code events()}.
	 */
	public static final String STREAM_EVENTS = "dio.observation.streamEvents";

	/** Where Micrometer keeps the current observation in a Reactor context (OBSERVATION_KEY). */
	private static final String OBSERVATION_KEY = "micrometer.observation";

	private final ObservationRegistry registry;

	private final String clientName;

	private final @Nullable DioObservationConvention convention;

	/**
	 * @param registry the registry
	 * @param clientName the logical client
	 * @param convention a custom convention, or null for the default
	 */
	public DioObservations(ObservationRegistry registry, String clientName, @Nullable DioObservationConvention convention) {
		this.registry = registry;
		this.clientName = clientName;
		this.convention = convention;
	}

	/** @return whether observations are recorded at all */
	public boolean isActive() {
		return !this.registry.isNoop();
	}

	/**
	 * @param <T> the body type
	 * @param options the request
	 * @param exchange runs the request with the options it is given (trace headers added)
	 * @return the observed request
	 */
	public <T> Mono<Response<T>> observe(RequestOptions options,
			java.util.function.BiFunction<RequestOptions, @Nullable DioObservationContext, Mono<Response<T>>> exchange) {
		if (!isActive()) {
			return exchange.apply(options, null);
		}
		return Mono.deferContextual(view -> {
			DioObservationContext context = new DioObservationContext(this.clientName, options);
			Observation observation = DioObservationDocumentation.HTTP_CLIENT_REQUEST
				.observation(this.convention, new DefaultDioObservationConvention(), () -> context, this.registry)
				.parentObservation(parent(view))
				.start();
			RequestOptions traced = withTraceHeaders(options, context.getCarrier());
			AtomicBoolean stopped = new AtomicBoolean();
			AtomicBoolean handedOver = new AtomicBoolean();
			return exchange.apply(traced, context)
				.doOnSuccess(response -> {
					context.setResponse(response);
					if (streamed(options, response)) {
						handedOver.set(true);
					}
					else {
						stop(observation, stopped);
					}
				})
				.map(response -> streamed(options, response) ? observeBody(response, observation, context, stopped)
						: response)
				.doOnError(error -> {
					if (error instanceof DioException dio && dio.type() == DioExceptionType.CANCEL) {
						context.cancelled();
					}
					else {
						DioException failure = DioException.from(options, error);
						context.failure(failure);
						observation.error(failure);
					}
					stop(observation, stopped);
				})
				.doOnCancel(() -> {
					// a Mono may be cancelled after its value; a streamed body's observation is the body's then
					if (!handedOver.get()) {
						context.cancelled();
						stop(observation, stopped);
					}
				})
				.contextWrite(c -> c.put(OBSERVATION_KEY, observation));
		});
	}

	private static boolean streamed(RequestOptions options, @Nullable Response<?> response) {
		return response != null && response.data() instanceof ResponseBody
				&& options.extra().get(STREAM_EVENTS) instanceof AtomicLong;
	}

	/** An event stream's observation ends with its body: completed, failed, or cancelled by its reader. */
	@SuppressWarnings("unchecked")
	private static <T> Response<T> observeBody(Response<T> response, Observation observation,
			DioObservationContext context, AtomicBoolean stopped) {
		ResponseBody body = (ResponseBody) response.data();
		// stopped before the end reaches the reader, so the meters are there when its stream completes
		return (Response<T>) response.withData(body.mapStream(stream -> stream.doOnError(error -> {
			DioException failure = DioException.from(response.requestOptions(), error);
			if (failure.type() == DioExceptionType.CANCEL) {
				context.cancelled();
			}
			else {
				context.failure(failure);
				observation.error(failure);
			}
			stop(observation, stopped);
		}).doOnComplete(() -> stop(observation, stopped)).doOnCancel(() -> stop(observation, stopped))));
	}

	private static void stop(Observation observation, AtomicBoolean stopped) {
		if (stopped.compareAndSet(false, true)) {
			observation.stop();
		}
	}

	/**
	 * The context of the dio request running in a Reactor context, for steps inside the request
	 * (such as the HTTP cache) that record what they did on its observation.
	 * @param view the Reactor context the request runs in
	 * @return its observation context, or null when the request is not observed
	 */
	public static @Nullable DioObservationContext current(ContextView view) {
		Observation observation = parent(view);
		return (observation != null && observation.getContext() instanceof DioObservationContext context) ? context
				: null;
	}

	private static @Nullable Observation parent(ContextView view) {
		return view.getOrDefault(OBSERVATION_KEY, null);
	}

	private static RequestOptions withTraceHeaders(RequestOptions options, Headers.@Nullable Builder carrier) {
		if (carrier == null) {
			return options;
		}
		Headers headers = carrier.build();
		if (headers.isEmpty()) {
			return options;
		}
		return options.copyWith(b -> headers.forEach(b::header));
	}

}
