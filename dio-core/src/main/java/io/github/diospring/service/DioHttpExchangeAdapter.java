package io.github.diospring.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.Headers;
import io.github.diospring.Options;
import io.github.diospring.ProgressCallback;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.SseOptions;
import io.github.diospring.form.FormData;
import io.github.diospring.form.MultipartFile;
import io.github.diospring.transformer.DefaultTransformer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.MultiValueMap;
import org.springframework.web.service.invoker.AbstractReactorHttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.invoker.ReactiveHttpRequestValues;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs Spring's {@code @HttpExchange} interfaces on a {@link Dio}: each call is one dio request
 * through the client's whole pipeline, so interceptors (queued ones and token refresh included),
 * the envelope with typed unwrapping of {@code data}, cookies, redirects, timeouts and observation
 * apply, and failures are {@link io.github.diospring.DioException}s (a
 * {@link io.github.diospring.envelope.BizException} for {@code success:false}), never
 * {@code WebClientResponseException}s.
 *
 * <ul>
 * <li>The path is the interface's URI template ({@code /users/{id}}), relative to the client's base
 * URL: metrics are tagged with it. {@code @RequestParam}s become query parameters (or a form body
 * with {@code application/x-www-form-urlencoded}), {@code @RequestHeader}s headers,
 * {@code @CookieValue}s the {@code Cookie} header (merged with the cookie jar's), {@code @RequestPart}s
 * a multipart {@link FormData} (Strings as fields; dio {@link MultipartFile}s, {@link Resource}s and
 * {@code byte[]} as files; other values as JSON parts), {@code @RequestAttribute}s the request's
 * {@code extra} (so {@code @RequestAttribute("skipErrorHandler")} works as in dio).</li>
 * <li>Return types: {@code T}, {@code ResponseEntity<T>}, {@code HttpHeaders}, {@code void} and
 * their {@code Mono} forms; {@code Flux<T>} reads a JSON array, or an event stream when the method
 * accepts {@code text/event-stream} (data decoded into {@code T}) or NDJSON
 * ({@code application/x-ndjson}); {@code Flux<ServerSentEvent<T>>} always reads server-sent events,
 * with {@link SseOptions} from an argument.</li>
 * <li>Blocking methods wait without a limit of their own: dio's connect and receive timeouts bound them.</li>
 * </ul>
 *
 * <pre>{@code
 * UserApi users = HttpServiceProxyFactory.builderFor(new DioHttpExchangeAdapter(dio))
 *         .customArgumentResolver(new DioArgumentResolver())
 *         .build()
 *         .createClient(UserApi.class);
 * }</pre>
 */
public final class DioHttpExchangeAdapter extends AbstractReactorHttpExchangeAdapter {

	private static final Pattern QUERY_PARAM = Pattern.compile("\\{(queryParam[^}\\[]*)}=\\{(queryParam[^}]*\\[\\d+])}");

	private final Dio dio;

	private final JsonMapper jsonMapper;

	/**
	 * @param dio the client every call goes through
	 */
	public DioHttpExchangeAdapter(Dio dio) {
		this.dio = dio;
		this.jsonMapper = (dio.transformer() instanceof DefaultTransformer t) ? t.jsonMapper() : JsonMapper.builder().build();
	}

	/** @return the client */
	public Dio dio() {
		return this.dio;
	}

	@Override
	public boolean supportsRequestAttributes() {
		return true;
	}

	@Override
	public Mono<Void> exchangeForMono(HttpRequestValues values) {
		return call(values, null).then();
	}

	@Override
	public Mono<HttpHeaders> exchangeForHeadersMono(HttpRequestValues values) {
		return call(values, null).map(response -> toHttpHeaders(response.headers()));
	}

	@Override
	public <T> Mono<T> exchangeForBodyMono(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		return this.<T>call(values, bodyType.getType()).mapNotNull(Response::data);
	}

	@Override
	public <T> Flux<T> exchangeForBodyFlux(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		Type element = bodyType.getType();
		Call call = describe(values);
		SseOptions sse = (values.getAttributes().get(DioArgumentResolver.SSE_OPTIONS) instanceof SseOptions o) ? o
				: SseOptions.defaults();
		if (ResolvableType.forType(element).toClass() == ServerSentEvent.class) {
			Type data = (element instanceof ParameterizedType p) ? p.getActualTypeArguments()[0] : String.class;
			return withBody(call, customizer -> this.dio.sse(call.path, data, customizer, sse)).map(e -> cast(e));
		}
		String accept = String.valueOf(values.getHeaders().getAccept()).toLowerCase(Locale.ROOT);
		if (accept.contains("text/event-stream")) {
			return withBody(call, customizer -> this.dio.<T>sse(call.path, element, customizer, sse))
				.mapNotNull(ServerSentEvent::data);
		}
		if (accept.contains("ndjson") || accept.contains("jsonl") || accept.contains("json-seq")
				|| accept.contains("stream+json")) {
			return withBody(call, customizer -> this.dio.<T>ndjson(call.path, element, customizer));
		}
		Type list = ResolvableType.forClassWithGenerics(List.class, ResolvableType.forType(element)).getType();
		return this.<List<T>>call(values, list).flatMapIterable(response -> (response.data() != null) ? response.data() : List.of());
	}

	@Override
	public Mono<ResponseEntity<Void>> exchangeForBodilessEntityMono(HttpRequestValues values) {
		return call(values, null).map(response -> new ResponseEntity<>(toHttpHeaders(response.headers()),
				HttpStatusCode.valueOf(response.statusCode())));
	}

	@Override
	public <T> Mono<ResponseEntity<T>> exchangeForEntityMono(HttpRequestValues values,
			ParameterizedTypeReference<T> bodyType) {
		return this.<T>call(values, bodyType.getType()).map(response -> new ResponseEntity<>(response.data(),
				toHttpHeaders(response.headers()), HttpStatusCode.valueOf(response.statusCode())));
	}

	/** A JSON array read whole; event streams are {@code Flux<T>} or {@code Flux<ServerSentEvent<T>>}. */
	@Override
	public <T> Mono<ResponseEntity<Flux<T>>> exchangeForEntityFlux(HttpRequestValues values,
			ParameterizedTypeReference<T> bodyType) {
		String accept = String.valueOf(values.getHeaders().getAccept()).toLowerCase(Locale.ROOT);
		if (accept.contains("event-stream") || accept.contains("ndjson")) {
			return Mono.error(new UnsupportedOperationException("Mono<ResponseEntity<Flux<T>>> is not supported for "
					+ "event streams on a dio client; declare Flux<T> or Flux<ServerSentEvent<T>> (the response headers "
					+ "are visible to response interceptors)"));
		}
		Type list = ResolvableType.forClassWithGenerics(List.class, ResolvableType.forType(bodyType.getType())).getType();
		return this.<List<T>>call(values, list).map(response -> new ResponseEntity<>(
				Flux.fromIterable((response.data() != null) ? response.data() : List.<T>of()),
				toHttpHeaders(response.headers()), HttpStatusCode.valueOf(response.statusCode())));
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

	private <T> Mono<Response<T>> call(HttpRequestValues values, @Nullable Type type) {
		Call call = describe(values);
		return Mono.from(withBody(call, customizer -> this.dio.<T>request(call.method, call.path, null, type, customizer)));
	}

	/** Runs the request once a reactive body ({@code Mono<T>} argument) has its value. */
	private <R> Flux<R> withBody(Call call, java.util.function.Function<Consumer<RequestOptions.Builder>, Publisher<R>> send) {
		if (call.bodyPublisher == null) {
			return Flux.from(send.apply(call.customizer(call.body)));
		}
		return Mono.from(call.bodyPublisher).flatMapMany(value -> send.apply(call.customizer(value)));
	}

	private Call describe(HttpRequestValues values) {
		if (values.getApiVersion() != null) {
			throw new UnsupportedOperationException("API versions (@HttpExchange(version = ...)) are not supported "
					+ "on a dio client; send the version as a header with @RequestHeader or a client default header");
		}
		String path;
		Map<String, Object> query = new LinkedHashMap<>();
		Map<String, Object> pathVariables = new LinkedHashMap<>();
		if (values.getUri() != null) {
			path = values.getUri().toString();
		}
		else {
			path = splitQuery(values.getUriTemplate(), values.getUriVariables(), query, pathVariables);
		}
		HttpHeaders headers = values.getHeaders();
		Object body = values.getBodyValue();
		Publisher<?> bodyPublisher = null;
		if (values instanceof ReactiveHttpRequestValues reactive && reactive.getBodyPublisher() != null) {
			bodyPublisher = reactiveBody(reactive);
		}
		if (body instanceof MultiValueMap<?, ?> map) {
			body = MediaType.APPLICATION_FORM_URLENCODED.equals(headers.getContentType()) ? formFields(map) : formData(map);
		}
		return new Call(values.getHttpMethod().name(), path, query, pathVariables, headers, values.getCookies(),
				values.getAttributes(), body, bodyPublisher);
	}

	/** Spring appends request parameters to the template as {@code ?{queryParam-name}={queryParam-name[0]}}; dio takes them as parameters. */
	private static String splitQuery(String template, Map<String, String> variables, Map<String, Object> query,
			Map<String, Object> pathVariables) {
		int mark = template.indexOf('?');
		String path = (mark < 0) ? template : template.substring(0, mark);
		List<String> literal = new ArrayList<>();
		if (mark >= 0) {
			for (String pair : template.substring(mark + 1).split("&")) {
				Matcher param = QUERY_PARAM.matcher(pair);
				if (param.matches()) {
					addValue(query, variables.get(param.group(1)), variables.get(param.group(2)));
				}
				else if (!pair.isEmpty()) {
					literal.add(pair);
				}
			}
		}
		variables.forEach((name, value) -> {
			if (!name.startsWith("queryParam")) {
				pathVariables.put(name, value);
			}
		});
		return literal.isEmpty() ? path : path + "?" + String.join("&", literal);
	}

	@SuppressWarnings("unchecked")
	private static void addValue(Map<String, Object> map, String name, @Nullable Object value) {
		Object current = map.get(name);
		if (current == null && !map.containsKey(name)) {
			map.put(name, value);
		}
		else if (current instanceof List<?> list) {
			((List<Object>) list).add(value);
		}
		else {
			List<Object> values = new ArrayList<>();
			values.add(current);
			values.add(value);
			map.put(name, values);
		}
	}

	private static Map<String, Object> formFields(MultiValueMap<?, ?> map) {
		Map<String, Object> fields = new LinkedHashMap<>();
		map.forEach((name, values) -> values.forEach(value -> addValue(fields, String.valueOf(name), value)));
		return fields;
	}

	private FormData formData(MultiValueMap<?, ?> parts) {
		FormData form = new FormData();
		parts.forEach((key, values) -> {
			String name = String.valueOf(key);
			for (Object value : values) {
				Object part = (value instanceof HttpEntity<?> entity) ? entity.getBody() : value;
				HttpHeaders partHeaders = (value instanceof HttpEntity<?> entity) ? entity.getHeaders() : HttpHeaders.EMPTY;
				addPart(form, name, part, partHeaders);
			}
		});
		return form;
	}

	private void addPart(FormData form, String name, @Nullable Object part, HttpHeaders headers) {
		String filename = (headers.getContentDisposition() != null) ? headers.getContentDisposition().getFilename() : null;
		MediaType type = headers.getContentType();
		if (part == null || part instanceof CharSequence || part instanceof Number || part instanceof Boolean) {
			form.addField(name, part);
		}
		else if (part instanceof MultipartFile file) {
			form.addFile(name, file);
		}
		else if (part instanceof byte[] bytes) {
			form.addFile(name, MultipartFile.fromBytes(bytes, (filename != null) ? filename : name));
		}
		else if (part instanceof Resource resource) {
			form.addFile(name, resourcePart(resource, filename));
		}
		else if (part instanceof Publisher<?>) {
			throw new UnsupportedOperationException("@RequestPart '" + name + "' is a Publisher; a dio multipart body "
					+ "needs its exact length: pass a dio MultipartFile (fromPublisher with a length) or a Resource");
		}
		else {
			String json = this.jsonMapper.writeValueAsString(part);
			form.addFile(name, MultipartFile.fromString(json, filename,
					(type != null) ? type.toString() : MediaType.APPLICATION_JSON_VALUE));
		}
	}

	private static MultipartFile resourcePart(Resource resource, @Nullable String filename) {
		String name = (filename != null) ? filename : resource.getFilename();
		try {
			if (resource.isFile()) {
				return MultipartFile.fromFile(resource.getFile().toPath(), name);
			}
			return MultipartFile.fromStream(() -> {
				try {
					return resource.getInputStream();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, resource.contentLength(), name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("@RequestPart resource " + resource + " cannot be read", ex);
		}
	}

	/** A {@code Mono<T>} body is awaited and sent as its value; a {@code Flux} of bytes streams; other Fluxes become a JSON array. */
	private static Publisher<?> reactiveBody(ReactiveHttpRequestValues values) {
		Publisher<?> publisher = values.getBodyPublisher();
		Class<?> element = ResolvableType.forType(values.getBodyPublisherElementType().getType()).toClass();
		if (publisher instanceof Mono<?>) {
			return publisher;
		}
		if (DataBuffer.class.isAssignableFrom(element) || element == byte[].class) {
			return Mono.just(publisher);
		}
		return Flux.from(publisher).collectList();
	}

	private static HttpHeaders toHttpHeaders(Headers headers) {
		HttpHeaders result = new HttpHeaders();
		headers.forEach(result::addAll);
		return result;
	}

	/** One interface call, described for dio. */
	private record Call(String method, String path, Map<String, Object> query, Map<String, Object> pathVariables,
			HttpHeaders headers, MultiValueMap<String, String> cookies, Map<String, Object> attributes,
			@Nullable Object body, @Nullable Publisher<?> bodyPublisher) {

		Consumer<RequestOptions.Builder> customizer(@Nullable Object data) {
			return b -> {
				b.method(this.method).data(data).queryParameters(this.query).pathVariables(this.pathVariables);
				this.headers.forEach(b::header);
				if (!this.cookies.isEmpty()) {
					StringBuilder cookie = new StringBuilder();
					List<String> given = this.headers.get(HttpHeaders.COOKIE);
					if (given != null) {
						cookie.append(String.join("; ", given));
					}
					this.cookies.forEach((name, values) -> values.forEach(value -> cookie
						.append((cookie.length() > 0) ? "; " : "").append(name).append('=').append(value)));
					b.header(HttpHeaders.COOKIE, cookie.toString());
				}
				this.attributes.forEach((key, value) -> apply(b, key, value));
			};
		}

		private static void apply(RequestOptions.Builder b, String key, Object value) {
			switch (key) {
				case DioArgumentResolver.CANCEL_TOKEN -> b.cancelToken((CancelToken) value);
				case DioArgumentResolver.OPTIONS -> b.options((Options) value);
				case DioArgumentResolver.SEND_PROGRESS -> b.onSendProgress((ProgressCallback) value);
				case DioArgumentResolver.RECEIVE_PROGRESS -> b.onReceiveProgress((ProgressCallback) value);
				case DioArgumentResolver.SSE_OPTIONS -> {
					// read by the event stream itself
				}
				default -> b.extra(key, value);
			}
		}

	}

}
