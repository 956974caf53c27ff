package io.github.diospring.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.BaseOptions;
import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.envelope.DefaultErrorAdaptor;
import io.github.diospring.envelope.EnvelopeFields;
import io.github.diospring.envelope.EnvelopeSettings;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.testing.LocalServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.observation.transport.SenderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Each dio request is one {@code http.client.requests} observation with template URIs and dio's error type. */
class DioObservationTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private Dio dio(ObservationRegistry registry) {
		return server.track(Dio.builder().name("github").observationRegistry(registry)
			.options(BaseOptions.builder().baseUrl(server.baseUrl()).build()).build());
	}

	@Test
	void aSuccessfulRequestIsObservedWithItsUriTemplateAndClient() {
		server.wireMock().stubFor(get("/users/42").willReturn(okJson("{\"id\":42}")));
		TestObservationRegistry registry = TestObservationRegistry.create();

		dio(registry).get("/users/{id}", r -> r.pathVariable("id", 42)).block();

		TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasContextualNameEqualTo("http get")
			.hasLowCardinalityKeyValue("uri", "/users/{id}")
			.hasLowCardinalityKeyValue("method", "GET")
			.hasLowCardinalityKeyValue("status", "200")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("client", "github")
			.hasLowCardinalityKeyValue("client.name", "127.0.0.1")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasHighCardinalityKeyValue("http.url", server.baseUrl() + "/users/42")
			.hasBeenStopped();
	}

	@Test
	void untemplatedIdsDoNotExplodeCardinality() {
		assertThat(UriTemplates.of(options("/users/42/orders/7?x=1"))).isEqualTo("/users/{id}/orders/{id}");
		assertThat(UriTemplates.of(options("/files/3f2504e0-4f89-11d3-9a0c-0305e82c3301"))).isEqualTo("/files/{id}");
		assertThat(UriTemplates.of(options("https://other.example/a/deadbeefdeadbeefdeadbeef"))).isEqualTo("/a/{id}");
		assertThat(UriTemplates.of(options("/users/{id}"))).isEqualTo("/users/{id}");
		assertThat(UriTemplates.of(options("/v1/search"))).isEqualTo("/v1/search");
	}

	private static io.github.diospring.RequestOptions options(String path) {
		return io.github.diospring.RequestOptions.builder(BaseOptions.builder().baseUrl("http://h").build()).path(path).build();
	}

	@Test
	void failuresCarryTheDioErrorTypeAndCancellationsAreNotErrors() {
		server.wireMock().stubFor(get("/missing").willReturn(aResponse().withStatus(404)));
		server.wireMock().stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(10_000)));
		TestObservationRegistry registry = TestObservationRegistry.create();
		Dio dio = dio(registry);

		catchThrowableOfType(DioException.class, () -> dio.get("/missing").block());
		TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasLowCardinalityKeyValue("status", "404")
			.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
			.hasLowCardinalityKeyValue("error.type", "BAD_RESPONSE")
			.hasError();

		TestObservationRegistry cancelRegistry = TestObservationRegistry.create();
		Dio cancelling = dio(cancelRegistry);
		CancelToken token = new CancelToken();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		cancelling.get("/slow", r -> r.cancelToken(token)).subscribe(x -> {
		}, errors::add);
		await().atMost(Duration.ofSeconds(10)).until(() -> server.wireMock().countRequestsMatching(
				getRequestedFor(urlEqualTo("/slow")).build()).getCount() == 1);
		token.cancel();
		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);
		TestObservationRegistryAssert.assertThat(cancelRegistry).hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasLowCardinalityKeyValue("status", "CANCELED")
			.hasLowCardinalityKeyValue("outcome", "CANCELED")
			.doesNotHaveError()
			.hasBeenStopped();
	}

	@Test
	void tracingHeadersReachTheUpstream() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}")));
		TestObservationRegistry registry = TestObservationRegistry.create();
		registry.observationConfig().observationHandler(new FakePropagation());

		dio(registry).get("/traced").block();

		server.wireMock().verify(getRequestedFor(urlEqualTo("/traced"))
			.withHeader("traceparent", equalTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
	}

	@Test
	void metersCountRequestsErrorsAndBytesPerClient() {
		server.wireMock().stubFor(get("/ok").willReturn(okJson("{\"payload\":\"" + "x".repeat(100) + "\"}")));
		server.wireMock().stubFor(get("/biz").willReturn(okJson("{\"success\":false,\"errorCode\":\"E1\"}")));
		MeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		registry.observationConfig().observationHandler(new io.github.diospring.autoconfigure.DioMetricsObservationHandler(meters, true, 1));
		Dio dio = dio(registry);
		JsonMapper mapper = JsonMapper.builder().build();
		dio.interceptors().add(new ErrorAdaptorInterceptor(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
				(info, error) -> {
				}, EnvelopeSettings.DEFAULTS, mapper));

		dio.get("/ok").block();
		dio.post("/ok", Map.of("a", 1)).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block();
		catchThrowableOfType(DioException.class, () -> dio.get("/biz").block());

		Timer ok = meters.get("http.client.requests").tags("uri", "/ok", "method", "GET", "client", "github").timer();
		assertThat(ok.count()).isEqualTo(1);
		assertThat(meters.get("dio.client.errors").tags("client", "github", "type", "BIZ_ERROR", "error.code", "E1")
			.counter().count()).isEqualTo(1);
		assertThat(meters.get("dio.client.bytes.received").tags("client", "github").summary().totalAmount())
			.isGreaterThan(100);
		assertThat(meters.get("dio.client.bytes.sent").tags("client", "github").summary().totalAmount()).isEqualTo(7);
	}

	/** What a tracer's propagating handler does: writes the trace header into the request carrier. */
	static final class FakePropagation implements ObservationHandler<SenderContext<Object>> {

		@Override
		@SuppressWarnings({ "unchecked", "rawtypes" })
		public void onStart(SenderContext context) {
			context.getSetter().set(context.getCarrier(), "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof SenderContext;
		}

	}

}
