package io.github.diospring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.envelope.Page;
import io.github.diospring.form.MultipartFile;
import io.github.diospring.service.DioHttpServices;
import io.github.diospring.service.OnSendProgress;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The README's examples for event streams and declarative interfaces, compiled and run. */
class StreamsReadmeExamplesTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private static final Logger log = LoggerFactory.getLogger(StreamsReadmeExamplesTest.class);

	record Chunk(String text) {
	}

	record Notification(String title) {
	}

	record Order(long id) {
	}

	record User(long id, String name) {
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder events(String body) {
		return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
	}

	@Test
	void sse() {
		Dio dio = server.dio();
		CancelToken token = new CancelToken();
		List<String> printed = new CopyOnWriteArrayList<>();
		server.wireMock().stubFor(post("/v1/completions").willReturn(events(
				"data: {\"text\":\"Hel\"}\n\ndata: {\"text\":\"lo\"}\n\ndata: [DONE]\n\n")));
		server.wireMock().stubFor(get("/notifications").willReturn(events(
				": keep-alive\n\nid: 41\nevent: mention\ndata: {\"title\":\"Ann mentioned you\"}\n\n")));

		// tag::sse[]
		// an LLM-style completion: POST, typed chunks, ended by the server's [DONE]
		SseOptions untilDone = SseOptions.builder().endMarker("[DONE]").build();
		dio.sse("/v1/completions", Chunk.class, r -> r.method("POST").data(Map.of("prompt", "Hello")), untilDone)
				.map(event -> event.data().text())
				.doOnNext(printed::add)
				.blockLast();

		// a notification feed: resumed with Last-Event-ID after a drop, at most 60 s of silence
		Disposable feed = dio.sse("/notifications", Notification.class,
				r -> r.receiveTimeout(Duration.ofSeconds(60)).cancelToken(token))
			.subscribe(event -> log.info("{} {} {}", event.id(), event.event(), event.data().title()),
					error -> log.info("feed ended: {}", error.getMessage()));
		// end::sse[]
		await().atMost(Duration.ofSeconds(20)).until(() -> server.wireMock()
			.countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/notifications")).build())
			.getCount() > 0);
		token.cancel("done");
		feed.dispose();
		assertThat(printed).containsExactly("Hel", "lo");
	}

	@Test
	void ndjson() {
		Dio dio = server.dio();
		server.wireMock().stubFor(get(urlPathEqualTo("/exports/orders")).willReturn(aResponse()
			.withHeader("Content-Type", "application/x-ndjson").withBody("{\"id\":1}\n{\"id\":2}\n")));

		// tag::ndjson[]
		Flux<Order> orders = dio.ndjson("/exports/orders", Order.class, r -> r.queryParameter("since", "2024-01-01"));
		// end::ndjson[]
		assertThat(orders.collectList().block(Duration.ofSeconds(10))).containsExactly(new Order(1), new Order(2));
	}

	@Test
	void httpInterface() {
		Dio dio = server.dio();
		server.wireMock().stubFor(get("/users/1").willReturn(okJson("{\"id\":1,\"name\":\"Ann\"}")));
		server.wireMock().stubFor(get(urlPathEqualTo("/users"))
			.willReturn(okJson("{\"list\":[{\"id\":1,\"name\":\"Ann\"}],\"current\":1,\"pageSize\":10,\"total\":1}")));

		// tag::http-interface[]
		@HttpExchange("/users")
		interface UserApi {

			@GetExchange("/{id}")
			User user(@PathVariable long id);

			@GetExchange
			Page<User> page(@RequestParam int current, CancelToken token);

			@PostExchange("/{id}/avatar")
			Mono<Void> avatar(@PathVariable long id, @RequestPart("file") MultipartFile file,
					@OnSendProgress ProgressCallback progress);

			@GetExchange(url = "/changes", accept = "text/event-stream")
			Flux<User> changes(SseOptions options);

		}

		UserApi users = DioHttpServices.createClient(dio, UserApi.class);
		User ann = users.user(1);
		Page<User> first = users.page(1, new CancelToken());
		// end::http-interface[]
		assertThat(ann).isEqualTo(new User(1, "Ann"));
		assertThat(first.total()).isEqualTo(1);
	}

}
