package io.github.diospring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.diospring.DioException;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.adapter.HttpClientAdapter;
import io.github.diospring.adapter.RequestBody;
import io.github.diospring.adapter.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An {@link HttpClientAdapter} that answers from expectations instead of the network: dio's
 * {@code http_mock_adapter}, Spring's {@code MockRestServiceServer}. Only the transport is
 * replaced — interceptors, the transformer, the envelope, cookies, timeouts, cancel tokens,
 * progress callbacks and metrics run exactly as with the real adapter.
 *
 * <p>Expectations are met in the order they were declared ({@link #inAnyOrder()} to lift that),
 * each once unless {@link Expectation#times}/{@link Expectation#anyTimes} says otherwise. A request
 * that matches none fails with an {@link AssertionError} (wrapped in a {@code DioException} of type
 * {@code UNKNOWN}) naming the request and the closest expectation with what differs; since the code
 * under test may swallow that error, {@link #verify()} reports it again, with every expectation
 * that was not met.
 *
 * <pre>{@code
 * MockDioAdapter mock = MockDioAdapter.create();
 * Dio dio = Dio.builder().options(BaseOptions.builder().baseUrl("https://api.example.com").build())
 *         .adapter(mock).build();
 *
 * mock.onGet("/users/{id}").reply(200, Map.of("id", 1, "name", "Ann"));
 * mock.onPost("/users").withJsonBody(Map.of("name", "Bob")).reply(201, Map.of("id", 2));
 *
 * assertThat(dio.get("/users/1").block().data()).isEqualTo(Map.of("id", 1, "name", "Ann"));
 * dio.post("/users", Map.of("name", "Bob")).block();
 * mock.verify();
 * }</pre>
 */
public final class MockDioAdapter implements HttpClientAdapter {

	private final List<Expectation> expectations = new ArrayList<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private final List<String> unmatched = new ArrayList<>();

	private boolean ordered = true;

	/** The first expectation an ordered adapter may still match. */
	private int cursor;

	private MockDioAdapter() {
	}

	/** @return an adapter without expectations, matching in declaration order */
	public static MockDioAdapter create() {
		return new MockDioAdapter();
	}

	/**
	 * Lets requests come in any order: each one takes the first expectation that matches and has
	 * answers left.
	 * @return this
	 */
	public synchronized MockDioAdapter inAnyOrder() {
		this.ordered = false;
		return this;
	}

	/**
	 * @param method the HTTP method
	 * @param path a path relative to the base URL, a template with {@code {name}} segments, or an
	 * absolute URL
	 * @return the expectation, to narrow and answer
	 */
	public synchronized Expectation on(String method, String path) {
		Expectation expectation = new Expectation(this, method, path);
		this.expectations.add(expectation);
		return expectation;
	}

	/** @param path the path @return the expectation of a GET */
	public Expectation onGet(String path) {
		return on("GET", path);
	}

	/** @param path the path @return the expectation of a POST */
	public Expectation onPost(String path) {
		return on("POST", path);
	}

	/** @param path the path @return the expectation of a PUT */
	public Expectation onPut(String path) {
		return on("PUT", path);
	}

	/** @param path the path @return the expectation of a PATCH */
	public Expectation onPatch(String path) {
		return on("PATCH", path);
	}

	/** @param path the path @return the expectation of a DELETE */
	public Expectation onDelete(String path) {
		return on("DELETE", path);
	}

	/** @param path the path @return the expectation of a HEAD */
	public Expectation onHead(String path) {
		return on("HEAD", path);
	}

	/** @return every request received so far, matched or not, in order */
	public synchronized List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Checks that every expectation was met and that no request went unmatched.
	 * @throws AssertionError listing what was missing and what was unexpected
	 */
	public synchronized void verify() {
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < this.expectations.size(); i++) {
			Expectation e = this.expectations.get(i);
			if (!e.isSatisfied()) {
				problems.add("expectation #" + (i + 1) + " " + e + " was not met: " + e.progress());
			}
		}
		problems.addAll(this.unmatched);
		if (!problems.isEmpty()) {
			throw new AssertionError("MockDioAdapter: " + problems.size() + " problem(s)\n- "
					+ String.join("\n- ", problems));
		}
	}

	/**
	 * {@link #verify()} once every expectation is met or the time is up: for requests the code
	 * under test sends in the background.
	 * @param timeout how long to wait at most
	 * @throws AssertionError as {@link #verify()}
	 */
	public synchronized void verify(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!allSatisfied() && this.unmatched.isEmpty()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				break;
			}
			try {
				wait(Math.max(1, left / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		verify();
	}

	/** Forgets every expectation and request, and goes back to declaration order. */
	public synchronized void reset() {
		this.expectations.clear();
		this.requests.clear();
		this.unmatched.clear();
		this.cursor = 0;
		this.ordered = true;
	}

	@Override
	public Mono<ResponseBody> fetch(RequestOptions options, @Nullable RequestBody body) {
		return read(options, body).flatMap(bytes -> {
			RecordedRequest request = record(options, body, bytes);
			Expectation match = match(request);
			return (match != null) ? match.response().toResponse(options) : Mono.error(new AssertionError(this.lastUnmatched()));
		});
	}

	/** Reads the body as a server would, so send progress and the send timeout behave as on the wire. */
	private static Mono<byte[]> read(RequestOptions options, @Nullable RequestBody body) {
		if (body == null) {
			return Mono.just(new byte[0]);
		}
		Flux<DataBuffer> content = body.content();
		Mono<byte[]> bytes = DataBufferUtils.join(content).map(buffer -> {
			try {
				byte[] read = new byte[buffer.readableByteCount()];
				buffer.read(read);
				return read;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).defaultIfEmpty(new byte[0]);
		Duration sendTimeout = options.sendTimeout();
		if (sendTimeout != null) {
			bytes = bytes.timeout(sendTimeout, Mono.error(() -> DioException.sendTimeout(options, sendTimeout)));
		}
		return bytes;
	}

	private static RecordedRequest record(RequestOptions options, @Nullable RequestBody body, byte[] bytes) {
		Headers headers = options.headers();
		if (body != null && body.contentLength() >= 0 && !headers.contains(Headers.CONTENT_LENGTH)) {
			headers = headers.with(Headers.CONTENT_LENGTH, String.valueOf(body.contentLength()));
		}
		return new RecordedRequest(options.method(), options.uri(), headers, bytes, options);
	}

	private synchronized @Nullable Expectation match(RecordedRequest request) {
		this.requests.add(request);
		Expectation found = this.ordered ? nextInOrder(request) : firstMatching(request);
		if (found == null) {
			this.unmatched.add(describeUnmatched(request));
		}
		else {
			found.matched();
		}
		notifyAll();
		return found;
	}

	private @Nullable Expectation nextInOrder(RecordedRequest request) {
		for (int i = this.cursor; i < this.expectations.size(); i++) {
			Expectation e = this.expectations.get(i);
			if (e.canMatchAgain() && e.mismatches(request).isEmpty()) {
				this.cursor = i;
				return e;
			}
			if (!e.isSatisfied()) {
				return null;
			}
		}
		return null;
	}

	private @Nullable Expectation firstMatching(RecordedRequest request) {
		for (Expectation e : this.expectations) {
			if (e.canMatchAgain() && e.mismatches(request).isEmpty()) {
				return e;
			}
		}
		return null;
	}

	private synchronized String lastUnmatched() {
		return this.unmatched.get(this.unmatched.size() - 1);
	}

	private String describeUnmatched(RecordedRequest request) {
		StringBuilder text = new StringBuilder("no expectation matches request #").append(this.requests.size())
			.append(' ').append(request.method()).append(' ').append(request.uri());
		if (this.expectations.isEmpty()) {
			return text.append(": no expectations were declared").toString();
		}
		Expectation closest = this.expectations.stream()
			.min(Comparator.<Expectation>comparingInt(e -> e.distance(request)).thenComparing(e -> !e.canMatchAgain()))
			.orElseThrow();
		int index = this.expectations.indexOf(closest) + 1;
		List<String> differences = closest.mismatches(request);
		text.append("\n  closest expectation: #").append(index).append(' ').append(closest);
		if (differences.isEmpty()) {
			text.append("\n    it matches, but ").append(closest.canMatchAgain()
					? "an earlier expectation must come first (declaration order; use inAnyOrder())"
					: "it was already used up: " + closest.progress());
		}
		for (String difference : differences) {
			text.append("\n    ").append(difference);
		}
		if (this.ordered) {
			for (int i = this.cursor; i < this.expectations.size(); i++) {
				if (this.expectations.get(i).canMatchAgain()) {
					text.append("\n  next expected: #").append(i + 1).append(' ').append(this.expectations.get(i));
					break;
				}
			}
		}
		return text.toString();
	}

	private boolean allSatisfied() {
		return this.expectations.stream().allMatch(Expectation::isSatisfied);
	}

	@Override
	public String toString() {
		return "MockDioAdapter" + this.expectations;
	}

}
