package io.github.diospring.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written HTTP/1.1 server on 127.0.0.1 for behaviour no real server shows on demand:
 * resets, stalls, trickles, closing kept-alive connections. Each connection runs
 * {@code handler} on its own thread; {@link #close()} closes the listening socket and every
 * connection.
 *
 * <pre>{@code
 * try (RawServer server = RawServer.start((socket, n) -> { RawServer.readHead(socket.getInputStream()); socket.close(); })) {
 *     dio.get(server.url("/x")).block();
 * }
 * }</pre>
 */
final class RawServer implements AutoCloseable {

	/** What the server does with one accepted connection. */
	interface Handler {

		/**
		 * @param socket the connection
		 * @param index 0 for the first connection, 1 for the second...
		 * @throws IOException ends this connection
		 */
		void handle(Socket socket, int index) throws IOException;

	}

	private final ServerSocket listener;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private RawServer(Handler handler) throws IOException {
		this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		this.threads.submit(() -> {
			while (!this.listener.isClosed()) {
				Socket socket;
				try {
					socket = this.listener.accept();
				}
				catch (IOException ex) {
					return;
				}
				this.sockets.add(socket);
				int index = this.connections.getAndIncrement();
				this.threads.submit(() -> {
					try (socket) {
						handler.handle(socket, index);
					}
					catch (IOException ex) {
						// the client hung up, or close() ended the test
					}
				});
			}
		});
	}

	static RawServer start(Handler handler) throws IOException {
		return new RawServer(handler);
	}

	/** @return the connections accepted so far */
	int connections() {
		return this.connections.get();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.listener.getLocalPort() + path;
	}

	/**
	 * Reads one request head (through the blank line).
	 * @param in the connection's input
	 * @return the head, or null when the client closed first
	 * @throws IOException on a broken connection
	 */
	static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				return null;
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Reads one request: its head and its Content-Length body.
	 * @param in the connection's input
	 * @return the head, or null when the client closed first
	 * @throws IOException on a broken connection
	 */
	static String readRequest(InputStream in) throws IOException {
		String head = readHead(in);
		if (head == null) {
			return null;
		}
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
				in.readNBytes(Integer.parseInt(line.substring(15).trim()));
			}
		}
		return head;
	}

	/** @return the bytes of a complete response with this text body, keeping the connection alive */
	static byte[] okResponse(String body) {
		return ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\nKeep-Alive: timeout=60\r\n"
				+ "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.threads.shutdownNow();
	}

}
