package io.github.diospring.observation;

import java.time.Duration;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.SseOptions;
import io.github.diospring.autoconfigure.DioMetricsObservationHandler;
import io.github.diospring.testing.LocalServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An event stream is one {@code http.client.requests} timing per connection, and its events are counted. */
class EventStreamMetricsTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@Test
	void aStreamIsTimedUntilItEndsAndItsEventsAreCounted() {
		server.wireMock().stubFor(get("/feed").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: a\n\n: ping\n\ndata: b\n\ndata: c\n\n").withChunkedDribbleDelay(4, 400)));
		MeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		registry.observationConfig().observationHandler(new DioMetricsObservationHandler(meters, false, 10));
		Dio dio = server.track(Dio.builder().name("feeds").observationRegistry(registry)
			.options(BaseOptions.builder().baseUrl(server.baseUrl()).build()).build());

		assertThat(dio.sse("/feed", String.class, null, SseOptions.builder().reconnect(false).build())
			.collectList().block(Duration.ofSeconds(20))).hasSize(3);

		await().atMost(Duration.ofSeconds(20)).until(() -> meters.find("dio.client.events").counter() != null);
		Timer timer = meters.get("http.client.requests").tags("uri", "/feed", "client", "feeds", "status", "200").timer();
		assertThat(timer.count()).isEqualTo(1);
		assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
			.as("timed until the body ended, not only until the headers").isGreaterThanOrEqualTo(300);
		assertThat(meters.get("dio.client.events").tags("client", "feeds", "uri", "/feed").counter().count()).isEqualTo(3);
	}

}
