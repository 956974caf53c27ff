package io.github.diospring.hardening;

import java.time.Duration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.adapter.WebClientAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * Runs in a JVM of its own with a small heap ({@link InMemoryLimitTest}): a local server sends a
 * 2 GiB body ({@code huge}) or a gzip bomb of 10 GiB of zeros, about 10 MB on the wire
 * ({@code bomb}); the client reads it as a String with the default limit. Prints one line
 * {@code RESULT <type> <message>} and exits.
 */
public final class InMemoryLimitProbe {

	private static final int BLOCK = 1024 * 1024;

	private InMemoryLimitProbe() {
	}

	public static void main(String[] args) {
		String probe = args[0];
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
			.get("/huge", (request, response) -> response.header("Content-Type", "text/plain")
				.header("Content-Length", String.valueOf(2L * 1024 * BLOCK))
				.send(zeros(2048)))
			.get("/bomb", (request, response) -> response.header("Content-Type", "text/plain")
				.header("Content-Encoding", "gzip")
				.send(gzipOfZeros(10 * 1024))))
			.bindNow();
		// the bomb needs a client that decompresses; the huge body goes to Dio.create() as it is
		Dio dio = probe.equals("bomb") ? Dio.builder().adapter(WebClientAdapter.create(HttpClient.create().compress(true))).build()
				: Dio.create();
		String result;
		try {
			String body = dio.get("http://127.0.0.1:" + server.port() + "/" + probe, String.class)
				.block(Duration.ofMinutes(2))
				.data();
			result = "READ " + body.length();
		}
		catch (DioException ex) {
			result = ex.type() + " " + ex.getMessage();
		}
		catch (OutOfMemoryError ex) {
			result = "OOM " + ex.getMessage();
		}
		System.out.println("RESULT " + result);
		System.out.flush();
		dio.close(true);
		server.disposeNow();
		System.exit(0);
	}

	/** {@code blocks} MiB of zeros, one shared block resent. */
	private static Flux<ByteBuf> zeros(int blocks) {
		ByteBuf block = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[BLOCK]));
		return Flux.range(0, blocks).map(i -> block.duplicate());
	}

	/** A gzip stream of {@code blocks} MiB of zeros, compressed as it is sent (about 1 KiB per MiB). */
	private static Flux<ByteBuf> gzipOfZeros(int blocks) {
		byte[] zeros = new byte[BLOCK];
		byte[] header = { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff };
		return Flux.using(() -> new Deflater(Deflater.BEST_COMPRESSION, true), deflater -> {
			CRC32 crc = new CRC32();
			Flux<ByteBuf> body = Flux.range(0, blocks).map(i -> {
				deflater.setInput(zeros);
				crc.update(zeros);
				return Unpooled.wrappedBuffer(drain(deflater, Deflater.SYNC_FLUSH));
			});
			Flux<ByteBuf> trailer = Flux.defer(() -> {
				deflater.finish();
				ByteBuf end = Unpooled.buffer();
				end.writeBytes(drain(deflater, Deflater.FULL_FLUSH));
				end.writeIntLE((int) crc.getValue());
				end.writeIntLE((int) ((long) blocks * BLOCK));
				return Flux.just(end);
			});
			return Flux.concat(Flux.just(Unpooled.wrappedBuffer(header)), body, trailer);
		}, Deflater::end);
	}

	private static byte[] drain(Deflater deflater, int flush) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		byte[] chunk = new byte[64 * 1024];
		int n;
		while ((n = deflater.deflate(chunk, 0, chunk.length, flush)) > 0) {
			out.write(chunk, 0, n);
		}
		return out.toByteArray();
	}

}
