package io.github.diospring.demo;

import io.github.diospring.autoconfigure.DioClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Points every client at this application's own {@code /upstream} once the server listens (the
 * port is known only then, and is random in tests), the way dio code sets
 * {@code dio.options.baseUrl}; then prints where to look.
 *
 * <pre>{@code
 * dio.options(dio.options().withBaseUrl("http://127.0.0.1:8080/upstream"));
 * }</pre>
 */
@Component
class UpstreamAddress implements ApplicationListener<WebServerInitializedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(UpstreamAddress.class);

	private final DioClients clients;

	UpstreamAddress(DioClients clients) {
		this.clients = clients;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		int port = event.getWebServer().getPort();
		this.clients.names().forEach(name -> {
			var dio = this.clients.get(name);
			if (!dio.options().baseUrl().startsWith("lb://")) {   // load-balanced clients keep their service
				dio.options(dio.options().withBaseUrl("http://127.0.0.1:" + port + "/upstream"));
			}
		});
		logger.info("""

				dio demo ready on port {}. Try:
				  curl localhost:{}/api/users/1            typed call, envelope unwrapped
				  curl localhost:{}/api/users/9            BizException -> envelope for the browser
				  curl 'localhost:{}/api/users?current=1'  Page<User>
				  curl -X POST localhost:{}/api/login -H 'Content-Type: application/json' -d '{"user":"ann"}'
				  curl localhost:{}/api/orders             the login cookie, sent again
				  curl localhost:{}/api/profile            token refresh with a QueuedInterceptor
				  curl -X POST localhost:{}/api/upload     FormData upload
				  curl localhost:{}/api/download           download with progress
				  curl localhost:{}/api/slow               receive timeout -> 504
				  curl localhost:{}/api/cancel             cancellation
				  curl localhost:{}/actuator/dio           clients, options, interceptors
				  curl 'localhost:{}/actuator/metrics/http.client.requests'
				""", port, port, port, port, port, port, port, port, port, port, port, port, port);
	}

}
