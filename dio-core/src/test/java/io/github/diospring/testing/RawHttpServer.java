package io.github.diospring.testing;

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
import java.util.function.Function;

/**
 * An HTTP/1.1 server on 127.0.0.1 that answers each request with bytes the test writes, exactly:
 * for what WireMock and Jetty would refuse or repair (control bytes, raw UTF-8 in headers). It
 * records every request head byte for byte (as ISO-8859-1 text), and closes each connection after
 * its response.
 *
 * <pre>{@code
 * try (RawHttpServer server = RawHttpServer.start(head -> RawHttpServer.response(
 *         "HTTP/1.1 200 OK\r\nSet-Cookie: a=\u0001\r\nContent-Length: 0\r\n\r\n"))) {
 *     dio.get(server.url("/")).block();
 *     server.requests();   // ["GET / HTTP/1.1\r\nhost: ...", ...]
 * }
 * }</pre>
 */
public final class RawHttpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final ExecutorService acceptor = Executors.newSingleThreadExecutor();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private RawHttpServer(Function<String, byte[]> responder) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor.submit(() -> {
			while (!this.socket.isClosed()) {
				try (Socket s = this.socket.accept()) {
					String head = readRequestHead(s.getInputStream());
					this.requests.add(head);
					s.getOutputStream().write(responder.apply(head));
					s.getOutputStream().flush();
					s.shutdownOutput();
				}
				catch (IOException ex) {
					// closed by close(), or the client hung up first
				}
			}
			return null;
		});
	}

	/**
	 * @param responder the raw response (status line, headers, body) to a request head
	 * @return the running server
	 * @throws IOException when no port is free
	 */
	public static RawHttpServer start(Function<String, byte[]> responder) throws IOException {
		return new RawHttpServer(responder);
	}

	/**
	 * @param text a response written in Java text; characters above 0x7F become UTF-8 bytes
	 * @return its bytes
	 */
	public static byte[] response(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** @return the request heads received so far (request line and headers), in order */
	public List<String> requests() {
		return this.requests;
	}

	/**
	 * @param path any path
	 * @return an absolute URL on this server
	 */
	public String url(String path) {
		return "http://127.0.0.1:" + this.socket.getLocalPort() + path;
	}

	private static String readRequestHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("the client closed before the request head ended");
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		this.acceptor.shutdownNow();
	}

}
