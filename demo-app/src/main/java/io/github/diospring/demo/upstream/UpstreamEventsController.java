package io.github.diospring.demo.upstream;

import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The upstream's event stream: ten price ticks, one every 300 ms, each with an id, a heartbeat
 * comment between them and a {@code retry} hint; a client that reconnects with
 * {@code Last-Event-ID} continues after that tick. The last event is {@code [DONE]}.
 *
 * <pre>{@code
 * curl -N http://localhost:8080/upstream/ticks
 * }</pre>
 */
@RestController
@RequestMapping("/upstream")
class UpstreamEventsController {

	static final int TICKS = 10;

	@GetMapping(path = "/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> ticks(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		int from = (lastEventId != null) ? Integer.parseInt(lastEventId) + 1 : 1;
		Flux<ServerSentEvent<Object>> ticks = Flux.range(from, Math.max(0, TICKS - from + 1))
			.delayElements(Duration.ofMillis(300))
			.map(i -> ServerSentEvent.<Object>builder(new Tick(i, "DIO", 100 + i * 0.25))
				.id(String.valueOf(i))
				.event("tick")
				.retry(Duration.ofSeconds(1))
				.comment("heartbeat")
				.build());
		return ticks.concatWith(Flux.just(ServerSentEvent.<Object>builder("[DONE]").build()));
	}

	/**
	 * One price tick.
	 *
	 * @param seq the sequence number, also the event id
	 * @param symbol the symbol
	 * @param price the price
	 */
	record Tick(int seq, String symbol, double price) {
	}

}
