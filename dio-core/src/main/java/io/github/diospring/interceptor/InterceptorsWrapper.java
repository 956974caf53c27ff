package io.github.diospring.interceptor;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Interceptor} from lambdas (dio's {@code InterceptorsWrapper}); each callback left out
 * passes everything on.
 *
 * <pre>{@code
 * dio.interceptors().add(InterceptorsWrapper.builder()
 *         .onRequest((options, handler) -> handler.next(options.withHeader("X-Trace", trace())))
 *         .onError((error, handler) -> { log.warn("failed", error); handler.next(error); })
 *         .build());
 * }</pre>
 */
public class InterceptorsWrapper implements Interceptor {

	private final @Nullable OnRequest onRequest;

	private final @Nullable OnResponse onResponse;

	private final @Nullable OnError onError;

	/**
	 * @param onRequest request callback, or null to pass on
	 * @param onResponse response callback, or null to pass on
	 * @param onError error callback, or null to pass on
	 */
	public InterceptorsWrapper(@Nullable OnRequest onRequest, @Nullable OnResponse onResponse,
			@Nullable OnError onError) {
		this.onRequest = onRequest;
		this.onResponse = onResponse;
		this.onError = onError;
	}

	/** @return a builder */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		if (this.onRequest != null) {
			this.onRequest.onRequest(options, handler);
		}
		else {
			handler.next(options);
		}
	}

	@Override
	public void onResponse(Response<Object> response, ResponseInterceptorHandler handler) {
		if (this.onResponse != null) {
			this.onResponse.onResponse(response, handler);
		}
		else {
			handler.next(response);
		}
	}

	@Override
	public void onError(DioException error, ErrorInterceptorHandler handler) {
		if (this.onError != null) {
			this.onError.onError(error, handler);
		}
		else {
			handler.next(error);
		}
	}

	/** The request callback. */
	@FunctionalInterface
	public interface OnRequest {

		/** @param options the request @param handler complete it once */
		void onRequest(RequestOptions options, RequestInterceptorHandler handler);

	}

	/** The response callback. */
	@FunctionalInterface
	public interface OnResponse {

		/** @param response the response @param handler complete it once */
		void onResponse(Response<Object> response, ResponseInterceptorHandler handler);

	}

	/** The error callback. */
	@FunctionalInterface
	public interface OnError {

		/** @param error the error @param handler complete it once */
		void onError(DioException error, ErrorInterceptorHandler handler);

	}

	/**
	 * Builder for {@link InterceptorsWrapper}.
	 *
	 * <pre>{@code
	 * Interceptor i = InterceptorsWrapper.builder().onResponse((r, h) -> h.next(r)).build();
	 * }</pre>
	 */
	public static final class Builder {

		private @Nullable OnRequest onRequest;

		private @Nullable OnResponse onResponse;

		private @Nullable OnError onError;

		private Builder() {
		}

		/** @param callback the request callback @return this */
		public Builder onRequest(OnRequest callback) {
			this.onRequest = callback;
			return this;
		}

		/** @param callback the response callback @return this */
		public Builder onResponse(OnResponse callback) {
			this.onResponse = callback;
			return this;
		}

		/** @param callback the error callback @return this */
		public Builder onError(OnError callback) {
			this.onError = callback;
			return this;
		}

		/** @return the interceptor */
		public InterceptorsWrapper build() {
			return new InterceptorsWrapper(this.onRequest, this.onResponse, this.onError);
		}

	}

}
