package io.github.diospring.hardening;

import java.time.Duration;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A path variable can never change which segments a path template has. */
class PathVariableTraversalTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@ParameterizedTest
	@ValueSource(strings = { "..", ".", "" })
	void aValueThatNormalisationWouldRemoveIsRefusedNamingTheVariable(String id) {
		server.wireMock().stubFor(get(anyUrl()).willReturn(ok()));
		Dio dio = server.dio();

		Throwable error = catchThrowable(() -> dio.get("/api/users/{id}/profile", r -> r.pathVariable("id", id))
			.block(Duration.ofSeconds(20)));

		// The URL is built when the request runs (interceptors may still change it): the call fails with the cause.
		assertThat(error).isInstanceOf(DioException.class).cause().isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("pathVariables: {id}");
		assertThat(server.wireMock().getAllServeEvents()).isEmpty();
		RequestOptions options = RequestOptions.builder(dio.options()).path("/api/users/{id}/profile")
			.pathVariable("id", id).build();
		assertThatIllegalArgumentException().isThrownBy(options::uri).withMessageContaining("{id}");
	}

	@Test
	void twoVariablesThatTogetherMakeADotSegmentAreRefused() {
		RequestOptions options = RequestOptions.builder(BaseOptions.builder().baseUrl(server.baseUrl()).build())
			.path("/api/{a}{b}/x").pathVariable("a", ".").pathVariable("b", ".").build();

		assertThatIllegalArgumentException().isThrownBy(options::uri).withMessageContaining("{a}, {b}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "../admin", "..\\admin", "a/b", "%2e%2e", "..;/admin" })
	void slashesAndEscapesStayInsideTheirOwnSegment(String id) {
		server.wireMock().stubFor(get(anyUrl()).willReturn(ok()));
		Dio dio = server.dio();

		dio.get("/api/users/{id}/profile", r -> r.pathVariable("id", id)).block(Duration.ofSeconds(20));

		String url = server.wireMock().getAllServeEvents().get(0).getRequest().getUrl();
		assertThat(url).startsWith("/api/users/").endsWith("/profile");
		assertThat(url.substring("/api/users/".length(), url.length() - "/profile".length())).doesNotContain("/");
	}

	@Test
	void dotsInsideARealSegmentAndTraversalInQueryValuesAreSentEncoded() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(ok()));
		Dio dio = server.dio();

		dio.get("/api/users/{id}/profile", r -> r.pathVariable("id", "..x").queryParameter("next", "../../admin"))
			.block(Duration.ofSeconds(20));

		assertThat(server.wireMock().getAllServeEvents().get(0).getRequest().getUrl())
			.isEqualTo("/api/users/..x/profile?next=..%2F..%2Fadmin");
	}

}
