package io.github.diospring;

import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
