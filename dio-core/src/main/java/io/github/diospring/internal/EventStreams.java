package io.github.diospring.internal;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.ResponseType;
import io.github.diospring.SseOptions;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.observation.DioObservations;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-sent events and NDJSON over dio's pipeline. Each connection is one ordinary dio request
 * with a STREAM response (so request interceptors, response interceptors on the headers, error
 * interceptors, cookies and the envelope on error statuses all apply) and one observation that
 * lasts until the body ends and counts the events. The body is parsed as it arrives, one line at
 * a time, with bounded memory. A server-sent event stream reconnects as {@code EventSource} does,
 * sending {@code Last-Event-ID}, after the server's {@code retry} delay; each reconnection is a
 * resubscription of the same pipeline (repeat), so a long-lived stream does not nest operators.
 */
public final class EventStreams {

	private static final String EVENT_STREAM = "text/event-stream";

	/** The longest NDJSON line accepted. */
	private static final int MAX_NDJSON_LINE = 1024 * 1024;

	private final Dio dio;

	private final JsonMapper jsonMapper;

	/**
	 * @param dio the client whose pipeline carries every connection
	 * @param jsonMapper decodes event data and lines
	 */
	public EventStreams(Dio dio, JsonMapper jsonMapper) {
		this.dio = dio;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * @param <T> the data type
	 * @param path the path or URL
	 * @param dataType what each event's data becomes; String (or null) keeps the text
	 * @param customizer per-call settings, or null
	 * @param settings the stream settings
	 * @return the events, when subscribed
	 */
	public <T> Flux<ServerSentEvent<T>> sse(String path, @Nullable Type dataType,
			@Nullable Consumer<RequestOptions.Builder> customizer, SseOptions settings) {
		RequestOptions request = streamRequest(path, customizer, EVENT_STREAM);
		boolean reconnect = settings.reconnects(request.method());
		return Flux.defer(() -> {
			Session session = new Session(settings, reconnect);
			return Flux.defer(() -> this.<T>connectOnce(request, dataType, session))
				.onErrorResume(error -> reconnect && retryable(error), error -> {
					session.failure = error;
					return Mono.empty();
				})
				.repeatWhen(ends -> ends.takeWhile(end -> !session.finished)
					.concatMap(end -> session.nextAttempt(request)));
		});
	}

	/**
	 * @param <T> the element type
	 * @param path the path or URL
	 * @param type what each line becomes
	 * @param customizer per-call settings, or null
	 * @return the decoded lines, when subscribed
	 */
	public <T> Flux<T> ndjson(String path, Type type, @Nullable Consumer<RequestOptions.Builder> customizer) {
		RequestOptions request = streamRequest(path, customizer, "application/x-ndjson");
		JavaType javaType = this.jsonMapper.getTypeFactory().constructType(type);
		return Flux.defer(() -> {
			AtomicLong events = new AtomicLong();
			return open(request.copyWith(b -> b.extra(DioObservations.STREAM_EVENTS, events))).flatMapMany(response -> {
				ResponseBody body = response.data();
				if (body == null || response.statusCode() == 204) {
					close(body);
					return Flux.empty();
				}
				LineSplitter lines = new LineSplitter(MAX_NDJSON_LINE, max -> tooLarge(request, "An NDJSON line", max));
				return body.stream()
					.concatMapIterable(lines::feed)
					.concatWith(Mono.fromSupplier(lines::rest))
					.filter(line -> !line.isBlank())
					.map(line -> {
						events.incrementAndGet();
						return this.<T>decode(request, line, javaType);
					});
			});
		});
	}

	private RequestOptions streamRequest(String path, @Nullable Consumer<RequestOptions.Builder> customizer,
			String accept) {
		RequestOptions.Builder builder = RequestOptions.builder(this.dio.options()).path(path);
		if (customizer != null) {
			customizer.accept(builder);
		}
		RequestOptions options = builder.responseType(ResponseType.STREAM).build();
		return options.headers().contains("accept") ? options : options.withHeader("Accept", accept);
	}

	private <T> Flux<ServerSentEvent<T>> connectOnce(RequestOptions request, @Nullable Type dataType, Session session) {
		AtomicLong events = new AtomicLong();
		String lastEventId = session.parser.lastEventId();
		RequestOptions attempt = request.copyWith(b -> {
			b.extra(DioObservations.STREAM_EVENTS, events);
			if (!lastEventId.isEmpty()) {
				b.header("Last-Event-ID", lastEventId);
			}
		});
		JavaType javaType = (dataType != null) ? this.jsonMapper.getTypeFactory().constructType(dataType) : null;
		return open(attempt).flatMapMany(response -> {
			ResponseBody body = response.data();
			if (body == null || response.statusCode() == 204) {
				// the spec's way for a server to say "do not reconnect"
				close(body);
				session.finished = true;
				return Flux.empty();
			}
			String contentType = response.headers().value(Headers.CONTENT_TYPE);
			if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM)) {
				close(body);
				session.finished = true;
				return Flux.error(new DioException(DioExceptionType.BAD_RESPONSE, attempt, response.withData(null),
						attempt.method() + " " + response.realUri() + " answered " + contentType
								+ " where an event stream (text/event-stream) was expected; check the URL.",
						null));
			}
			session.parser.newConnection();
			LineSplitter lines = new LineSplitter(session.settings.maxEventSize(),
					max -> tooLarge(attempt, "A server-sent event line", max));
			return body.stream().concatMapIterable(lines::feed).<ServerSentEvent<T>>handle((line, sink) -> {
				SseParser.Event event = session.parser.line(line);
				if (event == null) {
					return;
				}
				if (event.data().equals(session.settings.endMarker())) {
					session.finished = true;
					sink.complete();
					return;
				}
				session.attempts = 0;
				events.incrementAndGet();
				sink.next(toServerSentEvent(attempt, event, javaType));
			}).doOnComplete(() -> {
				if (!session.reconnect) {
					session.finished = true;
				}
			});
		});
	}

	private Mono<Response<ResponseBody>> open(RequestOptions options) {
		return this.dio.fetch(options, ResponseBody.class);
	}

	@SuppressWarnings("unchecked")
	private <T> ServerSentEvent<T> toServerSentEvent(RequestOptions request, SseParser.Event event,
			@Nullable JavaType type) {
		ServerSentEvent.Builder<T> builder = ServerSentEvent.builder((T) decodeData(request, event.data(), type));
		if (event.id() != null) {
			builder.id(event.id());
		}
		if (event.type() != null) {
			builder.event(event.type());
		}
		if (event.retry() != null) {
			builder.retry(event.retry());
		}
		if (event.comment() != null) {
			builder.comment(event.comment());
		}
		return builder.build();
	}

	private @Nullable Object decodeData(RequestOptions request, String data, @Nullable JavaType type) {
		if (type == null || type.getRawClass() == String.class || type.getRawClass() == Object.class) {
			return data;
		}
		return decode(request, data, type);
	}

	@SuppressWarnings("unchecked")
	private <T> T decode(RequestOptions request, String text, JavaType type) {
		if (type.getRawClass() == String.class) {
			return (T) text;
		}
		try {
			return (T) this.jsonMapper.readValue(text, type);
		}
		catch (RuntimeException ex) {
			String start = (text.length() <= 120) ? text : text.substring(0, 120) + "…";
			throw new DioException(DioExceptionType.UNKNOWN, request, null, request.method() + " " + request.path()
					+ ": a streamed item cannot become " + type + " (" + ex.getMessage() + "). It starts: " + start,
					ex);
		}
	}

	private static DioException tooLarge(RequestOptions request, String what, int max) {
		return new DioException(DioExceptionType.BAD_RESPONSE, request, null, request.method() + " " + request.path()
				+ ": " + what + " is larger than " + max + " bytes; the stream was closed to keep memory bounded. "
				+ "Raise maxEventSize if the server's events are that large.", null);
	}

	private static void close(@Nullable ResponseBody body) {
		if (body != null) {
			body.close();
		}
	}

	/** Transport failures and idle timeouts are resumed; answers the server meant (statuses, bad data) are not. */
	private static boolean retryable(Throwable error) {
		if (!(error instanceof DioException dio)) {
			return false;
		}
		return dio.type() == DioExceptionType.CONNECTION_ERROR || dio.type() == DioExceptionType.CONNECTION_TIMEOUT
				|| dio.type() == DioExceptionType.RECEIVE_TIMEOUT || dio.type() == DioExceptionType.SEND_TIMEOUT;
	}

	/** The state of one subscription to a server-sent event stream, across its connections. */
	private static final class Session {

		final SseOptions settings;

		final boolean reconnect;

		final SseParser parser;

		volatile boolean finished;

		volatile int attempts;

		volatile @Nullable Throwable failure;

		Session(SseOptions settings, boolean reconnect) {
			this.settings = settings;
			this.reconnect = reconnect;
			this.parser = new SseParser(settings.maxEventSize(),
					max -> new DioException(DioExceptionType.BAD_RESPONSE, null, null, "A server-sent event is larger than "
							+ max + " bytes; the stream was closed to keep memory bounded. Raise maxEventSize if the "
							+ "server's events are that large.", null));
		}

		/** Waits the reconnection delay, or fails when the attempts are used up or the token is cancelled. */
		Mono<Long> nextAttempt(RequestOptions request) {
			Throwable last = this.failure;
			this.failure = null;
			if (++this.attempts > this.settings.maxReconnects()) {
				return Mono.error((last != null) ? last
						: new DioException(DioExceptionType.CONNECTION_ERROR, request, null, request.method() + " "
								+ request.path() + ": the event stream ended " + this.attempts + " times in a row "
								+ "without an event; gave up (maxReconnects " + this.settings.maxReconnects() + ").",
								null));
			}
			Duration delay = (this.parser.retry() != null) ? this.parser.retry() : this.settings.retryDelay();
			if (delay.compareTo(this.settings.maxRetryDelay()) > 0) {
				delay = this.settings.maxRetryDelay();
			}
			Mono<Long> wait = Mono.delay(delay);
			CancelToken token = request.cancelToken();
			if (token == null) {
				return wait;
			}
			return Mono.firstWithSignal(wait,
					token.whenCancel().then(Mono.error(() -> DioException.requestCancelled(request, token.reason()))));
		}

	}

}
