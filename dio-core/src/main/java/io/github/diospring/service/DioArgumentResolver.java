package io.github.diospring.service;

import io.github.diospring.CancelToken;
import io.github.diospring.Options;
import io.github.diospring.ProgressCallback;
import io.github.diospring.SseOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.invoker.HttpServiceArgumentResolver;

/**
 * dio's per-call extras as arguments of {@code @HttpExchange} methods: a {@link CancelToken},
 * per-call {@link Options} (timeouts, {@code extra} such as {@code skipErrorHandler}, headers...),
 * {@link SseOptions} for event streams, and {@link ProgressCallback}s marked
 * {@link OnSendProgress @OnSendProgress} or {@link OnReceiveProgress @OnReceiveProgress}. A null
 * argument adds nothing. They travel as request attributes to {@link DioHttpExchangeAdapter}.
 *
 * <pre>{@code
 * @GetExchange("/reports/{id}")
 * Report report(@PathVariable long id, CancelToken token, Options options);
 *
 * api.report(7, token, Options.builder().receiveTimeout(Duration.ofSeconds(30)).extra("skipErrorHandler", true).build());
 * }</pre>
 */
public final class DioArgumentResolver implements HttpServiceArgumentResolver {

	static final String CANCEL_TOKEN = "io.github.diospring.cancelToken";

	static final String OPTIONS = "io.github.diospring.options";

	static final String SSE_OPTIONS = "io.github.diospring.sseOptions";

	static final String SEND_PROGRESS = "io.github.diospring.onSendProgress";

	static final String RECEIVE_PROGRESS = "io.github.diospring.onReceiveProgress";

	@Override
	public boolean resolve(@Nullable Object argument, MethodParameter parameter, HttpRequestValues.Builder values) {
		Class<?> type = parameter.getParameterType();
		String key;
		if (type == CancelToken.class) {
			key = CANCEL_TOKEN;
		}
		else if (type == Options.class) {
			key = OPTIONS;
		}
		else if (type == SseOptions.class) {
			key = SSE_OPTIONS;
		}
		else if (type == ProgressCallback.class) {
			key = progressKey(parameter);
		}
		else {
			return false;
		}
		if (argument != null) {
			values.addAttribute(key, argument);
		}
		return true;
	}

	private static String progressKey(MethodParameter parameter) {
		boolean send = parameter.hasParameterAnnotation(OnSendProgress.class);
		boolean receive = parameter.hasParameterAnnotation(OnReceiveProgress.class);
		if (send == receive) {
			throw new IllegalStateException("The ProgressCallback parameter " + parameter.getParameterName() + " of "
					+ parameter.getExecutable() + " needs exactly one of @OnSendProgress (upload) or "
					+ "@OnReceiveProgress (download)");
		}
		return send ? SEND_PROGRESS : RECEIVE_PROGRESS;
	}

}
