package io.github.diospring.internal;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.diospring.BaseOptions;
import io.github.diospring.RequestOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ParsedUrlsTest {

	@Test
	void aLiteralPathOnTheBaseUrlIsParsedOnceForEveryRequestAndAsk() {
		BaseOptions base = BaseOptions.builder().baseUrl("https://parsed-once.example/api/").build();
		RequestOptions first = RequestOptions.builder(base).path("/users").build();
		RequestOptions second = RequestOptions.builder(base).path("/users").method("POST").build();

		assertThat(first.uri()).hasToString("https://parsed-once.example/api/users");
		assertThat(first.uri()).isSameAs(first.uri()).isSameAs(second.uri());
	}

	@Test
	void filledTemplatesAndQueriesAreParsedEachTimeAndNotKept() {
		BaseOptions base = BaseOptions.builder().baseUrl("https://parsed-each-time.example/").build();
		RequestOptions templated = RequestOptions.builder(base).path("/users/{id}").pathVariable("id", "42").build();
		RequestOptions queried = RequestOptions.builder(base).path("/users")
			.queryParameters(Map.of("token", "secret")).build();

		assertThat(templated.uri()).hasToString("https://parsed-each-time.example/users/42").isNotSameAs(templated.uri());
		assertThat(queried.uri()).hasToString("https://parsed-each-time.example/users?token=secret")
			.isNotSameAs(queried.uri());
	}

	@Test
	void aWrongUrlFailsEveryTimeItIsAskedFor() {
		AtomicInteger parses = new AtomicInteger();

		for (int i = 0; i < 2; i++) {
			assertThatIllegalArgumentException().isThrownBy(() -> ParsedUrls.get("https://wrong.example", "/x", p -> {
				parses.incrementAndGet();
				throw new IllegalArgumentException("wrong");
			}));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> BaseOptions.builder().baseUrl("ftp://files.example/").build())
				.withMessageContaining("baseUrl");
		}
		assertThat(parses).hasValue(2);
	}

	@Test
	void manyDistinctPathsDoNotGrowTheMemoryAndTheUrlsStayRight() {
		String base = "https://many-paths.example";
		for (int i = 0; i < ParsedUrls.MAX_PATHS * 3; i++) {
			int n = i;
			URI uri = ParsedUrls.get(base, "/" + i, p -> URI.create(base + p));
			assertThat(uri).hasToString(base + "/" + n);
		}
		AtomicInteger parses = new AtomicInteger();
		URI kept = ParsedUrls.get(base, "/again", p -> {
			parses.incrementAndGet();
			return URI.create(base + p);
		});

		assertThat(ParsedUrls.get(base, "/again", p -> URI.create("https://never.example"))).isSameAs(kept);
		assertThat(ParsedUrls.size(base)).isLessThanOrEqualTo(ParsedUrls.MAX_PATHS);
		assertThat(parses).hasValue(1);
	}

}
