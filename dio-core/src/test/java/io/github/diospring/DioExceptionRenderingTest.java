package io.github.diospring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.interceptor.LogInterceptor;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** dio's readable string builder: how a DioException renders, for all of them and for one. */
class DioExceptionRenderingTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@AfterEach
	void restoreTheDefault() {
		DioException.readableStringBuilder(null);
	}

	private DioException failedRequest(List<String> log) {
		server.wireMock().stubFor(get("/missing").willReturn(aResponse().withStatus(404)));
		Dio dio = server.dio();
		dio.interceptors().add(LogInterceptor.builder().logPrint(log::add).build());
		return catchThrowableOfType(DioException.class, () -> dio.get("/missing").block());
	}

	@Test
	void theDefaultIsDiosFormat() {
		DioException e = failedRequest(new CopyOnWriteArrayList<>());

		assertThat(e.toString()).startsWith("DioException [bad response]: GET " + server.baseUrl() + "/missing returned status 404");
		assertThat(DioException.readableStringBuilder()).isSameAs(DioException.ReadableStringBuilder.DEFAULT);
	}

	@Test
	void aGlobalBuilderRendersEveryExceptionAndTheLog() {
		DioException.readableStringBuilder(e -> "[" + e.type() + "] " + e.requestOptions().path());
		List<String> log = new CopyOnWriteArrayList<>();

		DioException e = failedRequest(log);

		assertThat(e.toString()).isEqualTo("[BAD_RESPONSE] /missing");
		assertThat(log).anySatisfy(entry -> assertThat(entry).contains("[BAD_RESPONSE] /missing"));
	}

	@Test
	void anInstanceBuilderWinsOverTheGlobalOne() {
		DioException.readableStringBuilder(e -> "global");
		DioException e = failedRequest(new CopyOnWriteArrayList<>());

		e.stringBuilder(x -> "mine: " + DioException.ReadableStringBuilder.DEFAULT.build(x));

		assertThat(e.toString()).startsWith("mine: DioException [bad response]: ");
		assertThat(e.withTypeAndMessage(DioExceptionType.UNKNOWN, "copied").toString())
			.isEqualTo("mine: DioException [unknown]: copied");
		assertThat(e.stringBuilder(null).toString()).isEqualTo("global");
	}

}
