package io.github.diospring.interceptor;

import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.github.diospring.DioException;
import io.github.diospring.Headers;
import io.github.diospring.Redaction;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.adapter.RequestBody;
import io.github.diospring.adapter.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs requests, responses and errors (dio's {@code LogInterceptor}), with dio 5.9's switches:
 * {@code requestUrl}, {@code request}, {@code requestHeader}, {@code requestBody},
 * {@code responseUrl}, {@code responseHeader}, {@code responseBody}, {@code error}. The
 * library's own {@code extra} keys (those starting with {@value #INTERNAL_EXTRA_PREFIX}) are not
 * printed. Better than dio: secrets are redacted by the shared
 * {@link Redaction} policy (URL user info always; {@code Authorization}, {@code Cookie}, API-key
 * headers, {@code access_token}-like query parameters and {@code password}-like JSON and form body
 * fields by default), the request's client's policy unless one is given here; bodies are cut at a
 * size limit after redaction; streamed and binary bodies are never read for logging, only
 * described; with the default SLF4J sink, nothing is formatted while its logger is below INFO.
 * Each exchange phase is one log entry. Add it last so it logs what is really sent.
 *
 * <pre>{@code
 * dio.interceptors().add(LogInterceptor.builder()
 *         .requestBody(true)
 *         .responseBody(true)
 *         .redactHeader("X-Api-Key")
 *         .logPrint(System.out::println)   // default: an SLF4J logger at INFO
 *         .build());
 * }</pre>
 */
public final class LogInterceptor implements Interceptor {

	/** Where the auto-configuration puts it: last, so it logs what is really sent. */
	public static final int ORDER = Integer.MAX_VALUE - 100;

	/** Headers redacted unless configured otherwise: {@link Redaction#DEFAULT_NAMES}. */
	public static final Set<String> DEFAULT_REDACTED_HEADERS = Redaction.defaults().headers();

	private static final Logger logger = LoggerFactory.getLogger(LogInterceptor.class);

	/** The prefix of the {@code extra} keys the library uses internally; reserved, never logged. */
	public static final String INTERNAL_EXTRA_PREFIX = "dio.";

	private final boolean requestUrl;

	private final boolean request;

	private final boolean requestHeader;

	private final boolean requestBody;

	private final boolean responseUrl;

	private final boolean responseHeader;

	private final boolean responseBody;

	private final boolean error;

	/** The policy given to the builder; null: each request's own. */
	private final @Nullable Redaction redaction;

	private final int maxBodyLength;

	private final Consumer<String> logPrint;

	/** Whether the sink would print: nothing is formatted for a logger that is off. */
	private final BooleanSupplier enabled;

	private LogInterceptor(Builder b) {
		this.requestUrl = b.requestUrl;
		this.request = b.request;
		this.requestHeader = b.requestHeader;
		this.requestBody = b.requestBody;
		this.responseUrl = b.responseUrl;
		this.responseHeader = b.responseHeader;
		this.responseBody = b.responseBody;
		this.error = b.error;
		this.redaction = b.redaction;
		this.maxBodyLength = b.maxBodyLength;
		this.logPrint = b.logPrint;
		this.enabled = b.enabled;
	}

	/** @return a builder with dio's defaults (everything but the request body) and redaction on */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		if ((this.requestUrl || this.request || this.requestHeader || this.requestBody) && this.enabled.getAsBoolean()) {
			Redaction redaction = redaction(options);
			StringBuilder out = new StringBuilder("*** Request ***");
			if (this.requestUrl) {
				out.append("\nuri: ").append(safeUri(options, redaction));
			}
			if (this.request) {
				out.append("\nmethod: ").append(options.method())
					.append("\nresponseType: ").append(options.responseType())
					.append("\nfollowRedirects: ").append(options.followRedirects())
					.append("\nconnectTimeout: ").append(options.connectTimeout())
					.append("\nsendTimeout: ").append(options.sendTimeout())
					.append("\nreceiveTimeout: ").append(options.receiveTimeout())
					.append("\nreceiveDataWhenStatusError: ").append(options.receiveDataWhenStatusError())
					.append("\nextra: ").append(userExtra(options));
			}
			if (this.requestHeader) {
				out.append("\nheaders:");
				appendHeaders(out, options.headers(), redaction);
			}
			if (this.requestBody) {
				out.append("\ndata:\n").append(describe(redaction.body(options.data(), options.contentType())));
			}
			this.logPrint.accept(out.toString());
		}
		handler.next(options);
	}

	@Override
	public void onResponse(Response<Object> response, ResponseInterceptorHandler handler) {
		if (!this.enabled.getAsBoolean()) {
			handler.next(response);
			return;
		}
		StringBuilder out = new StringBuilder("*** Response ***");
		appendResponse(out, response);
		this.logPrint.accept(out.toString());
		handler.next(response);
	}

	@Override
	public void onError(DioException error, ErrorInterceptorHandler handler) {
		if (this.error && this.enabled.getAsBoolean()) {
			StringBuilder out = new StringBuilder("*** DioException ***:\nuri: ")
				.append((error.requestOptions() != null) ? safeUri(error.requestOptions(), redaction(error.requestOptions()))
						: "?")
				.append('\n')
				.append(error);
			if (error.response() != null) {
				appendResponse(out, error.response());
			}
			this.logPrint.accept(out.toString());
		}
		handler.next(error);
	}

	private void appendResponse(StringBuilder out, Response<?> response) {
		Redaction redaction = redaction(response.requestOptions());
		if (this.responseUrl) {
			out.append("\nuri: ").append(redaction.uri(response.realUri()));
		}
		out.append("\nstatusCode: ").append(response.statusCode());
		if (response.isRedirect()) {
			out.append("\nredirects: ").append(response.redirects().stream()
				.map(r -> r.statusCode() + " " + r.method() + " " + redaction.uri(r.location()))
				.toList());
		}
		if (this.responseHeader) {
			out.append("\nheaders:");
			appendHeaders(out, response.headers(), redaction);
		}
		if (this.responseBody) {
			out.append("\nResponse Text:\n")
				.append(describe(redaction.body(response.data(), response.headers().value(Headers.CONTENT_TYPE))));
		}
	}

	private static void appendHeaders(StringBuilder out, Headers headers, Redaction redaction) {
		redaction.headers(headers).forEach((name, value) -> out.append("\n ").append(name).append(": ").append(value));
	}

	private Redaction redaction(RequestOptions options) {
		return (this.redaction != null) ? this.redaction : Redaction.of(options);
	}

	/** Describes a body without reading streams and without printing binary content. */
	private String describe(@Nullable Object data) {
		if (data == null) {
			return "null";
		}
		if (data instanceof byte[] bytes) {
			return "[" + bytes.length + " bytes]";
		}
		if (data instanceof ResponseBody || data instanceof Publisher || data instanceof InputStream
				|| data instanceof RequestBody) {
			return "[streamed body, not logged: " + data.getClass().getSimpleName() + "]";
		}
		String text = String.valueOf(data);
		if (text.length() > this.maxBodyLength) {
			return text.substring(0, this.maxBodyLength) + "… (" + (text.length() - this.maxBodyLength)
					+ " more characters)";
		}
		return text;
	}

	/** The extra keys a user set; the library's own ({@value #INTERNAL_EXTRA_PREFIX}...) are plumbing. */
	private static Set<String> userExtra(RequestOptions options) {
		Set<String> keys = new LinkedHashSet<>();
		for (String key : options.extra().keySet()) {
			if (!key.startsWith(INTERNAL_EXTRA_PREFIX)) {
				keys.add(key);
			}
		}
		return keys;
	}

	private static String safeUri(RequestOptions options, Redaction redaction) {
		try {
			return redaction.uri(options.uri());
		}
		catch (IllegalArgumentException ex) {
			return redaction.text(options.baseUrl() + options.path());
		}
	}

	/**
	 * Builder for {@link LogInterceptor}.
	 *
	 * <pre>{@code
	 * LogInterceptor.builder().requestHeader(false).responseHeader(false).maxBodyLength(1024).build();
	 * }</pre>
	 */
	public static final class Builder {

		private boolean requestUrl = true;

		private boolean request = true;

		private boolean requestHeader = true;

		private boolean requestBody;

		private boolean responseUrl = true;

		private boolean responseHeader = true;

		private boolean responseBody;

		private boolean error = true;

		private @Nullable Redaction redaction;

		private int maxBodyLength = 4096;

		private Consumer<String> logPrint = logger::info;

		private BooleanSupplier enabled = logger::isInfoEnabled;

		private Builder() {
		}

		/** @param on log the request's URI (dio 5.9's {@code requestUrl}) @return this */
		public Builder requestUrl(boolean on) {
			this.requestUrl = on;
			return this;
		}

		/** @param on log method and options @return this */
		public Builder request(boolean on) {
			this.request = on;
			return this;
		}

		/** @param on log request headers @return this */
		public Builder requestHeader(boolean on) {
			this.requestHeader = on;
			return this;
		}

		/** @param on log request bodies @return this */
		public Builder requestBody(boolean on) {
			this.requestBody = on;
			return this;
		}

		/** @param on log the response's real URI (dio 5.9's {@code responseUrl}) @return this */
		public Builder responseUrl(boolean on) {
			this.responseUrl = on;
			return this;
		}

		/** @param on log response headers @return this */
		public Builder responseHeader(boolean on) {
			this.responseHeader = on;
			return this;
		}

		/** @param on log response bodies @return this */
		public Builder responseBody(boolean on) {
			this.responseBody = on;
			return this;
		}

		/** @param on log errors @return this */
		public Builder error(boolean on) {
			this.error = on;
			return this;
		}

		/**
		 * @param policy what to mask, for every request this interceptor logs (default: each
		 * request's client's policy, see {@link Redaction#of})
		 * @return this
		 */
		public Builder redaction(Redaction policy) {
			this.redaction = Objects.requireNonNull(policy, "policy");
			return this;
		}

		/**
		 * @param name a header whose value is replaced by a mark, any case, added to this
		 * interceptor's policy (the defaults unless {@link #redaction} was given)
		 * @return this
		 */
		public Builder redactHeader(String name) {
			Redaction policy = (this.redaction != null) ? this.redaction : Redaction.defaults();
			Set<String> names = new TreeSet<>(policy.headers());
			names.add(name.toLowerCase(Locale.ROOT));
			this.redaction = policy.withHeaders(names);
			return this;
		}

		/** @param names the headers to redact, replacing the policy's (empty: redact no header) @return this */
		public Builder redactedHeaders(Set<String> names) {
			this.redaction = ((this.redaction != null) ? this.redaction : Redaction.defaults()).withHeaders(names);
			return this;
		}

		/** @param max characters of a body that are logged @return this */
		public Builder maxBodyLength(int max) {
			if (max < 0) {
				throw new IllegalArgumentException("maxBodyLength: " + max + " is negative");
			}
			this.maxBodyLength = max;
			return this;
		}

		/** @param sink where each entry goes (default: SLF4J, INFO) @return this */
		public Builder logPrint(Consumer<String> sink) {
			this.logPrint = sink;
			this.enabled = () -> true;
			return this;
		}

		/** @return the interceptor */
		public LogInterceptor build() {
			return new LogInterceptor(this);
		}

	}

}
