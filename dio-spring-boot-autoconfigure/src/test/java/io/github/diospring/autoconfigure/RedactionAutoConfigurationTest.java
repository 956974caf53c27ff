package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.interceptor.LogInterceptor;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code dio.log.redact.*}: one policy for the log, exception messages and {@code /actuator/dio}. */
class RedactionAutoConfigurationTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	static final String[] SECRETS = { "url-password", "key-secret", "query-token", "pin-1234", "body-password" };

	@Test
	void theConfiguredPolicyMasksTheLogMessagesAndTheEndpoint() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
		Logger logger = (Logger) LoggerFactory.getLogger(LogInterceptor.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		Level previous = logger.getLevel();
		logger.setLevel(Level.INFO);
		try {
			DioAutoConfigurationTest.runner
				.withPropertyValues("dio.base-url=" + server.baseUrl().replace("http://", "http://ann:url-password@"),
						"dio.headers.X-Api-Key=key-secret", "dio.query-parameters.access_token=query-token",
						"dio.log.enabled=true", "dio.log.request-body=true",
						"dio.log.redact.body-fields=pin,password")
				.run(context -> {
					Dio dio = context.getBean(Dio.class);

					DioException e = catchThrowableOfType(DioException.class,
							() -> dio.post("/pay", Map.of("pin", "pin-1234", "password", "body-password", "amount", 5))
								.block(Duration.ofSeconds(20)));
					String endpoint = new DioEndpoint(context.getBean(DioClients.class)).clients().toString();

					assertThat(e.getMessage()).doesNotContain(SECRETS).contains("access_token=██");
					assertThat(e.requestOptions().toString()).doesNotContain(SECRETS).contains("amount=5");
					assertThat(endpoint).doesNotContain(SECRETS).contains("http://██@127.0.0.1");
					String log = String.join("\n", appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
					assertThat(log).contains("amount=5").contains("pin=██").doesNotContain(SECRETS);
				});
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(previous);
		}
	}

	@Test
	void anEmptyListTurnsThatKindOfRedactionOff() {
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.headers.X-Api-Key=visible-key", "dio.log.redact.headers=")
			.run(context -> assertThat(new DioEndpoint(context.getBean(DioClients.class)).clients().toString())
				.contains("visible-key"));
	}

}
