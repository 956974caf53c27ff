package io.github.diospring.demo;

import io.github.diospring.Dio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Points the Dio at this application's own {@code /upstream} once the server listens (the port is
 * known only then, and may be random in tests), the way dio code sets {@code dio.options.baseUrl},
 * and prints where to look.
 *
 * <pre>{@code
 * dio.options(dio.options().withBaseUrl("http://127.0.0.1:8080/upstream"));
 * }</pre>
 */
@Component
class UpstreamAddress implements ApplicationListener<WebServerInitializedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(UpstreamAddress.class);

	private final Dio dio;

	UpstreamAddress(Dio dio) {
		this.dio = dio;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		int port = event.getWebServer().getPort();
		this.dio.options(this.dio.options().withBaseUrl("http://127.0.0.1:" + port + "/upstream"));
		logger.info("dio demo ready. Try: curl http://localhost:{}/api/users/1 | /api/users | /api/users/9 | /api/slow",
				port);
	}

}
