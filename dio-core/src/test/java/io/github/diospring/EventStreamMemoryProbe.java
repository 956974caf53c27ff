package io.github.diospring;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Run by {@link EventStreamMemoryTest} in its own small-heap JVM: a local server streams
 * {@code events} server-sent events of about 1 KiB each (far more bytes than the heap holds), the
 * client counts them through {@code dio.sse}, and the peak heap use is printed.
 */
public final class EventStreamMemoryProbe {

	private EventStreamMemoryProbe() {
	}

	public static void main(String[] args) {
		int count = Integer.parseInt(args[0]);
		String padding = "x".repeat(1000);
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
			.route(routes -> routes.get("/events", (request, response) -> response
				.header("Content-Type", "text/event-stream")
				.send(Flux.range(1, count).map(i -> Unpooled.copiedBuffer("id: " + i + "\ndata: {\"n\":" + i
						+ ",\"pad\":\"" + padding + "\"}\n\n", StandardCharsets.UTF_8)))))
			.bindNow();
		try (Dio dio = Dio.create(BaseOptions.builder().baseUrl("http://127.0.0.1:" + server.port()).build())) {
			record Item(int n, String pad) {
			}
			long[] state = { 0, 0 };  // events, last n
			dio.sse("/events", Item.class, null, SseOptions.builder().reconnect(false).build())
				.doOnNext(event -> {
					state[0]++;
					if (event.data().n() != state[1] + 1) {
						throw new IllegalStateException("out of order: " + event.data().n() + " after " + state[1]);
					}
					state[1] = event.data().n();
				})
				.blockLast(Duration.ofMinutes(5));
			long peak = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					peak += pool.getPeakUsage().getUsed();
				}
			}
			System.out.println("events=" + state[0] + " bytes=" + (long) count * 1030 + " peakHeap=" + peak
					+ " maxHeap=" + Runtime.getRuntime().maxMemory());
		}
		finally {
			server.disposeNow();
		}
	}

}
