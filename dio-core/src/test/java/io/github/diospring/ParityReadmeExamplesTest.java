package io.github.diospring;

import java.util.List;
import java.util.Map;

import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The README's examples of the dio APIs that came with full parity (clone, content-type
 * implication, exception rendering), compiled and run against a local server.
 */
class ParityReadmeExamplesTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@Test
	void cloneAndContentTypeImplication() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"token\":\"t2\"}")));
		Dio dio = server.dio();
		dio.interceptors().add(InterceptorsWrapper.builder()
			.onRequest((o, h) -> h.next(o.withHeader("Authorization", "Bearer t1")))
			.build());

		// tag::clone[]
		// same options and connection pool, none of the interceptors: for the refresh call itself
		Dio tokenDio = dio.clone(c -> c.interceptors(List.of()));
		Response<Object> refreshed = tokenDio.post("/token/refresh").block();

		// another base URL, everything else shared
		Dio other = dio.clone(c -> c.options(dio.options().withBaseUrl(dio.options().baseUrl() + "/v2")));

		// no implied application/json for bodies sent without a content type
		dio.interceptors().removeImplyContentTypeInterceptor();
		// end::clone[]

		other.get("/ping").block();
		dio.post("/raw", "text").block();
		assertThat(refreshed.data()).isEqualTo(Map.of("token", "t2"));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/token/refresh")).withHeader("Authorization", absent()));
		server.wireMock().verify(getRequestedFor(urlEqualTo("/v2/ping")).withHeader("Authorization", equalTo("Bearer t1")));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/raw")).withHeader("Content-Type", absent()));
	}

	@Test
	void exceptionRendering() {
		server.wireMock().stubFor(get("/missing").willReturn(aResponse().withStatus(404)));
		Dio dio = server.dio();
		try {
			// tag::exceptionString[]
			DioException.readableStringBuilder(e -> e.type() + " " + e.requestOptions().path());   // every exception

			DioException e = catchThrowableOfType(DioException.class, () -> dio.get("/missing").block());
			assertThat(e.toString()).isEqualTo("BAD_RESPONSE /missing");
			e.stringBuilder(DioException.ReadableStringBuilder.DEFAULT);                           // this one only
			assertThat(e.toString()).startsWith("DioException [bad response]: GET ");
			// end::exceptionString[]
		}
		finally {
			DioException.readableStringBuilder(null);
		}
	}

}
