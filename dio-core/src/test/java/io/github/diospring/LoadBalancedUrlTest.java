package io.github.diospring;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code lb://service-id} base URLs are accepted by the options, and fail clearly when nothing resolves them. */
class LoadBalancedUrlTest {

	@Test
	void anLbBaseUrlIsAValidOptionAndBuildsItsLogicalUri() {
		BaseOptions options = BaseOptions.builder().baseUrl("lb://users/api").build();

		assertThat(RequestOptions.builder(options).path("/users/{id}").pathVariable("id", 7).build().uri())
			.hasToString("lb://users/api/users/7");
		assertThatThrownBy(() -> BaseOptions.builder().baseUrl("lb:///api").build())
			.hasMessageContaining("lb://service-id");
	}

	@Test
	void withoutALoadBalancerTheRequestFailsNamingWhatIsMissing() {
		try (Dio dio = Dio.create(BaseOptions.builder().baseUrl("lb://users").build())) {
			assertThatThrownBy(() -> dio.get("/users").block(Duration.ofSeconds(10))).isInstanceOf(DioException.class)
				.hasMessageContaining("lb://users cannot be sent")
				.hasMessageContaining("Spring Cloud LoadBalancer");
		}
	}

}
