package io.github.diospring;

import java.util.Map;

import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedirectTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder redirect(int status, String to) {
		return aResponse().withStatus(status).withHeader("Location", to);
	}

	@Test
	void redirectsAreFollowedAndRecorded() {
		server.wireMock().stubFor(get("/a").willReturn(redirect(301, "/b")));
		server.wireMock().stubFor(get("/b").willReturn(redirect(302, server.baseUrl() + "/c")));
		server.wireMock().stubFor(get("/c").willReturn(okJson("{\"at\":\"c\"}")));
		Dio dio = server.dio();

		Response<Object> response = dio.get("/a").block();

		assertThat(response.data()).isEqualTo(Map.of("at", "c"));
		assertThat(response.isRedirect()).isTrue();
		assertThat(response.redirects()).extracting(RedirectRecord::statusCode).containsExactly(301, 302);
		assertThat(response.redirects()).extracting(RedirectRecord::method).containsExactly("GET", "GET");
		assertThat(response.redirects().get(0).location().toString()).isEqualTo(server.baseUrl() + "/b");
		assertThat(response.realUri().toString()).isEqualTo(server.baseUrl() + "/c");
	}

	@Test
	void tooManyRedirectsFailNamingMaxRedirects() {
		server.wireMock().stubFor(get("/loop").willReturn(redirect(302, "/loop")));
		Dio dio = server.dio(BaseOptions.builder().baseUrl(server.baseUrl()).maxRedirects(3));

		assertThatExceptionOfType(DioException.class).isThrownBy(() -> dio.get("/loop").block()).satisfies(e -> {
			assertThat(e.type()).isEqualTo(DioExceptionType.UNKNOWN);
			assertThat(e.getMessage()).contains("maxRedirects").contains("3 redirects");
		});
		server.wireMock().verify(4, getRequestedFor(urlEqualTo("/loop")));
	}

	@Test
	void withoutFollowingARedirectIsABadResponse() {
		server.wireMock().stubFor(get("/moved").willReturn(redirect(302, "/elsewhere")));
		Dio dio = server.dio();

		assertThatExceptionOfType(DioException.class).isThrownBy(() -> dio.get("/moved", r -> r.followRedirects(false)).block())
			.satisfies(e -> {
				assertThat(e.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
				assertThat(e.response().statusCode()).isEqualTo(302);
				assertThat(e.response().headers().value("location")).isEqualTo("/elsewhere");
			});
		Response<Object> manual = dio.get("/moved", r -> r.followRedirects(false).validateStatus(s -> s < 400)).block();
		assertThat(manual.statusCode()).isEqualTo(302);
		server.wireMock().verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
	}

	@Test
	void credentialsAreDroppedWhenARedirectChangesOrigin() {
		server.wireMock().stubFor(get("/same").willReturn(redirect(302, "/same-target")));
		server.wireMock().stubFor(get("/same-target").willReturn(okJson("{}")));
		server.wireMock().stubFor(get("/cross").willReturn(redirect(302, server.otherOriginBaseUrl() + "/cross-target")));
		server.wireMock().stubFor(get("/cross-target").willReturn(okJson("{}")));
		Dio dio = server.dio(BaseOptions.builder().baseUrl(server.baseUrl()).header("Authorization", "Bearer secret")
			.header("Cookie", "sid=1").header("Proxy-Authorization", "Basic x").header("X-Keep", "kept"));

		dio.get("/same").block();
		dio.get("/cross").block();

		server.wireMock().verify(getRequestedFor(urlEqualTo("/same-target")).withHeader("Authorization", equalTo("Bearer secret"))
			.withHeader("Cookie", equalTo("sid=1")).withHeader("X-Keep", equalTo("kept")));
		server.wireMock().verify(getRequestedFor(urlEqualTo("/cross-target")).withHeader("Authorization", absent())
			.withHeader("Cookie", absent()).withHeader("Proxy-Authorization", absent())
			.withHeader("X-Keep", equalTo("kept")));
	}

	@Test
	void postFollows302AsGetAnd307WithTheSameBody() {
		server.wireMock().stubFor(post("/form").willReturn(redirect(302, "/done")));
		server.wireMock().stubFor(get("/done").willReturn(okJson("{\"via\":\"get\"}")));
		server.wireMock().stubFor(post("/api").willReturn(redirect(307, "/api2")));
		server.wireMock().stubFor(post("/api2").willReturn(okJson("{\"via\":\"post\"}")));
		Dio dio = server.dio();

		Response<Object> afterForm = dio.post("/form", Map.of("a", 1)).block();
		Response<Object> afterApi = dio.post("/api", Map.of("b", 2)).block();

		assertThat(afterForm.data()).isEqualTo(Map.of("via", "get"));
		assertThat(afterForm.redirects().get(0).method()).isEqualTo("GET");
		server.wireMock().verify(getRequestedFor(urlEqualTo("/done")).withHeader("Content-Type", absent()));
		assertThat(afterApi.data()).isEqualTo(Map.of("via", "post"));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/api2")).withRequestBody(equalTo("{\"b\":2}")));
	}

}
