package io.github.diospring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 whose responses break midway: it promises a Content-Length, sends
 * only part of the body at once, then closes the connection ({@link #start}) or goes silent
 * ({@link #stalling}). A body that fails after some bytes arrived, which WireMock does not give (its
 * faults break before the body, its dribble delays the headers too).
 *
 * <pre>{@code
 * try (HalfBodyServer server = HalfBodyServer.start(1000, 500)) {
 *     dio.download(server.url("/file"), target).block();   // fails after 500 bytes
 * }
 * }</pre>
 */
public final class HalfBodyServer implements AutoCloseable {

	private final ServerSocket socket;

	private final ExecutorService acceptor = Executors.newSingleThreadExecutor();

	private volatile Socket current;

	private HalfBodyServer(int declared, int sent, boolean hangUp) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		byte[] body = new byte[sent];
		Arrays.fill(body, (byte) 'x');
		this.acceptor.submit(() -> {
			while (!this.socket.isClosed()) {
				try (Socket s = this.socket.accept()) {
					this.current = s;
					readRequestHead(s.getInputStream());
					OutputStream out = s.getOutputStream();
					out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + declared
							+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
					out.write(body);
					out.flush();
					if (hangUp) {
						// FIN right after the data, so the client gets every byte sent, then the break
						s.shutdownOutput();
					}
					s.getInputStream().transferTo(OutputStream.nullOutputStream());
				}
				catch (IOException ex) {
					// closed by close(), or the client hung up first
				}
			}
			return null;
		});
	}

	/**
	 * @param declared the Content-Length it announces
	 * @param sent the bytes it really sends before closing
	 * @return the running server
	 * @throws IOException when no port is free
	 */
	public static HalfBodyServer start(int declared, int sent) throws IOException {
		return new HalfBodyServer(declared, sent, true);
	}

	/**
	 * @param declared the Content-Length it announces
	 * @param sent the bytes it sends before it goes silent, keeping the connection open
	 * @return the running server
	 * @throws IOException when no port is free
	 */
	public static HalfBodyServer stalling(int declared, int sent) throws IOException {
		return new HalfBodyServer(declared, sent, false);
	}

	/**
	 * @param path any path
	 * @return an absolute URL on this server
	 */
	public String url(String path) {
		return "http://127.0.0.1:" + this.socket.getLocalPort() + path;
	}

	private static void readRequestHead(InputStream in) throws IOException {
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("the client closed before the request head ended");
			}
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		Socket s = this.current;
		if (s != null) {
			s.close();
		}
		this.acceptor.shutdownNow();
	}

}
