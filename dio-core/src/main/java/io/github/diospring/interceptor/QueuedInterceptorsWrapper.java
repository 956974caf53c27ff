package io.github.diospring.interceptor;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import org.jspecify.annotations.Nullable;

/**
 * A {@link QueuedInterceptor} from lambdas (dio's {@code QueuedInterceptorsWrapper}).
 *
 * <pre>{@code
 * dio.interceptors().add(QueuedInterceptorsWrapper.builder()
 *         .onRequest((options, handler) -> handler.observe(tokens.current()
 *                 .doOnNext(token -> handler.next(options.withHeader("Authorization", "Bearer " + token)))))
 *         .build());
 * }</pre>
 */
public class QueuedInterceptorsWrapper extends QueuedInterceptor {

	private final InterceptorsWrapper callbacks;

	/**
	 * @param onRequest request callback, or null to pass on
	 * @param onResponse response callback, or null to pass on
	 * @param onError error callback, or null to pass on
	 */
	public QueuedInterceptorsWrapper(InterceptorsWrapper.@Nullable OnRequest onRequest,
			InterceptorsWrapper.@Nullable OnResponse onResponse, InterceptorsWrapper.@Nullable OnError onError) {
		this.callbacks = new InterceptorsWrapper(onRequest, onResponse, onError);
	}

	/** @return a builder */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		this.callbacks.onRequest(options, handler);
	}

	@Override
	public void onResponse(Response<Object> response, ResponseInterceptorHandler handler) {
		this.callbacks.onResponse(response, handler);
	}

	@Override
	public void onError(DioException error, ErrorInterceptorHandler handler) {
		this.callbacks.onError(error, handler);
	}

	/**
	 * Builder for {@link QueuedInterceptorsWrapper}.
	 *
	 * <pre>{@code
	 * QueuedInterceptorsWrapper.builder().onError((e, h) -> h.next(e)).build();
	 * }</pre>
	 */
	public static final class Builder {

		private InterceptorsWrapper.@Nullable OnRequest onRequest;

		private InterceptorsWrapper.@Nullable OnResponse onResponse;

		private InterceptorsWrapper.@Nullable OnError onError;

		private Builder() {
		}

		/** @param callback the request callback @return this */
		public Builder onRequest(InterceptorsWrapper.OnRequest callback) {
			this.onRequest = callback;
			return this;
		}

		/** @param callback the response callback @return this */
		public Builder onResponse(InterceptorsWrapper.OnResponse callback) {
			this.onResponse = callback;
			return this;
		}

		/** @param callback the error callback @return this */
		public Builder onError(InterceptorsWrapper.OnError callback) {
			this.onError = callback;
			return this;
		}

		/** @return the interceptor */
		public QueuedInterceptorsWrapper build() {
			return new QueuedInterceptorsWrapper(this.onRequest, this.onResponse, this.onError);
		}

	}

}
