package io.github.diospring.adapter;

import io.github.diospring.Dio;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The default transport and its switch. The build runs the whole suite twice, once per adapter,
 * through the {@code dio.adapter} system property; this test proves each run is on the adapter it
 * claims.
 */
class AdapterTypeTest {

	@Test
	void dioCreateRunsOnReactorNettyUnlessTheSystemPropertyNamesWebClient() {
		Class<?> expected = "webclient".equals(System.getProperty(AdapterType.SYSTEM_PROPERTY)) ? WebClientAdapter.class
				: ReactorNettyAdapter.class;
		try (Dio dio = Dio.create()) {
			assertThat(dio.httpClientAdapter()).isExactlyInstanceOf(expected);
		}
		try (Dio dio = Dio.builder().build()) {
			assertThat(dio.httpClientAdapter()).isExactlyInstanceOf(expected);
		}
	}

	@Test
	void namesAreReadAsPropertiesAreWritten() {
		assertThat(AdapterType.parse(null, "x")).isEqualTo(AdapterType.REACTOR_NETTY);
		assertThat(AdapterType.parse(" ", "x")).isEqualTo(AdapterType.REACTOR_NETTY);
		assertThat(AdapterType.parse("reactor-netty", "x")).isEqualTo(AdapterType.REACTOR_NETTY);
		assertThat(AdapterType.parse("WebClient", "x")).isEqualTo(AdapterType.WEBCLIENT);
		assertThat(AdapterType.parse("REACTOR_NETTY", "x")).isEqualTo(AdapterType.REACTOR_NETTY);
	}

	@Test
	void anUnknownNameFailsNamingTheSourceAndTheChoices() {
		assertThatIllegalArgumentException().isThrownBy(() -> AdapterType.parse("okhttp", "dio.adapter"))
			.withMessageContaining("dio.adapter=okhttp")
			.withMessageContaining("reactor-netty")
			.withMessageContaining("webclient");
	}

	@Test
	void eachTypeMakesItsOwnAdapterOnItsOwnPool() {
		HttpClientAdapter netty = AdapterType.REACTOR_NETTY.create(PoolSettings.defaults());
		HttpClientAdapter webClient = AdapterType.WEBCLIENT.create(PoolSettings.defaults());
		try {
			assertThat(netty).isInstanceOf(ReactorNettyAdapter.class);
			assertThat(webClient).isInstanceOf(WebClientAdapter.class);
		}
		finally {
			netty.close(true);
			webClient.close(true);
		}
	}

}
