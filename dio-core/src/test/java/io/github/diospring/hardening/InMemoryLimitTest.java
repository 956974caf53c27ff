package io.github.diospring.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Response;
import io.github.diospring.adapter.ResponseBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code maxInMemorySize}: bodies read into memory stop at the limit with a BAD_RESPONSE naming it;
 * STREAM responses and downloads are not limited. The 2 GiB body and the gzip bomb run in a JVM of
 * their own with a 64 MiB heap ({@link InMemoryLimitProbe}).
 */
class InMemoryLimitTest {

	private static final int MIB = 1024 * 1024;

	private static DisposableServer server;

	private final List<Dio> clients = new ArrayList<>();

	/** {@code /sized} sends 2 MiB with a Content-Length, {@code /chunked} the same without one. */
	@BeforeAll
	static void startServer() {
		server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
			.get("/sized", (request, response) -> response.header("Content-Length", String.valueOf(2 * MIB))
				.header("Content-Type", "application/octet-stream")
				.send(body()))
			.get("/chunked", (request, response) -> response.header("Content-Type", "text/plain").send(body())))
			.bindNow();
	}

	private static Flux<ByteBuf> body() {
		return Flux.range(0, 32).map(i -> Unpooled.wrappedBuffer(new byte[64 * 1024]));
	}

	@AfterAll
	static void stopServer() {
		server.disposeNow();
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(dio -> dio.close(true));
	}

	private Dio client(long maxInMemorySize) {
		Dio dio = Dio.create(BaseOptions.builder()
			.baseUrl("http://127.0.0.1:" + server.port())
			.maxInMemorySize(maxInMemorySize)
			.build());
		this.clients.add(dio);
		return dio;
	}

	@ParameterizedTest
	@ValueSource(strings = { "/sized", "/chunked" })
	void aBodyOverTheLimitIsABadResponseNamingTheLimitAndTheProperty(String path) {
		Dio dio = client(MIB);

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.get(path, String.class).block(Duration.ofSeconds(30)));

		assertThat(e.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(e.getMessage()).contains("1048576 bytes").contains("maxInMemorySize").contains("dio.max-in-memory-size");
	}

	@Test
	void bytesAreLimitedToo() {
		Dio dio = client(MIB);

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.get("/chunked", byte[].class).block(Duration.ofSeconds(30)));

		assertThat(e.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
	}

	@Test
	void aRequestCanRaiseTheLimit() {
		Dio dio = client(MIB);

		Response<byte[]> response = dio.get("/chunked", byte[].class, r -> r.maxInMemorySize(4L * MIB))
			.block(Duration.ofSeconds(30));

		assertThat(response.data()).hasSize(2 * MIB);
	}

	@Test
	void streamedBodiesAreNotLimited() throws IOException {
		Dio dio = client(MIB);

		Response<ResponseBody> response = dio.get("/chunked", ResponseBody.class).block(Duration.ofSeconds(30));

		Long read = response.data().stream().map(buffer -> {
			int n = buffer.readableByteCount();
			DataBufferUtils.release(buffer);
			return (long) n;
		}).reduce(0L, Long::sum).block(Duration.ofSeconds(30));
		assertThat(read).isEqualTo(2L * MIB);
	}

	@Test
	void downloadsAreNotLimited(@TempDir Path dir) throws IOException {
		Dio dio = client(MIB);

		dio.download("/sized", dir.resolve("file.bin")).block(Duration.ofSeconds(30));

		assertThat(Files.size(dir.resolve("file.bin"))).isEqualTo(2L * MIB);
	}

	@Test
	void a2GiBBodyStopsAtTheDefaultLimitInA64MiBHeap() throws Exception {
		String result = runProbe("huge");

		assertThat(result).startsWith("BAD_RESPONSE").contains("10485760 bytes").contains("maxInMemorySize");
	}

	@Test
	void aGzipBombStopsAtTheDefaultLimitInA64MiBHeap() throws Exception {
		String result = runProbe("bomb");

		assertThat(result).startsWith("BAD_RESPONSE").contains("10485760 bytes").contains("maxInMemorySize");
	}

	/** Runs {@link InMemoryLimitProbe} in a JVM with a 64 MiB heap; it must print its result and exit. */
	private static String runProbe(String probe) throws Exception {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:MaxDirectMemorySize=64m",
				"-Dio.netty.leakDetection.level=paranoid", "-cp", classpath, InMemoryLimitProbe.class.getName(), probe)
			.redirectErrorStream(true)
			.start();
		StringBuilder output = new StringBuilder();
		Thread reader = new Thread(() -> {
			try (InputStream in = process.getInputStream()) {
				output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				// the process ended
			}
		});
		reader.start();
		boolean exited = process.waitFor(3, TimeUnit.MINUTES);
		if (!exited) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		reader.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(exited).as("the probe exits; output:%n%s", output).isTrue();
		return output.toString()
			.lines()
			.filter(line -> line.startsWith("RESULT "))
			.map(line -> line.substring(7))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no RESULT line; output:\n" + output));
	}

}
