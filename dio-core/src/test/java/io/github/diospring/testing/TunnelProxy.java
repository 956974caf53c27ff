package io.github.diospring.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal HTTP forward proxy on 127.0.0.1 that speaks {@code CONNECT} (what Reactor Netty's
 * proxy support sends, for http and https targets alike): it records each tunnel's target, then
 * relays bytes both ways. Closed by {@link #close()}.
 */
public final class TunnelProxy implements AutoCloseable {

	private final ServerSocket server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<String> tunnels = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	public TunnelProxy() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.submit(this::acceptLoop);
	}

	/** @return the port */
	public int port() {
		return this.server.getLocalPort();
	}

	/** @return the {@code host:port} of every tunnel opened, in order */
	public List<String> tunnels() {
		return this.tunnels;
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				this.threads.submit(() -> tunnel(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void tunnel(Socket client) {
		try {
			String head = readHead(client.getInputStream());
			String[] requestLine = head.split("\r\n", 2)[0].split(" ");
			if (!requestLine[0].equals("CONNECT")) {
				client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes());
				client.close();
				return;
			}
			String target = requestLine[1];
			this.tunnels.add(target);
			int colon = target.lastIndexOf(':');
			Socket upstream = new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
			this.sockets.add(upstream);
			client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			client.getOutputStream().flush();
			this.threads.submit(() -> pipe(upstream.getInputStream(), client.getOutputStream()));
			pipe(client.getInputStream(), upstream.getOutputStream());
		}
		catch (IOException ex) {
			// the client or upstream went away: the tunnel ends
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed before the request head ended");
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : (b == '\r' ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	private static Void pipe(InputStream from, OutputStream to) throws IOException {
		byte[] buffer = new byte[8192];
		int n;
		try {
			while ((n = from.read(buffer)) >= 0) {
				to.write(buffer, 0, n);
				to.flush();
			}
		}
		finally {
			to.close();
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.threads.shutdownNow();
	}

}
