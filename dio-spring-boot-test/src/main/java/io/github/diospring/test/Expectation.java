package io.github.diospring.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.diospring.DioExceptionType;
import io.github.diospring.Headers;
import io.github.diospring.interceptor.LogInterceptor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One expected request of a {@link MockDioAdapter} and its answer. Narrow the match with the
 * {@code with...} methods, say how often it may come ({@link #times}, {@link #anyTimes}), and finish
 * with {@link #respond} (or the {@code reply...} shortcuts). Every criterion must hold.
 *
 * <p>The path is matched, without the query, against the URL's path relative to the client's
 * base URL and against the full path ({@code {name}} stands for one segment), or against the
 * whole URL when it starts with {@code http}. A request made with a template
 * ({@code dio.get("/users/{id}", ...)}) also matches that template as written.
 *
 * <pre>{@code
 * mock.onPost("/users")
 *         .withHeader("X-App", "demo")
 *         .withJsonBody(Map.of("name", "Ann"))
 *         .reply(201, Map.of("id", 7));
 * mock.onGet("/users/{id}").withQuery("verbose", "true").times(2).reply(200, Map.of("id", 1));
 * mock.onPost("/files").withPart("file", "upload.txt", "hello").replyText(200, "stored");
 * }</pre>
 */
public final class Expectation {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockDioAdapter adapter;

	private final String method;

	private final String path;

	private final List<Criterion> criteria = new ArrayList<>();

	private int min = 1;

	private int max = 1;

	private int matched;

	private volatile @Nullable MockResponse response;

	Expectation(MockDioAdapter adapter, String method, String path) {
		this.adapter = adapter;
		this.method = method.toUpperCase(Locale.ROOT);
		this.path = Objects.requireNonNull(path, "path");
		Pattern pattern = template(path);
		this.criteria.add(new Criterion("method " + this.method,
				r -> r.method().equals(this.method) ? null : "method: expected " + this.method + " but was " + r.method()));
		this.criteria.add(new Criterion("path " + path, r -> pathMatches(pattern, r) ? null
				: "path: expected " + path + " but was " + r.uri().getRawPath()));
	}

	/**
	 * @param name query parameter
	 * @param values its values, in order (compared as text)
	 * @return this
	 */
	public Expectation withQuery(String name, Object... values) {
		List<String> expected = Arrays.stream(values).map(String::valueOf).toList();
		return check("query " + name + "=" + expected, r -> {
			List<String> actual = RequestBodies.urlEncoded(r.uri().getRawQuery()).getOrDefault(name, List.of());
			return actual.equals(expected) ? null : "query '" + name + "': expected " + expected + " but was " + actual;
		});
	}

	/**
	 * @param name header (any case)
	 * @param value a value the header must carry
	 * @return this
	 */
	public Expectation withHeader(String name, String value) {
		return check("header " + name, r -> {
			List<String> actual = r.headers().get(name);
			if (actual != null && actual.contains(value)) {
				return null;
			}
			return "header '" + name + "': expected " + shown(name, List.of(value)) + " but was "
					+ ((actual != null) ? shown(name, actual) : "absent");
		});
	}

	/**
	 * @param name header (any case)
	 * @param condition what its first value must satisfy
	 * @return this
	 */
	public Expectation withHeader(String name, Predicate<String> condition) {
		return check("header " + name + " matching", r -> {
			String actual = r.headers().value(name);
			return (actual != null && condition.test(actual)) ? null
					: "header '" + name + "': " + ((actual != null) ? shown(name, List.of(actual)) + " does not match" : "absent");
		});
	}

	/**
	 * @param name a header that must be absent (a secret that must not leak, for example)
	 * @return this
	 */
	public Expectation withoutHeader(String name) {
		return check("no header " + name, r -> r.headers().contains(name) ? "header '" + name + "': expected absent but was sent" : null);
	}

	/**
	 * @param text the exact body, UTF-8
	 * @return this
	 */
	public Expectation withBody(String text) {
		return check("body", r -> r.bodyAsString().equals(text) ? null
				: "body: expected " + abbreviate(text) + " but was " + abbreviate(r.bodyAsString()));
	}

	/**
	 * JSON equality: same fields and values in any field order, numbers compared by value.
	 * @param expected a Map, List, record, or a JSON string
	 * @return this
	 */
	public Expectation withJsonBody(Object expected) {
		JsonNode tree = (expected instanceof String text) ? JSON.readTree(text) : JSON.valueToTree(expected);
		return check("json body " + abbreviate(tree.toString()), r -> {
			JsonNode actual;
			try {
				actual = JSON.readTree(r.body());
			}
			catch (JacksonException ex) {
				return "json body: expected " + abbreviate(tree.toString()) + " but the body is not JSON: " + abbreviate(r.bodyAsString());
			}
			return JsonEquality.equal(tree, actual) ? null
					: "json body: expected " + abbreviate(tree.toString()) + " but was " + abbreviate(String.valueOf(actual));
		});
	}

	/**
	 * An {@code x-www-form-urlencoded} body with exactly these fields (values compared as text; a
	 * List value is a repeated field).
	 * @param fields the fields
	 * @return this
	 */
	public Expectation withFormBody(Map<String, ?> fields) {
		Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
		fields.forEach((name, value) -> expected.put(name, (value instanceof List<?> list)
				? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value))));
		return check("form " + expected, r -> {
			Map<String, List<String>> actual = RequestBodies.urlEncoded(r.bodyAsString());
			return actual.equals(expected) ? null : "form body: expected " + expected + " but was " + actual;
		});
	}

	/**
	 * A multipart field with this text value.
	 * @param name the field name
	 * @param value its value
	 * @return this
	 */
	public Expectation withPart(String name, String value) {
		return withPart(name, null, value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A multipart file.
	 * @param name the field name
	 * @param filename the file name sent
	 * @param content the file's text, UTF-8
	 * @return this
	 */
	public Expectation withPart(String name, @Nullable String filename, String content) {
		return withPart(name, filename, content.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A multipart part.
	 * @param name the field name
	 * @param filename the file name sent, or null for a plain field
	 * @param content its bytes
	 * @return this
	 */
	public Expectation withPart(String name, @Nullable String filename, byte[] content) {
		byte[] expected = content.clone();
		return check("part " + name, r -> {
			List<RequestBodies.Part> parts = RequestBodies.multipart(r.body(), r.headers().value(Headers.CONTENT_TYPE));
			List<RequestBodies.Part> named = parts.stream().filter(p -> p.name().equals(name)).toList();
			if (named.isEmpty()) {
				return "part '" + name + "': absent; parts were " + parts.stream().map(RequestBodies.Part::name).toList();
			}
			for (RequestBodies.Part part : named) {
				if (Objects.equals(part.filename(), filename) && Arrays.equals(part.content(), expected)) {
					return null;
				}
			}
			RequestBodies.Part first = named.get(0);
			return "part '" + name + "': expected " + describe(filename, expected.length) + " but was "
					+ describe(first.filename(), first.content().length) + " " + abbreviate(first.contentAsString());
		});
	}

	/**
	 * @param description shown when it fails
	 * @param condition any check of the request
	 * @return this
	 */
	public Expectation with(String description, Predicate<RecordedRequest> condition) {
		return check(description, r -> condition.test(r) ? null : description + ": not satisfied");
	}

	private Expectation check(String description, Function<RecordedRequest, @Nullable String> check) {
		this.criteria.add(new Criterion(description, check));
		return this;
	}

	/**
	 * @param count how many requests this answers (default 1)
	 * @return this
	 */
	public Expectation times(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("times must be at least 1, was " + count);
		}
		this.min = count;
		this.max = count;
		return this;
	}

	/** @return this, answering any number of requests, none included */
	public Expectation anyTimes() {
		this.min = 0;
		this.max = Integer.MAX_VALUE;
		return this;
	}

	/**
	 * Finishes the expectation.
	 * @param response the answer
	 * @return the adapter, to chain the next expectation
	 */
	public MockDioAdapter respond(MockResponse response) {
		this.response = Objects.requireNonNull(response, "response");
		return this.adapter;
	}

	/**
	 * @param status the status
	 * @param json the JSON body (Map, List, record, or JSON text)
	 * @return the adapter
	 */
	public MockDioAdapter reply(int status, @Nullable Object json) {
		return respond(MockResponse.json(status, json));
	}

	/**
	 * @param status the status
	 * @param text the text body
	 * @return the adapter
	 */
	public MockDioAdapter replyText(int status, String text) {
		return respond(MockResponse.text(status, text));
	}

	/**
	 * @param type the transport failure
	 * @return the adapter
	 */
	public MockDioAdapter fail(DioExceptionType type) {
		return respond(MockResponse.failure(type));
	}

	// --- used by MockDioAdapter, under its lock

	MockResponse response() {
		if (this.response == null) {
			throw new IllegalStateException(this + " has no response: finish it with respond(...) or reply(...)");
		}
		return this.response;
	}

	boolean hasResponse() {
		return this.response != null;
	}

	List<String> mismatches(RecordedRequest request) {
		List<String> mismatches = new ArrayList<>();
		for (Criterion criterion : this.criteria) {
			String mismatch = criterion.check.apply(request);
			if (mismatch != null) {
				mismatches.add(mismatch);
			}
		}
		return mismatches;
	}

	/** Path or method wrong weighs more than a detail, so "closest" means the same endpoint first. */
	int distance(RecordedRequest request) {
		int distance = 0;
		for (int i = 0; i < this.criteria.size(); i++) {
			if (this.criteria.get(i).check.apply(request) != null) {
				distance += (i < 2) ? 10 : 1;
			}
		}
		return distance;
	}

	boolean canMatchAgain() {
		return this.matched < this.max;
	}

	boolean isSatisfied() {
		return this.matched >= this.min;
	}

	void matched() {
		this.matched++;
	}

	void reset() {
		this.matched = 0;
	}

	String progress() {
		String expected = (this.max == Integer.MAX_VALUE) ? "any number of times" : (this.min == 1) ? "once" : this.min + " times";
		return "expected " + expected + ", matched " + this.matched;
	}

	@Override
	public String toString() {
		List<String> details = this.criteria.subList(2, this.criteria.size()).stream().map(c -> c.description).toList();
		return this.method + " " + this.path + (details.isEmpty() ? "" : " " + details) + " -> "
				+ ((this.response != null) ? this.response : "no response yet");
	}

	// --- helpers

	private static Pattern template(String path) {
		StringBuilder regex = new StringBuilder();
		Matcher variables = Pattern.compile("\\{[^}/]+}").matcher(path);
		int last = 0;
		while (variables.find()) {
			regex.append(Pattern.quote(path.substring(last, variables.start()))).append("[^/]+");
			last = variables.end();
		}
		regex.append(Pattern.quote(path.substring(last)));
		return Pattern.compile(regex.toString());
	}

	private boolean pathMatches(Pattern pattern, RecordedRequest request) {
		URI uri = request.uri();
		String written = request.options().path();
		int query = written.indexOf('?');
		if ((query >= 0 ? written.substring(0, query) : written).equals(this.path)) {
			return true;
		}
		if (this.path.startsWith("http://") || this.path.startsWith("https://")) {
			String withoutQuery = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
			return pattern.matcher(withoutQuery).matches();
		}
		String full = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		return pattern.matcher(full).matches() || pattern.matcher(relative(full, request.options().baseUrl())).matches();
	}

	/** The path below the base URL's path: {@code /v1/users/1} under {@code https://a/v1/} is {@code /users/1}. */
	private static String relative(String full, String baseUrl) {
		if (baseUrl.isEmpty()) {
			return full;
		}
		String basePath;
		try {
			basePath = URI.create(baseUrl).getRawPath();
		}
		catch (IllegalArgumentException ex) {
			return full;
		}
		if (basePath == null || basePath.isEmpty() || basePath.equals("/")) {
			return full;
		}
		String prefix = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
		return full.startsWith(prefix + "/") ? full.substring(prefix.length()) : full;
	}

	/** Secrets stay out of failure messages, like in the client's logs. */
	private static String shown(String header, List<String> values) {
		return LogInterceptor.DEFAULT_REDACTED_HEADERS.contains(header.toLowerCase(Locale.ROOT)) ? "[******]" : values.toString();
	}

	private static String describe(@Nullable String filename, int length) {
		return ((filename != null) ? "file '" + filename + "'" : "field") + " of " + length + " bytes";
	}

	static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "... (" + text.length() + " chars)";
	}

	private record Criterion(String description, Function<RecordedRequest, @Nullable String> check) {
	}

}
