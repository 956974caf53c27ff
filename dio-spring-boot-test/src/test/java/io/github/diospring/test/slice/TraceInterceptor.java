package io.github.diospring.test.slice;

import io.github.diospring.RequestOptions;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.RequestInterceptorHandler;
import org.springframework.stereotype.Component;

/** An application interceptor bean: the slice keeps it, and it joins every client's chain. */
@Component
public class TraceInterceptor implements Interceptor {

	@Override
	public void onRequest(RequestOptions options, RequestInterceptorHandler handler) {
		handler.next(options.withHeader("X-Trace", "slice-trace"));
	}

}
