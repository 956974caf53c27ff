package io.github.diospring.internal;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.diospring.BaseOptions;
import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.DownloadOptions;
import io.github.diospring.Headers;
import io.github.diospring.ProgressCallback;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.ResponseType;
import io.github.diospring.adapter.ExchangeDecorator;
import io.github.diospring.SseOptions;
import io.github.diospring.adapter.HttpClientAdapter;
import io.github.diospring.adapter.RequestBody;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.Interceptors;
import io.github.diospring.interceptor.QueuedInterceptor;
import io.github.diospring.observation.DioObservationContext;
import io.github.diospring.observation.DioObservations;
import io.github.diospring.transformer.DefaultTransformer;
import io.github.diospring.transformer.Transformer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * The {@link Dio} implementation: builds {@link RequestOptions}, runs the interceptor chain around
 * the dispatch (body encoding, adapter, decoding), and converts the result to the caller's type once.
 */
public final class DefaultDio implements Dio {

	/** Must match {@code SerialQueue.LINEAGE}. */
	private static final String LINEAGE = "dio.lineage";

	private volatile BaseOptions options;

	private final Interceptors interceptors = new Interceptors();

	private final HttpClientAdapter adapter;

	private final Transformer transformer;

	private final JsonMapper jsonMapper;

	private volatile boolean closed;

	private final DioObservations observations;

	/** Whether {@link #close(boolean)} closes the adapter: not when it is shared with the client this one was cloned from. */
	private final boolean ownsAdapter;
	private final EventStreams eventStreams;

	/**
	 * @param options the client's defaults
	 * @param adapter the transport
	 * @param transformer body encoding and decoding
	 * @param jsonMapper for converting interceptor-made data into the caller's type
	 * @param interceptors the initial interceptors, in order
	 * @param observations records each request (a no-op registry records nothing)
	 */
	public DefaultDio(BaseOptions options, HttpClientAdapter adapter, Transformer transformer, JsonMapper jsonMapper,
			List<Interceptor> interceptors, DioObservations observations) {
		this(options, adapter, transformer, jsonMapper, interceptors, observations, true);
	}

	private DefaultDio(BaseOptions options, HttpClientAdapter adapter, Transformer transformer, JsonMapper jsonMapper,
			List<? extends Interceptor> interceptors, DioObservations observations, boolean ownsAdapter) {
		this.ownsAdapter = ownsAdapter;
		this.observations = Objects.requireNonNull(observations, "observations");
		this.options = Objects.requireNonNull(options, "options");
		this.adapter = Objects.requireNonNull(adapter, "adapter");
		this.transformer = Objects.requireNonNull(transformer, "transformer");
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
		this.interceptors.addAll(interceptors);
		this.eventStreams = new EventStreams(this, jsonMapper);
	}

	@Override
	public BaseOptions options() {
		return this.options;
	}

	@Override
	public void options(BaseOptions options) {
		this.options = Objects.requireNonNull(options, "options");
	}

	@Override
	public Interceptors interceptors() {
		return this.interceptors;
	}

	@Override
	public HttpClientAdapter httpClientAdapter() {
		return this.adapter;
	}

	@Override
	public Transformer transformer() {
		return this.transformer;
	}

	@Override
	public <T> Mono<Response<T>> request(@Nullable String method, String path, @Nullable Object data,
			@Nullable Type type, @Nullable Consumer<RequestOptions.Builder> customizer) {
		RequestOptions.Builder builder = RequestOptions.builder(this.options).path(path).data(data);
		if (method != null) {
			builder.method(method);
		}
		if (customizer != null) {
			customizer.accept(builder);
		}
		return fetch(builder.build(), type);
	}

	@Override
	public <T> Mono<Response<T>> requestUri(@Nullable String method, URI uri, @Nullable Object data,
			@Nullable Type type, @Nullable Consumer<RequestOptions.Builder> customizer) {
		return request(method, uri.toString(), data, type, customizer);
	}

	@Override
	public Mono<Response<ResponseBody>> download(String path, Path savePath,
			@Nullable Consumer<RequestOptions.Builder> customizer, DownloadOptions options) {
		return Downloads.start(this, path, SavePath.of(savePath), customizer, options);
	}

	@Override
	public Mono<Response<ResponseBody>> download(String path, Function<Headers, Path> savePath,
			@Nullable Consumer<RequestOptions.Builder> customizer, DownloadOptions options) {
		return Downloads.start(this, path, SavePath.of(savePath), customizer, options);
	}

	@Override
	public <T> Flux<ServerSentEvent<T>> sse(String path, Type dataType,
			@Nullable Consumer<RequestOptions.Builder> customizer, SseOptions options) {
		return this.eventStreams.sse(path, dataType, customizer, options);
	}

	@Override
	public <T> Flux<T> ndjson(String path, Type type, @Nullable Consumer<RequestOptions.Builder> customizer) {
		return this.eventStreams.ndjson(path, type, customizer);
	}

	@Override
	public <T> Mono<Response<T>> fetch(RequestOptions requestOptions, @Nullable Type type) {
		return fetch(requestOptions, type, new CallSite());
	}

	/** A fetch whose errors point at {@code callSite}: a download made now and subscribed later. */
	<T> Mono<Response<T>> fetch(RequestOptions requestOptions, @Nullable Type type, CallSite callSite) {
		RequestOptions prepared = RequestBodies.implyContentType(
				withImpliedResponseType(requestOptions, type, this.interceptors.size() > 0),
				this.interceptors.impliesContentType());
		return this.observations.<T>observe(prepared, (observed, context) -> Mono.<Response<T>>create(outer -> {
			RequestScope scope = new RequestScope(observed, outer, context, callSite);
			Mono<Response<T>> result = start(observed, type, scope);
			// no completion callback: the Mono's subscriber calls it right after the value, and a MonoSink
			// whose subscriber has not asked for the value yet would complete empty and drop it
			Disposable running = result.switchIfEmpty(Mono.error(() -> noOutcome(observed)))
				.contextWrite(outer.contextView())
				.subscribe(outer::success, outer::error);
			scope.running(running);
			outer.onDispose(running);
		})).onErrorMap(DioException.class, e -> e.attachCallSite(callSite.userFrames()));
	}

	/**
	 * A request must end with a response or an error; a custom adapter or exchange decorator whose
	 * Mono completes empty would otherwise lose the request without a trace.
	 */
	private static DioException noOutcome(RequestOptions options) {
		return DioException.from(options, new IllegalStateException("the request ended without a response or an "
				+ "error: an adapter or exchange decorator completed empty; it must emit a response or fail"));
	}

	private <T> Mono<Response<T>> start(RequestOptions options, @Nullable Type type, RequestScope scope) {
		if (this.closed) {
			return Mono.error(DioException.closed(options));
		}
		CancelToken token = options.cancelToken();
		if (token != null && token.isCancelled()) {
			return Mono.error(DioException.requestCancelled(options, token.reason()));
		}
		List<Interceptor> chain = this.interceptors.toList();
		RequestOptions traced = withLineage(options, chain);
		return InterceptorChain.run(traced, this.interceptors, chain, scope, o -> dispatch(o, type, scope))
			.map(response -> convert(response, type, scope));
	}

	/**
	 * The network step: encode the body, exchange, decode, apply validateStatus; all within
	 * {@code callTimeout} when one is set (a STREAM body must be read within it too).
	 */
	private Mono<Response<Object>> dispatch(RequestOptions requestOptions, @Nullable Type type, RequestScope scope) {
		RequestOptions options = RequestBodies.implyContentType(requestOptions, this.interceptors.impliesContentType());
		if (isLoadBalanced(options.baseUrl()) || isLoadBalanced(options.path())) {
			return Mono.error(new DioException(DioExceptionType.UNKNOWN, options, null, options.method() + " lb://"
					+ options.uri().getHost() + " cannot be sent: lb:// URLs need an interceptor that resolves them "
					+ "(Spring Cloud LoadBalancer on the class path, with the dio auto-configuration)", null));
		}
		RequestBody body = countSent(RequestBodies.create(options, this.transformer), scope.observation);
		CallDeadline deadline = CallDeadline.start(options);
		Mono<ResponseBody> fetched = (options.extra().get(ExchangeDecorator.EXTRA_KEY) instanceof ExchangeDecorator decorator)
				? decorator.decorate(options, sent -> this.adapter.fetch(sent, body))
				: this.adapter.fetch(options, body);
		Mono<Response<Object>> exchange = fetched.flatMap(raw -> {
			long[] received = { -1 };
			ResponseBody responseBody = counted(deadline.bound(watch(raw, options, scope.observation)), options, received);
			boolean valid = options.validateStatus().validate(responseBody.statusCode());
			Mono<Object> data;
			if (valid || options.receiveDataWhenStatusError()) {
				RequestOptions decoding = valid ? options : Downloads.errorBodyOptions(options, responseBody);
				data = this.transformer.transformResponse(decoding, InMemoryLimit.apply(responseBody, decoding),
						valid ? type : null);
			}
			else {
				responseBody.close();
				data = Mono.empty();
			}
			return data.map(DataHolder::new).defaultIfEmpty(DataHolder.EMPTY).map(holder -> {
				scope.decodedData = valid ? holder.data : null;
				Response<Object> response = new Response<>(holder.data, options, responseBody.statusCode(),
						responseBody.statusMessage(), responseBody.headers(), responseBody.isRedirect(),
						responseBody.redirects(), responseBody.realUri(), withReceived(responseBody.extra(), received[0]));
				if (!valid) {
					throw DioException.badResponse(response);
				}
				return response;
			});
		});
		return deadline.bound(exchange);
	}

	/**
	 * Counts the body bytes as they arrive (a chunked body has no Content-Length), so interceptors
	 * can tell how large the decoded body really was ({@link Response#RECEIVED_BYTES}).
	 */
	private static ResponseBody counted(ResponseBody body, RequestOptions options, long[] received) {
		if (options.responseType() == ResponseType.STREAM) {
			return body;
		}
		received[0] = 0;
		return body.mapStream(stream -> stream.doOnNext(buffer -> received[0] += buffer.readableByteCount()));
	}

	private static Map<String, @Nullable Object> withReceived(Map<String, @Nullable Object> extra, long received) {
		if (received < 0) {
			return extra;
		}
		Map<String, @Nullable Object> copy = new java.util.LinkedHashMap<>(extra);
		copy.put(Response.RECEIVED_BYTES, received);
		return copy;
	}

	/** A cheap prefix test on the hot path, instead of building the URI. */
	private static boolean isLoadBalanced(String url) {
		return url.regionMatches(true, 0, "lb://", 0, 5);
	}

	/** Receive progress and cancellation reach into the body stream, also for STREAM responses. */
	private static ResponseBody watch(ResponseBody body, RequestOptions options, @Nullable DioObservationContext observed) {
		ProgressCallback progress = options.onReceiveProgress();
		CancelToken token = options.cancelToken();
		if (progress == null && token == null && observed == null) {
			return body;
		}
		long total = body.contentLength();
		return body.mapStream(stream -> {
			Flux<DataBuffer> watched = (observed != null)
					? stream.doOnNext(buffer -> observed.bytesReceived().addAndGet(buffer.readableByteCount())) : stream;
			if (progress != null) {
				Flux<DataBuffer> counted = watched;
				watched = Flux.defer(() -> {
					long[] received = { 0 };
					return counted.doOnNext(buffer -> {
						received[0] += buffer.readableByteCount();
						progress.onProgress(received[0], total);
					});
				});
			}
			if (token != null) {
				// takeUntilOther cancels the body only when the other completes (an error would leave the connection busy)
				Flux<DataBuffer> source = watched;
				watched = Flux.defer(() -> {
					AtomicBoolean cancelled = new AtomicBoolean();
					return source.takeUntilOther(token.whenCancel().doOnTerminate(() -> cancelled.set(true)))
						.concatWith(Mono.defer(() -> cancelled.get()
								? Mono.error(DioException.requestCancelled(options, token.reason())) : Mono.empty()));
				});
			}
			return watched;
		});
	}

	private static @Nullable RequestBody countSent(@Nullable RequestBody body, @Nullable DioObservationContext observed) {
		if (body == null || observed == null) {
			return body;
		}
		return body.map(content -> content.doOnNext(buffer -> observed.bytesSent().addAndGet(buffer.readableByteCount())));
	}

	/** The envelope's data, decoded into the caller's type while the transformer read the envelope. */
	private static boolean decodedInside(@Nullable Object decoded, Object data) {
		if (decoded instanceof ObjectNode envelope) {
			for (JsonNode field : envelope.values()) {
				if (field instanceof POJONode pojo && pojo.getPojo() == data) {
					return true;
				}
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	private <T> Response<T> convert(Response<Object> response, @Nullable Type type, RequestScope scope) {
		Object data = response.data();
		if (type == null || type == Object.class || data == null) {
			return (Response<T>) response;
		}
		JavaType javaType = this.jsonMapper.getTypeFactory().constructType(type);
		if (data instanceof JsonNode tree && !javaType.isTypeOrSubTypeOf(JsonNode.class)) {
			try {
				return response.withData(tree.isNull() ? null : this.jsonMapper.treeToValue(tree, javaType));
			}
			catch (RuntimeException ex) {
				throw new DioException(DioExceptionType.UNKNOWN, response.requestOptions(), response,
						"The response data cannot become " + javaType + ": " + ex.getMessage(), ex);
			}
		}
		boolean decodedForThisType = data == scope.decodedData || decodedInside(scope.decodedData, data);
		if (javaType.getRawClass().isInstance(data) && (decodedForThisType || !javaType.isContainerType())) {
			return (Response<T>) response;
		}
		if (data instanceof String text && javaType.getRawClass() != String.class) {
			throw new DioException(DioExceptionType.UNKNOWN, response.requestOptions(), response,
					"The response of " + response.requestOptions().method() + " " + response.realUri()
							+ " was decoded as text (content-type: " + response.headers().value(Headers.CONTENT_TYPE)
							+ ") and cannot become " + javaType + ". If the server sends JSON under another content type, "
							+ "set forceJsonDecode(true); the text is in e.response().data(). Text starts: "
							+ abbreviate(text), null);
		}
		try {
			return response.withData(this.jsonMapper.convertValue(data, javaType));
		}
		catch (RuntimeException ex) {
			throw new DioException(DioExceptionType.UNKNOWN, response.requestOptions(), response,
					"The response data (" + data.getClass().getName() + ") cannot become " + javaType + ": "
							+ ex.getMessage(), ex);
		}
	}

	/**
	 * Stamps a request with an identity its copies keep, so that a retry sent from inside a
	 * {@link QueuedInterceptor} callback does not queue behind that callback. Only when one is present.
	 */
	private static RequestOptions withLineage(RequestOptions options, List<Interceptor> chain) {
		if (options.extra().containsKey(LINEAGE) || chain.stream().noneMatch(QueuedInterceptor.class::isInstance)) {
			return options;
		}
		return options.copyWith(b -> b.extra(LINEAGE, new Object()));
	}

	/**
	 * dio's rule: the result type decides the response type. The type also travels in {@code extra}
	 * for interceptors (the envelope check), only when there are interceptors to read it.
	 */
	private static RequestOptions withImpliedResponseType(RequestOptions options, @Nullable Type type,
			boolean forInterceptors) {
		if (type == null || type == Object.class) {
			return options;
		}
		ResponseType implied;
		if (type == byte[].class) {
			implied = ResponseType.BYTES;
		}
		else if (type == ResponseBody.class) {
			implied = ResponseType.STREAM;
		}
		else if (options.responseType() == ResponseType.BYTES || options.responseType() == ResponseType.STREAM) {
			implied = options.responseType();
		}
		else {
			implied = (type == String.class) ? ResponseType.PLAIN : ResponseType.JSON;
		}
		if (!forInterceptors) {
			return (implied == options.responseType()) ? options : options.copyWith(b -> b.responseType(implied));
		}
		if (implied == options.responseType() && type.equals(options.extra().get(RequestOptions.RESULT_TYPE))) {
			return options;
		}
		return options.copyWith(b -> b.responseType(implied).extra(RequestOptions.RESULT_TYPE, type));
	}

	private static String abbreviate(String text) {
		return (text.length() <= 120) ? text : text.substring(0, 120) + "…";
	}

	@Override
	public Dio clone() {
		return clone(null);
	}

	@Override
	public Dio clone(@Nullable Consumer<CloneSpec> replacements) {
		CloneSpec spec = new CloneSpec();
		if (replacements != null) {
			replacements.accept(spec);
		}
		HttpClientAdapter adapter = (spec.httpClientAdapter() != null) ? spec.httpClientAdapter() : this.adapter;
		Transformer transformer = (spec.transformer() != null) ? spec.transformer() : this.transformer;
		JsonMapper mapper = (spec.transformer() instanceof DefaultTransformer given) ? given.jsonMapper() : this.jsonMapper;
		DefaultDio copy = new DefaultDio((spec.options() != null) ? spec.options() : this.options, adapter, transformer,
				mapper, (spec.interceptors() != null) ? spec.interceptors() : this.interceptors.toList(), this.observations,
				spec.httpClientAdapter() != null);
		copy.interceptors.implyContentType(this.interceptors.impliesContentType());
		return copy;
	}

	@Override
	public void close(boolean force) {
		this.closed = true;
		if (this.ownsAdapter) {
			this.adapter.close(force);
		}
	}

	/** Lets a null body travel through {@code Mono}, which cannot carry null. */
	private record DataHolder(@Nullable Object data) {

		static final DataHolder EMPTY = new DataHolder(null);

	}

}
