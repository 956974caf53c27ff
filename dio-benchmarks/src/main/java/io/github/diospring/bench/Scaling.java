package io.github.diospring.bench;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

/**
 * Scaling curves of one client, in a JVM of its own: a closed-loop load generator keeps N GETs in
 * flight (each completion sends the next one) and measures, per point, throughput, p50/p99
 * latency (send to decoded value) and the process's CPU time per request
 * ({@code OperatingSystemMXBean#getProcessCpuTime}, every thread: event loops, JIT, GC).
 * <ul>
 * <li>requests in flight 1, 16, 64, 256, 1024 with the ~200 B body;</li>
 * <li>bodies ~200 B, 10 KB, 100 KB, 1 MB (decoded into a record / a list of records) at 64 in flight;</li>
 * <li>memory per in-flight request: heap used, Netty's direct memory (its default allocator's
 * metric) and the JVM's direct buffer pool ({@code BufferPoolMXBean "direct"}), each right after a
 * full GC taken while 1024 requests are in flight, minus the same taken idle, divided by 1024.</li>
 * </ul>
 * Every point is warmed up before it is measured; the JVM first warms every body at 64 in flight.
 * Failed requests are counted (a default pool that refuses 1024 waiters shows here), not retried
 * at once: the next request of that slot starts 1 ms later.
 *
 * <p>Usage: {@code java -Xms2g -Xmx2g -cp benchmarks.jar io.github.diospring.bench.Scaling <client> <out.json>}
 * with {@code BENCH_BASE_URL} set. Options (environment): {@code BENCH_SCALING_WARMUP} /
 * {@code BENCH_SCALING_SECONDS} (seconds per point, 1 / 3), {@code BENCH_SCALING_INFLIGHT}
 * ({@code 1,16,64,256,1024}).
 */
public final class Scaling {

	private static final com.sun.management.OperatingSystemMXBean OS =
			(com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	/** Body sizes of the second curve, by the path nginx serves them at. */
	private static final Map<String, String> BODIES = new LinkedHashMap<>();

	static {
		BODIES.put("200 B", Payloads.SMALL);
		BODIES.put("10 KB", Payloads.LIST_10K);
		BODIES.put("100 KB", Payloads.LARGE);
		BODIES.put("1 MB", Payloads.LIST_1M);
	}

	private static final int BODY_IN_FLIGHT = 64;

	private static final int MEMORY_IN_FLIGHT = 1024;

	private Scaling() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			throw new IllegalArgumentException("Usage: Scaling <client> <out.json>");
		}
		String name = args[0];
		Path out = Path.of(args[1]);
		double warmup = seconds("BENCH_SCALING_WARMUP", 1);
		double measure = seconds("BENCH_SCALING_SECONDS", 3);
		int[] inFlight = Arrays.stream(System.getenv().getOrDefault("BENCH_SCALING_INFLIGHT", "1,16,64,256,1024")
			.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("client", name);
		result.put("warmupSeconds", warmup);
		result.put("measureSeconds", measure);
		Machine.awaitQuiet();
		BenchClient client;
		try {
			client = Clients.create(name, Payloads.baseUrl());
			Verify.responses(client);
		}
		catch (Exception | LinkageError ex) {
			// a client this build cannot make (the Reactor Netty adapter missing) is reported, not fatal
			result.put("error", String.valueOf(ex.getMessage()));
			write(out, result);
			System.err.println(name + ": " + ex);
			System.exit(0);
			return;
		}
		Sender sender = sender(client);
		ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(Clients.daemon("scaling-retry"));
		try {
			for (String path : BODIES.values()) {
				run(sender, retry, path, BODY_IN_FLIGHT, warmup * 1.5, 0);
			}
			Map<String, Long> idle = memory();
			List<Map<String, Object>> curve = new ArrayList<>();
			Map<String, Object> at64 = null;
			Map<String, Object> memory = null;
			for (int n : inFlight) {
				Load load = new Load(sender, retry, Payloads.SMALL, n);
				load.start();
				Map<String, Object> point = load.measure(warmup, measure);
				point.put("inFlight", n);
				curve.add(point);
				if (n == BODY_IN_FLIGHT) {
					at64 = point;
				}
				if (n == MEMORY_IN_FLIGHT) {
					memory = memoryPerRequest(idle, memory(), n);
				}
				load.stop();
				log(name, "in flight " + n, point);
			}
			result.put("inFlight", curve);
			List<Map<String, Object>> bodies = new ArrayList<>();
			for (Map.Entry<String, String> body : BODIES.entrySet()) {
				Map<String, Object> point = (body.getValue().equals(Payloads.SMALL) && at64 != null) ? at64
						: run(sender, retry, body.getValue(), BODY_IN_FLIGHT, warmup, measure);
				point = new LinkedHashMap<>(point);
				point.put("body", body.getKey());
				bodies.add(point);
				log(name, "body " + body.getKey(), point);
			}
			result.put("body", bodies);
			result.put("memory", memory);
		}
		finally {
			retry.shutdownNow();
			client.close();
		}
		write(out, result);
		System.exit(0);
	}

	private static Map<String, Object> run(Sender sender, ScheduledExecutorService retry, String path, int n,
			double warmup, double measure) throws InterruptedException {
		Load load = new Load(sender, retry, path, n);
		load.start();
		try {
			return load.measure(warmup, measure);
		}
		finally {
			load.stop();
		}
	}

	/** Heap used and direct memory right after a full GC; the median of three. */
	private static Map<String, Long> memory() {
		long[] heap = new long[3];
		long[] netty = new long[3];
		long[] nio = new long[3];
		for (int i = 0; i < 3; i++) {
			System.gc();
			heap[i] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			netty[i] = nettyDirect();
			nio[i] = nioDirect();
		}
		Map<String, Long> m = new LinkedHashMap<>();
		m.put("heapBytes", median(heap));
		m.put("nettyDirectBytes", median(netty));
		m.put("nioDirectBytes", median(nio));
		return m;
	}

	private static Map<String, Object> memoryPerRequest(Map<String, Long> idle, Map<String, Long> loaded, int n) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("inFlight", n);
		m.put("idle", idle);
		m.put("loaded", loaded);
		m.put("heapBytesPerRequest", (loaded.get("heapBytes") - idle.get("heapBytes")) / (double) n);
		m.put("nettyDirectBytesPerRequest",
				(loaded.get("nettyDirectBytes") - idle.get("nettyDirectBytes")) / (double) n);
		m.put("nioDirectBytesPerRequest", (loaded.get("nioDirectBytes") - idle.get("nioDirectBytes")) / (double) n);
		return m;
	}

	/** Direct memory of Netty's default allocator (pooled or adaptive), which Reactor Netty uses. */
	private static long nettyDirect() {
		return (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider metrics)
				? metrics.metric().usedDirectMemory() : 0;
	}

	private static long nioDirect() {
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			if ("direct".equals(pool.getName())) {
				return pool.getMemoryUsed();
			}
		}
		return 0;
	}

	private static long median(long[] v) {
		long[] c = v.clone();
		Arrays.sort(c);
		return c[c.length / 2];
	}

	private static double seconds(String env, double fallback) {
		String v = System.getenv(env);
		return (v == null || v.isBlank()) ? fallback : Double.parseDouble(v);
	}

	private static void log(String client, String what, Map<String, Object> p) {
		System.out.printf("%-22s %-16s %,10.0f req/s  p50 %8.2f ms  p99 %8.2f ms  cpu %7.1f us/req  errors %d%n",
				client, what, p.get("rps"), p.get("p50Ms"), p.get("p99Ms"), p.get("cpuUsPerRequest"), p.get("errors"));
	}

	private static void write(Path out, Map<String, Object> result) throws java.io.IOException {
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, Payloads.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
	}

	// ------------------------------------------------------------------ load

	/** One asynchronous GET of {@code path}: calls exactly one of the two when the value is decoded. */
	interface Sender {

		void send(String path, Runnable done, Consumer<Throwable> failed);

	}

	private static Sender sender(BenchClient client) {
		if (client instanceof ReactiveBenchClient reactive) {
			// completion, not the value, ends a request: an empty result must not leave its slot idle
			return (path, done, failed) -> {
				if (Payloads.SMALL.equals(path)) {
					reactive.getSmallMono().subscribe(null, failed, done);
				}
				else {
					reactive.getListMono(path).subscribe(null, failed, done);
				}
			};
		}
		if (client instanceof Clients.OkHttpBenchClient ok) {
			return ok::enqueue;
		}
		throw new IllegalArgumentException(client + " has no asynchronous API here; use a reactive client or okhttp");
	}

	/** N slots; each sends its next request when the previous one ends. */
	static final class Load {

		private final Sender sender;

		private final ScheduledExecutorService retry;

		private final String path;

		private final int n;

		private final AtomicInteger outstanding = new AtomicInteger();

		private volatile boolean stopped;

		private volatile Recorder recorder;

		private volatile String firstError;

		Load(Sender sender, ScheduledExecutorService retry, String path, int n) {
			this.sender = sender;
			this.retry = retry;
			this.path = path;
			this.n = n;
		}

		void start() {
			this.outstanding.set(this.n);
			for (int i = 0; i < this.n; i++) {
				fire();
			}
		}

		private void fire() {
			if (this.stopped) {
				this.outstanding.decrementAndGet();
				return;
			}
			long start = System.nanoTime();
			try {
				this.sender.send(this.path, () -> ended(start, true), ex -> failed(start, ex));
			}
			catch (RuntimeException ex) {
				failed(start, ex);
			}
		}

		private void failed(long start, Throwable ex) {
			if (this.firstError == null) {
				this.firstError = ex.toString();
			}
			ended(start, false);
		}

		private void ended(long start, boolean ok) {
			Recorder r = this.recorder;
			if (r != null) {
				r.record(System.nanoTime() - start, ok);
			}
			if (ok) {
				fire();
			}
			else {
				// not at once: a client refusing requests synchronously would otherwise spin
				this.retry.schedule(this::fire, 1, TimeUnit.MILLISECONDS);
			}
		}

		Map<String, Object> measure(double warmup, double measure) throws InterruptedException {
			Thread.sleep((long) (warmup * 1000));
			if (measure <= 0) {
				return Map.of();
			}
			Recorder r = new Recorder();
			long cpu0 = OS.getProcessCpuTime();
			long wall0 = System.nanoTime();
			this.recorder = r;
			Thread.sleep((long) (measure * 1000));
			this.recorder = null;
			long wall = System.nanoTime() - wall0;
			long cpu = OS.getProcessCpuTime() - cpu0;
			Map<String, Object> summary = r.summary(wall, cpu);
			if (this.firstError != null) {
				summary.put("firstError", this.firstError);
			}
			return summary;
		}

		void stop() throws InterruptedException {
			this.stopped = true;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (this.outstanding.get() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			if (this.outstanding.get() > 0) {
				throw new IllegalStateException(this.outstanding.get() + " requests still in flight 60 s after the load stopped");
			}
		}

	}

	/** Latencies of one measurement window (the first {@link #CAPACITY}; more are only counted). */
	static final class Recorder {

		static final int CAPACITY = 1 << 21;

		private final long[] latencies = new long[CAPACITY];

		private final AtomicInteger index = new AtomicInteger();

		private final LongAdder ok = new LongAdder();

		private final LongAdder errors = new LongAdder();

		void record(long nanos, boolean success) {
			if (!success) {
				this.errors.increment();
				return;
			}
			this.ok.increment();
			int i = this.index.getAndIncrement();
			if (i < CAPACITY) {
				this.latencies[i] = nanos;
			}
		}

		Map<String, Object> summary(long wallNanos, long cpuNanos) {
			long count = this.ok.sum();
			int recorded = (int) Math.min(Math.min(this.index.get(), CAPACITY), count);
			long[] sorted = Arrays.copyOf(this.latencies, recorded);
			Arrays.sort(sorted);
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("rps", count / (wallNanos / 1e9));
			p.put("p50Ms", percentile(sorted, 0.50) / 1e6);
			p.put("p99Ms", percentile(sorted, 0.99) / 1e6);
			p.put("cpuUsPerRequest", (count > 0) ? cpuNanos / 1e3 / count : Double.NaN);
			p.put("cpuCores", cpuNanos / (double) wallNanos);
			p.put("requests", count);
			p.put("errors", this.errors.sum());
			return p;
		}

		private static double percentile(long[] sorted, double q) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
		}

	}

}
