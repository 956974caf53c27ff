package io.github.diospring.test;

import java.util.Map;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** The JUnit 5 extension: adapters as parameters or from a registered extension, verified after each test. */
class MockDioExtensionTest {

	/** Set only for the launcher above: the scenarios fail on purpose and must not run on their own. */
	static final String SCENARIOS = "dio.test.scenarios";

	@Test
	void aMetExpectationPassesAndAForgottenOneFailsTheTest() {
		TestExecutionSummary summary = run(ParameterScenarios.class, RegisteredScenarios.class);

		assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
		assertThat(summary.getTestsFailedCount()).isEqualTo(2);
		assertThat(summary.getFailures()).extracting(f -> f.getTestIdentifier().getDisplayName())
			.containsExactlyInAnyOrder("forgetsARequest(MockDioAdapter)", "registeredAdapterIsVerifiedToo()");
		assertThat(summary.getFailures()).allSatisfy(f -> assertThat(f.getException()).isInstanceOf(AssertionError.class)
			.hasMessageContaining("was not met: expected once, matched 0"));
	}

	private static TestExecutionSummary run(Class<?>... testClasses) {
		Launcher launcher = LauncherFactory.create();
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		launcher.execute(request().selectors(java.util.Arrays.stream(testClasses).map(c -> selectClass(c)).toList())
			.configurationParameter(SCENARIOS, "true")
			.build(), listener);
		return listener.getSummary();
	}

	private static Dio dio(MockDioAdapter mock) {
		return Dio.builder().options(BaseOptions.builder().baseUrl("https://api.example.com").build()).adapter(mock).build();
	}

	/** Run by the test above only. */
	@ExtendWith({ ScenarioCondition.class, MockDioExtension.class })
	static class ParameterScenarios {

		@Test
		void meetsItsExpectation(MockDioAdapter mock) {
			mock.onGet("/users/1").reply(200, Map.of("name", "Ann"));
			assertThat(dio(mock).get("/users/1").block().data()).isEqualTo(Map.of("name", "Ann"));
		}

		@Test
		void forgetsARequest(MockDioAdapter mock) {
			mock.onGet("/users/1").reply(200, Map.of("name", "Ann"));
		}

	}

	/** Run by the test above only. */
	@ExtendWith(ScenarioCondition.class)
	static class RegisteredScenarios {

		@RegisterExtension
		final MockDioExtension mocks = new MockDioExtension();

		@Test
		void registeredAdapterIsVerifiedToo() {
			this.mocks.adapter().onGet("/never").reply(200, Map.of());
		}

		@Test
		void registeredAdapterStartsClean() {
			MockDioAdapter mock = this.mocks.adapter();
			mock.onGet("/a").replyText(200, "a");
			assertThat(dio(mock).get("/a").block().data()).isEqualTo("a");
		}

	}

	/** Enables the scenarios only inside the launcher that expects their failures. */
	static class ScenarioCondition implements org.junit.jupiter.api.extension.ExecutionCondition {

		@Override
		public org.junit.jupiter.api.extension.ConditionEvaluationResult evaluateExecutionCondition(
				org.junit.jupiter.api.extension.ExtensionContext context) {
			return context.getConfigurationParameter(SCENARIOS).isPresent()
					? org.junit.jupiter.api.extension.ConditionEvaluationResult.enabled("run by MockDioExtensionTest")
					: org.junit.jupiter.api.extension.ConditionEvaluationResult.disabled("fails on purpose; run by MockDioExtensionTest");
		}

	}

}
