package io.github.diospring.test.slice;

import java.util.Map;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.autoconfigure.DioClients;
import io.github.diospring.envelope.BizException;
import io.github.diospring.test.MockDioAdapter;
import io.github.diospring.test.autoconfigure.DioTest;
import io.github.diospring.test.autoconfigure.MockDioAdapters;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code @DioTest}: only dio and the named component start, every client answers from its own mock. */
@DioTest(components = GreetingService.class, properties = { "dio.base-url=https://api.example.com",
		"dio.clients.github.base-url=https://api.github.com", "dio.clients.github.headers.X-Client=slice" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DioTestSliceTest {

	@Autowired
	GreetingService greetings;

	@Autowired
	MockDioAdapter mock;

	@Autowired
	@Qualifier("github")
	MockDioAdapter github;

	@Autowired
	MockDioAdapters mocks;

	@Autowired
	ApplicationContext context;

	@Test
	void startsTheNamedComponentAndTheBeansThatShapeClientsOnly() {
		assertThat(this.context.getBeansOfType(GreetingService.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(TraceInterceptor.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(NotUnderTestService.class)).isEmpty();
		assertThat(this.context.getBeansOfType(MockDioAdapter.class)).containsOnlyKeys("defaultMockDioAdapter",
				"githubMockDioAdapter");
		assertThat(this.mocks.clients()).containsExactly("default", "github");
		DioClients clients = this.context.getBean(DioClients.class);
		assertThat(clients.get("default").httpClientAdapter()).isSameAs(this.mock);
		assertThat(clients.get("github").httpClientAdapter()).isSameAs(this.github);
	}

	@Test
	void theAutoConfiguredEnvelopeAndTheInterceptorBeansRunAroundTheMock() {
		this.mock.onGet("/greetings/{name}")
			.withHeader("X-Trace", "slice-trace")
			.reply(200, Map.of("success", true, "data", Map.of("text", "hello ann")));

		assertThat(this.greetings.greet("ann").block()).isEqualTo("hello ann");
		this.mock.verify();
	}

	@Test
	void aNamedClientAnswersFromItsOwnMockWithItsYamlSettings() {
		this.github.onGet("https://api.github.com/users/{login}")
			.withHeader("X-Client", "slice")
			.reply(200, Map.of("name", "The Octocat"));

		assertThat(this.greetings.githubName("octocat").block()).isEqualTo("The Octocat");
		this.mocks.verify();
	}

	@Test
	void aBusinessFailureBecomesABizException() {
		this.mock.onGet("/greetings/{name}").reply(200, Map.of("success", false, "errorCode", "NO_GREETING",
				"errorMessage", "nobody greets bob"));

		DioException error = catchThrowableOfType(DioException.class, () -> this.greetings.greet("bob").block());

		assertThat(error).isInstanceOf(BizException.class);
		assertThat(error.type()).isEqualTo(DioExceptionType.BIZ_ERROR);
		assertThat(error.getMessage()).contains("nobody greets bob");
	}

	@Test
	@Order(1)
	void leavesAnExpectationBehind() {
		this.mock.onGet("/leftover").reply(200, Map.of());
	}

	@Test
	@Order(2)
	void startsCleanAfterAnotherTest() {
		assertThat(this.mock.requests()).isEmpty();
		this.mock.verify();
	}

}
