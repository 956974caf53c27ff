package io.github.diospring.demo.bff;

import io.github.diospring.Dio;
import io.github.diospring.SseOptions;
import io.github.diospring.demo.User;
import io.github.diospring.envelope.EnvelopeResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.registry.ImportHttpServices;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The declarative interface and the event stream: {@code /api/interface/users/{id}} calls the
 * upstream through {@link UserApi} (an {@code @ImportHttpServices} group named after the
 * {@code upstream} dio client), and {@code /api/ticks} relays the upstream's server-sent events to the
 * browser as they arrive, ending at the upstream's {@code [DONE]}.
 *
 * <pre>{@code
 * curl localhost:8080/api/interface/users/1
 * curl -N localhost:8080/api/ticks
 * }</pre>
 */
@RestController
@RequestMapping("/api")
@EnvelopeResponse
@ImportHttpServices(group = "upstream", types = UserApi.class)
class StreamsController {

	private final UserApi users;

	private final Dio upstream;

	StreamsController(UserApi users, @Qualifier("upstream") Dio upstream) {
		this.users = users;
		this.upstream = upstream;
	}

	/** The same typed call as {@code /api/users/{id}}, declared as an interface. */
	@GetMapping("/interface/users/{id}")
	Mono<User> user(@PathVariable long id) {
		return this.users.user(id);
	}

	/** The upstream's ticks, parsed by dio and sent on to the browser one by one. */
	@GetMapping(path = "/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Tick>> ticks() {
		return this.upstream.sse("/ticks", Tick.class, null, SseOptions.builder().endMarker("[DONE]").build())
			.map(event -> ServerSentEvent.builder(event.data()).id(event.id()).event(event.event()).build());
	}

	/**
	 * One price tick, as the upstream sends it.
	 *
	 * @param seq the sequence number
	 * @param symbol the symbol
	 * @param price the price
	 */
	record Tick(int seq, String symbol, double price) {
	}

}
