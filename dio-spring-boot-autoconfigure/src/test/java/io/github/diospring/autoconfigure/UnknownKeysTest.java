package io.github.diospring.autoconfigure;

import java.util.Map;

import io.github.diospring.Dio;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** A misspelt {@code dio.*} key stops startup, naming itself and the closest valid key. */
class UnknownKeysTest {

	private static FailureAnalysis analysis(String... properties) {
		FailureAnalysis[] result = new FailureAnalysis[1];
		DioAutoConfigurationTest.runner.withPropertyValues(properties)
			.run(context -> result[0] = DioAutoConfigurationTest.analysis(context));
		return result[0];
	}

	@Test
	void aTopLevelTypoNamesTheKeyAndTheClosestValidOne() {
		FailureAnalysis analysis = analysis("dio.recieve-timeout=5s");

		assertThat(analysis.getDescription()).contains("dio.recieve-timeout is not a dio property");
		assertThat(analysis.getAction()).contains("Did you mean dio.receive-timeout?");
	}

	@Test
	void aNamedClientsTypoIsCheckedAgainstTheClientsKeys() {
		FailureAnalysis analysis = analysis("dio.clients.x.base-url=https://x.example.com", "dio.clients.x.recieve-timeout=5s");

		assertThat(analysis.getDescription()).contains("dio.clients.x.recieve-timeout is not a dio property");
		assertThat(analysis.getAction()).contains("Did you mean dio.clients.x.receive-timeout?");
	}

	@Test
	void aNestedTypoAndEveryOtherUnknownKeyAreNamed() {
		FailureAnalysis analysis = analysis("dio.log.enabeld=true", "dio.cookie.enabeld=true");

		assertThat(analysis.getDescription()).contains("dio.cookie.enabeld is not a dio property");
		assertThat(analysis.getAction()).contains("Did you mean dio.cookie.enabled?").contains("Also unknown: dio.log.enabeld");
	}

	@Test
	void valuesAreNotShownSinceAMisspeltKeyMayHoldASecret() {
		FailureAnalysis analysis = analysis("dio.header.Authorization=Bearer s3cret");

		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cret");
		assertThat(analysis.getAction()).contains("Did you mean dio.headers.authorization?");
	}

	@Test
	void everyValidKeyIncludingFreeMapKeysAndListsStarts() {
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.base-url=https://api.example.com", "dio.receive-timeout=5s",
					"dio.headers.X-Any-Header=1", "dio.query-parameters.page.size=10", "dio.extra.tenant.id=t1",
					"dio.extra.nested.deep.key=v", "dio.log.enabled=true", "dio.log.redact.headers[0]=authorization",
					"dio.log.redact.headers[1]=x-api-key", "dio.ssl.pins.api.example.com[0]=sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
					"dio.clients.github.base-url=https://api.github.com", "dio.clients.github.headers.Accept=application/json",
					"dio.clients.github.interceptors.exclude[0]=dioLogInterceptor", "dio.clients.github.cookie.share=true",
					"dio.metrics.max-error-codes=10", "dio.error-adaptor.fields.success=ok", "dio.enabled=true",
					"dio.clients.relaxed.receiveTimeout=5s")
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(DioClients.class));
	}

	@Test
	void keysOfAnyOtherDioPropertiesClassAreValidToo() {
		DioAutoConfigurationTest.runner.withUserConfiguration(MoreDioProperties.class)
			.withPropertyValues("dio.extension.server.enabled=true", "dio.extension.server.limits.max=3")
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(Dio.class));
		FailureAnalysis[] typo = new FailureAnalysis[1];
		DioAutoConfigurationTest.runner.withUserConfiguration(MoreDioProperties.class)
			.withPropertyValues("dio.extension.server.enabeld=true")
			.run(context -> typo[0] = DioAutoConfigurationTest.analysis(context));
		assertThat(typo[0].getAction()).contains("Did you mean dio.extension.server.enabled?");
	}

	@Test
	void distanceCountsEdits() {
		assertThat(DioUnknownKeys.distance("recieve", "receive")).isEqualTo(2);
		assertThat(DioUnknownKeys.distance("", "abc")).isEqualTo(3);
		assertThat(DioUnknownKeys.distance("same", "same")).isZero();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ExtensionProperties.class)
	static class MoreDioProperties {

	}

	/** Stands for properties another part of the library binds under {@code dio}. */
	@ConfigurationProperties("dio.extension.server")
	static class ExtensionProperties {

		private boolean enabled;

		private Map<String, Integer> limits = Map.of();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Map<String, Integer> getLimits() {
			return this.limits;
		}

		public void setLimits(Map<String, Integer> limits) {
			this.limits = limits;
		}

	}

}
