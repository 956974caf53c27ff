package io.github.diospring.test.slice;

import java.util.Map;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.test.MockDioAdapter;
import io.github.diospring.test.MockResponse;
import io.github.diospring.test.autoconfigure.DioTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The README's test-support examples, compiled and run. */
class TestSupportReadmeExamplesTest {

	@Test
	void mockAdapter() {
		// tag::mock-adapter[]
		MockDioAdapter mock = MockDioAdapter.create();
		Dio dio = Dio.builder()
				.options(BaseOptions.builder().baseUrl("https://api.example.com").build())
				.adapter(mock)                 // interceptors, transformer, cookies, timeouts: all real
				.build();

		mock.onGet("/users/{id}").withQuery("verbose", "true")
				.reply(200, Map.of("id", 1, "name", "Ann"));
		mock.onPost("/users").withJsonBody(Map.of("name", "Bob"))
				.respond(MockResponse.json(201, Map.of("id", 2)).withHeader("Location", "/users/2"));
		mock.onGet("/health").fail(DioExceptionType.CONNECTION_ERROR);

		dio.get("/users/1", r -> r.queryParameter("verbose", true)).block();
		dio.post("/users", Map.of("name", "Bob")).block();
		DioException down = catchThrowableOfType(DioException.class, () -> dio.get("/health").block());
		mock.verify();                         // every expectation met, no stray request
		// end::mock-adapter[]
		assertThat(down.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR);
		assertThat(mock.requests()).hasSize(3);
	}

}

// tag::dio-test[]
@DioTest(components = GreetingService.class)  // dio's auto-configuration + this service only
class GreetingServiceTest {

	@Autowired GreetingService greetings;
	@Autowired MockDioAdapter upstream;                     // the default client's adapter
	@Autowired @Qualifier("github") MockDioAdapter github;  // dio.clients.github's adapter

	@Test
	void greetsWithTheUpstreamsWords() {
		upstream.onGet("/greetings/{name}")
				.reply(200, Map.of("success", true, "data", Map.of("text", "hello ann")));

		assertThat(greetings.greet("ann").block()).isEqualTo("hello ann");  // envelope unwrapped
		upstream.verify();
	}

}
// end::dio-test[]
