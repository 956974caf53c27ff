package io.github.diospring.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A server for load tests that proves real concurrency: {@code /load} answers {@code ok} once
 * {@code crowd} requests are inside at the same time (or after 10 s), {@code /quick} answers at
 * once, {@code /never} holds its request until the server stops. It is the JDK's server on a thread
 * per request, not Reactor Netty's: that one buffers a keep-alive request arriving while the
 * previous request on the connection is still terminating and can forget to read on
 * (reactor-netty issue 4361), which a fast client at 256 in flight runs into once in a few runs.
 *
 * <pre>{@code
 * try (CrowdServer server = CrowdServer.start(64)) {
 *     // send 256 at once to server.url("/load"), then: server.peakInFlight() >= 64
 * }
 * }</pre>
 */
public final class CrowdServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "crowd-server");
		thread.setDaemon(true);
		return thread;
	});

	private final int crowdSize;

	private final CountDownLatch crowd = new CountDownLatch(1);

	private final CountDownLatch stopping = new CountDownLatch(1);

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger peakInFlight = new AtomicInteger();

	private CrowdServer(int crowdSize) throws IOException {
		this.crowdSize = crowdSize;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		this.server.setExecutor(this.workers);
		this.server.createContext("/load", this::load);
		this.server.createContext("/quick", exchange -> answer(exchange, "ok"));
		this.server.createContext("/never", exchange -> {
			await(this.stopping, 600);
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * @param crowdSize how many requests {@code /load} waits for
	 * @return the started server
	 */
	public static CrowdServer start(int crowdSize) {
		try {
			return new CrowdServer(crowdSize);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the test server", ex);
		}
	}

	/** @return the port on 127.0.0.1 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/** @return the most {@code /load} requests inside at once */
	public int peakInFlight() {
		return this.peakInFlight.get();
	}

	private void load(HttpExchange exchange) throws IOException {
		try {
			if (this.peakInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max) >= this.crowdSize) {
				this.crowd.countDown();
			}
			await(this.crowd, 10);
			answer(exchange, "ok");
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	private static void answer(HttpExchange exchange, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		exchange.getRequestBody().readAllBytes();
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void await(CountDownLatch latch, int seconds) {
		try {
			latch.await(seconds, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.stopping.countDown();
		this.server.stop(0);
		this.workers.shutdownNow();
	}

}
