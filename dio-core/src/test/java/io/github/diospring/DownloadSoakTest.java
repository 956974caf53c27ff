package io.github.diospring;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.diospring.form.FormData;
import io.github.diospring.form.MultipartFile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory proof: a 1 GiB download and a 1 GiB upload, each through a client whose heap is 64 MiB,
 * against a Reactor Netty server in this JVM that generates and counts the bytes (WireMock would
 * hold the body in memory). Reports peak heap, direct memory and throughput. Not part of the normal
 * build: {@code mvn -B -o -pl dio-core -Psoak test} (the profile runs only
 * tests tagged {@code soak}, with {@code -Xmx64m}); {@code -Dsoak.mib=N} changes the size.
 */
@Tag("soak")
class DownloadSoakTest {

	private static final long SIZE = Long.getLong("soak.mib", 1024) * 1024 * 1024;

	private static final int CHUNK = 64 * 1024;

	private static final byte[] PATTERN = pattern();

	private static DisposableServer server;

	private static Dio dio;

	@TempDir
	Path dir;

	private static byte[] pattern() {
		byte[] bytes = new byte[CHUNK];
		for (int i = 0; i < CHUNK; i++) {
			bytes[i] = (byte) (i * 31 + 7);
		}
		return bytes;
	}

	@BeforeAll
	static void start() {
		server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
			.get("/big", (request, response) -> response.header("Content-Length", String.valueOf(SIZE))
				.header("Content-Type", "application/octet-stream")
				.send(generated()))
			.post("/upload", (request, response) -> request.receive()
				.map(ByteBuf::readableBytes)
				.reduce(0L, (sum, n) -> sum + n)
				.flatMap(count -> response.sendString(Mono.just(String.valueOf(count))).then())))
			.bindNow();
		dio = Dio.create(BaseOptions.builder().baseUrl("http://127.0.0.1:" + server.port()).build());
	}

	@AfterAll
	static void stop() {
		dio.close(true);
		server.disposeNow();
	}

	/** The same 64 KiB wrapped again and again: the server itself allocates nothing per chunk. */
	private static Flux<ByteBuf> generated() {
		return Flux.generate(() -> 0L, (sent, sink) -> {
			if (sent >= SIZE) {
				sink.complete();
				return sent;
			}
			int n = (int) Math.min(CHUNK, SIZE - sent);
			sink.next(Unpooled.wrappedBuffer(PATTERN, 0, n));
			return sent + n;
		});
	}

	@Test
	void aGibibyteDownloadAndUploadRunInConstantMemory() throws IOException {
		long maxHeap = Runtime.getRuntime().maxMemory();
		assertThat(maxHeap).as("run with -Psoak, which sets -Xmx64m").isLessThanOrEqualTo(80L * 1024 * 1024);
		Path target = this.dir.resolve("big.bin");
		AtomicLong lastProgress = new AtomicLong();

		Measurement download = measure("download", () -> dio.download("/big", target,
				r -> r.onReceiveProgress((n, total) -> lastProgress.set(n))).block(Duration.ofMinutes(10)));

		assertThat(Files.size(target)).isEqualTo(SIZE);
		assertThat(lastProgress).hasValue(SIZE);
		assertSampledBytesMatch(target);
		Files.delete(target);

		Path source = this.dir.resolve("upload.bin");
		try (RandomAccessFile sparse = new RandomAccessFile(source.toFile(), "rw")) {
			sparse.setLength(SIZE);
		}
		Measurement upload = measure("upload", () -> dio.post("/upload",
				DataBufferUtils.read(source, DefaultDataBufferFactory.sharedInstance, CHUNK),
				String.class, r -> r.header("Content-Length", SIZE).contentType("application/octet-stream"))
			.block(Duration.ofMinutes(10)).data());

		assertThat(upload.result).isEqualTo(String.valueOf(SIZE));

		Measurement multipart = measure("formdata", () -> dio.post("/upload",
				FormData.fromMap(Map.of("file", MultipartFile.fromFile(source, "upload.bin"))), String.class)
			.block(Duration.ofMinutes(10)).data());

		assertThat(Long.parseLong((String) multipart.result)).isGreaterThan(SIZE);
		String report = "soak (-Xmx" + (maxHeap / (1024 * 1024)) + "m, " + (SIZE / (1024 * 1024)) + " MiB each)\n"
				+ download + "\n" + upload + "\n" + multipart + "\n";
		System.out.print(report);
		Files.writeString(Path.of("target", "soak-report.txt"), report);
	}

	private static void assertSampledBytesMatch(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer one = ByteBuffer.allocate(1);
			for (long offset : new long[] { 0, 1, CHUNK - 1, CHUNK, SIZE / 3, SIZE / 2 + 12345, SIZE - 1 }) {
				one.clear();
				channel.read(one, offset);
				assertThat(one.get(0)).as("byte at %d", offset).isEqualTo(PATTERN[(int) (offset % CHUNK)]);
			}
		}
	}

	/** Peak heap per pool (from the JVM, not sampled), plus sampled heap and direct memory, GC and speed. */
	private static <T> Measurement measure(String name, Supplier<T> work) {
		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		long gcCount = gcCount();
		long gcMillis = gcMillis();
		AtomicLong sampledHeap = new AtomicLong();
		AtomicLong sampledDirect = new AtomicLong();
		BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
			.filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleAtFixedRate(() -> {
			sampledHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
			sampledDirect.accumulateAndGet(direct.getMemoryUsed(), Math::max);
		}, 0, 20, TimeUnit.MILLISECONDS);
		long start = System.nanoTime();
		T result;
		try {
			result = work.get();
		}
		finally {
			sampler.shutdownNow();
		}
		long nanos = System.nanoTime() - start;
		long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
			.mapToLong(p -> p.getPeakUsage().getUsed()).sum();
		return new Measurement(name, result, nanos, peakHeap, sampledHeap.get(),
				sampledDirect.get(), gcCount() - gcCount, gcMillis() - gcMillis);
	}


	private static long gcCount() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
	}

	private static long gcMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
	}

	private record Measurement(String name, Object result, long nanos, long peakHeap, long sampledHeap,
			long sampledDirect, long gcs, long gcMillis) {

		@Override
		public String toString() {
			double seconds = this.nanos / 1e9;
			double mib = 1024.0 * 1024;
			return String.format(Locale.ROOT,
					"%-8s %5.1f s %6.1f MiB/s | heap: peak %4.1f MiB (sum of pool peaks), sampled max %4.1f MiB"
							+ " | direct (sampled max) %4.1f MiB | %d GCs, %d ms",
					this.name, seconds, SIZE / mib / seconds, this.peakHeap / mib, this.sampledHeap / mib,
					this.sampledDirect / mib, this.gcs, this.gcMillis);
		}

	}

}
