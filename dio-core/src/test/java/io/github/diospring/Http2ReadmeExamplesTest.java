package io.github.diospring;

import java.time.Duration;

import io.github.diospring.adapter.WebClientAdapter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's HTTP/2 example, compiled and run against a local h2c server. */
class Http2ReadmeExamplesTest {

	@Test
	void http2() {
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).protocol(HttpProtocol.H2C)
			.handle((request, response) -> response.sendString(Mono.just("ok")))
			.bindNow();
		String baseUrl = "http://127.0.0.1:" + server.port();
		try {
			// tag::http2[]
			Dio dio = Dio.builder()
				.options(BaseOptions.builder().baseUrl(baseUrl).build())
				.adapter(WebClientAdapter.create(HttpClient.create().protocol(HttpProtocol.H2C)))   // or HTTP11, H2 over TLS
				.build();
			Response<Object> response = dio.get("/").block();
			Object version = response.extra().get(WebClientAdapter.HTTP_VERSION);     // "HTTP/2.0"
			// end::http2[]
			assertThat(version).isEqualTo("HTTP/2.0");
			dio.close();
		}
		finally {
			server.disposeNow();
		}
	}

}
