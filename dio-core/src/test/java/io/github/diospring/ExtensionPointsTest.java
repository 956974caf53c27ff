package io.github.diospring;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.diospring.adapter.HttpClientAdapter;
import io.github.diospring.adapter.RequestBody;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.testing.LocalServer;
import io.github.diospring.transformer.DefaultTransformer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class ExtensionPointsTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@Test
	void aCustomTransformerEncodesAndDecodes() {
		server.wireMock().stubFor(post("/echo").willReturn(okJson("{\"n\":1}")));
		Dio dio = server.track(Dio.builder().options(BaseOptions.builder().baseUrl(server.baseUrl()).build())
			.transformer(new DefaultTransformer() {
				@Override
				public String transformRequest(RequestOptions options) {
					return "wrapped:" + super.transformRequest(options);
				}

				@Override
				public Mono<Object> transformResponse(RequestOptions options, ResponseBody body, @Nullable Type type) {
					return super.transformResponse(options, body, type).map(data -> Map.of("decoded", data));
				}
			})
			.build());

		Object data = dio.post("/echo", Map.of("a", 1)).block().data();

		assertThat(data).isEqualTo(Map.of("decoded", Map.of("n", 1)));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/echo")).withRequestBody(equalTo("wrapped:{\"a\":1}")));
	}

	@Test
	void requestEncoderAndResponseDecoderReplaceUtf8() {
		server.wireMock().stubFor(post("/gbk").willReturn(okJson("{\"name\":\"x\"}")));
		Dio dio = server.dio(BaseOptions.builder().baseUrl(server.baseUrl())
			.requestEncoder((text, options) -> text.toUpperCase().getBytes())
			.responseDecoder((bytes, options, status) -> new String(bytes).replace("x", "decoded")));

		Object data = dio.post("/gbk", Map.of("a", "b")).block().data();

		assertThat(data).isEqualTo(Map.of("name", "decoded"));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/gbk")).withRequestBody(equalTo("{\"A\":\"B\"}")));
	}

	@Test
	void aCustomAdapterReplacesTheTransport() {
		AtomicReference<RequestOptions> seen = new AtomicReference<>();
		AtomicBoolean closed = new AtomicBoolean();
		HttpClientAdapter fake = new HttpClientAdapter() {
			@Override
			public Mono<ResponseBody> fetch(RequestOptions options, @Nullable RequestBody body) {
				seen.set(options);
				return DataBufferUtils.join(body.content()).map(buffer -> {
					String sent = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
					DataBufferUtils.release(buffer);
					return ResponseBody.fromString("{\"echo\":" + sent + "}", 201,
							Headers.of("Content-Type", "application/json"));
				});
			}

			@Override
			public void close(boolean force) {
				closed.set(true);
			}
		};
		Dio dio = Dio.builder().options(BaseOptions.builder().baseUrl("https://fake.example").build()).adapter(fake).build();

		Response<Object> response = dio.post("/x", Map.of("k", "v")).block();
		dio.close();

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.data()).isEqualTo(Map.of("echo", Map.of("k", "v")));
		assertThat(seen.get().uri().toString()).isEqualTo("https://fake.example/x");
		assertThat(seen.get().contentType()).isEqualTo("application/json");
		assertThat(closed).isTrue();
	}

}
