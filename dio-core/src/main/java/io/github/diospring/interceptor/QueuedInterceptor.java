package io.github.diospring.interceptor;

/**
 * An {@link Interceptor} whose callbacks run one at a time per phase (dio's
 * {@code QueuedInterceptor}): each instance has a request, a response and an error queue, each
 * first-in first-out; the next callback of a queue starts when the current one completes its
 * handler, throws, or its request is cancelled. The three queues run independently of each other
 * and of other interceptors. This is how a token refresh happens once for many concurrent 401s.
 *
 * <p>Unlike dio, a retry sent from inside a callback with {@code dio.fetch(error.requestOptions())}
 * (or any copy of those options) does not queue behind the callback that sent it, so a retry that
 * fails again reaches {@code onError} instead of deadlocking. Guard against retrying forever, for
 * example with a marker in {@code extra}.
 *
 * <pre>{@code
 * dio.interceptors().add(new QueuedInterceptor() {
 *     public void onError(DioException error, ErrorInterceptorHandler handler) {
 *         if (!isExpiredToken(error) || error.requestOptions().extra().containsKey("retried")) {
 *             handler.next(error);
 *             return;
 *         }
 *         handler.observe(tokens.refresh()
 *                 .flatMap(token -> dio.fetch(error.requestOptions().copyWith(r -> r
 *                         .header("Authorization", "Bearer " + token).extra("retried", true))))
 *                 .doOnNext(handler::resolve));
 *     }
 * });
 * }</pre>
 */
public abstract class QueuedInterceptor implements Interceptor {

	private final SerialQueue requests = new SerialQueue();

	private final SerialQueue responses = new SerialQueue();

	private final SerialQueue errors = new SerialQueue();

	/** For subclasses. */
	protected QueuedInterceptor() {
	}

	SerialQueue queue(int phase) {
		return (phase == 0) ? this.requests : (phase == 1) ? this.responses : this.errors;
	}

}
