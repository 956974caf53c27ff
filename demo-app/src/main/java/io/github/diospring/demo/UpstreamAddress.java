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

				dio demo ready on port {}: every /api answer is the Ant Design Pro envelope. Try (J keeps this browser's cookie):
				  J=/tmp/demo-browser
				  curl -b $J -c $J localhost:{}/api/users/1            {"success":true,"data":{"id":1,...}}
				  curl -b $J -c $J localhost:{}/api/users/9            an upstream business error, showType 2
				  curl -b $J -c $J 'localhost:{}/api/users?current=1'  a page: {list, current, pageSize, total}
				  curl -b $J -c $J localhost:{}/api/orders             not logged in: showType 9 (Pro's login redirect)
				  curl -b $J -c $J -X POST localhost:{}/api/login -H 'Content-Type: application/json' -d '{"user":"ann"}'
				  curl -b $J -c $J localhost:{}/api/orders             this browser's upstream session
				  curl -b $J -c $J localhost:{}/api/profile            this user's token refreshed once, never shown
				  curl localhost:{}/api/announcements                  a notification (showType 3 for Pro)
				  curl -X POST localhost:{}/api/upload                 FormData upload
				  curl localhost:{}/api/download                       download with progress
				  curl localhost:{}/api/slow                           receive timeout, a safe message and a traceId
				  curl localhost:{}/api/cancel                         cancellation
				  curl localhost:{}/actuator/dio                       clients, options, interceptors
				""", port, port, port, port, port, port, port, port, port, port, port, port, port, port);
	}

}
