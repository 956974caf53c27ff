package io.github.diospring.bench;

import io.github.diospring.Dio;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configured {@code Dio} bean as an application gets it: a real, non-web Spring Boot
 * application with the starter and nothing set but {@code dio.base-url} (Boot's and dio's
 * defaults: its pool, the error adaptor on, cookies and log off). The context is closed with the
 * client.
 */
final class BootClient extends Clients.DioClient {

	private final ConfigurableApplicationContext context;

	private BootClient(ConfigurableApplicationContext context) {
		super(context.getBean(Dio.class), false, false, false);
		this.context = context;
	}

	static BootClient start(String baseUrl) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "dio.base-url=" + baseUrl)
			.run();
		return new BootClient(context);
	}

	@Override
	public void close() {
		// the context owns the bean: closing it releases the client and its pool
		this.context.close();
	}

	/** The application: auto-configuration only, no beans of its own. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
