package io.github.diospring.bench;

import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.Response;
import io.github.diospring.adapter.HttpClientAdapter;
import io.github.diospring.adapter.ReactorNettyAdapter;
import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.bench.Payloads.User;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.envelope.DefaultErrorAdaptor;
import io.github.diospring.envelope.EnvelopeFields;
import io.github.diospring.envelope.EnvelopeSettings;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.envelope.LoggingErrorNotifier;
import io.github.diospring.interceptor.LogInterceptor;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TreeNode;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that are not throughput: (1) how often the ~100 KB JSON body is parsed and converted per
 * request (dio on both adapters with and without interceptors, the envelope-wrapped list through
 * the envelope interceptor, raw WebClient); (2) the heap while dio streams the 100 MiB
 * file to disk ({@code dio.download}, and a STREAM response written with DataBufferUtils), meant to
 * run with {@code -Xmx64m} (raw WebClient alongside for reference).
 * Usage: {@code java -Xmx64m -cp benchmarks.jar io.github.diospring.bench.Checks <out.json>}
 * with {@code BENCH_BASE_URL} set.
 */
public final class Checks {

	private Checks() {
	}

	public static void main(String[] args) throws Exception {
		String base = Payloads.baseUrl();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
		out.put("decode", decodeChecks(base));
		Path dir = Path.of(System.getenv().getOrDefault("BENCH_DOWNLOAD_DIR", System.getProperty("java.io.tmpdir")));
		List<Map<String, Object>> downloads = new ArrayList<>();
		downloads.add(downloadHeap(Clients.DIO_DOWNLOAD, base, dir, 3));
		downloads.add(downloadHeap(Clients.DIO, base, dir, 3));
		downloads.add(downloadHeap(Clients.WEBCLIENT, base, dir, 3));
		out.put("download", downloads);
		String json = Payloads.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out);
		if (args.length > 0) {
			Files.writeString(Path.of(args[0]), json);
		}
		System.out.println(json);
		System.exit(0);
	}

	// ------------------------------------------------------------------ decode once

	private static List<Map<String, Object>> decodeChecks(String base) {
		List<Map<String, Object>> results = new ArrayList<>();
		int requests = 20;
		// dio-rn+envelope reads the envelope-wrapped list through the envelope interceptor's typed unwrap
		for (String variant : List.of(Clients.DIO_NETTY, Clients.DIO_NETTY_INTERCEPTORS, Clients.DIO_NETTY_ENVELOPE,
				Clients.DIO, Clients.DIO_INTERCEPTORS, Clients.WEBCLIENT)) {
			CountingMapper mapper = CountingMapper.create();
			ConnectionProvider pool = Clients.pool("check");
			try {
				int records = 0;
				if (variant.equals(Clients.WEBCLIENT)) {
					WebClient web = WebClient.builder()
						.baseUrl(base)
						.clientConnector(new ReactorClientHttpConnector(Clients.reactorNetty("check", pool)))
						.codecs(c -> c.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(mapper)))
						.build();
					web.get().uri(Payloads.LARGE).retrieve().bodyToMono(Payloads.USER_LIST).block();
					mapper.reset();
					for (int i = 0; i < requests; i++) {
						records = web.get().uri(Payloads.LARGE).retrieve().bodyToMono(Payloads.USER_LIST).block().size();
					}
				}
				else {
					boolean netty = variant.startsWith(Clients.DIO_NETTY);
					HttpClientAdapter adapter = netty ? ReactorNettyAdapter.create(Clients.reactorNetty("check", pool))
							: WebClientAdapter.create(Clients.reactorNetty("check", pool));
					Dio dio = Dio.builder()
						.options(BaseOptions.builder().baseUrl(base).build())
						.adapter(adapter)
						.jsonMapper(mapper)
						.build();
					boolean envelopeOnly = variant.equals(Clients.DIO_NETTY_ENVELOPE);
					if (variant.endsWith("+interceptors")) {
						dio.interceptors().add(new CookieManager(new DefaultCookieJar()));
					}
					if (variant.endsWith("+interceptors") || envelopeOnly) {
						dio.interceptors().add(new ErrorAdaptorInterceptor(
								new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper), new LoggingErrorNotifier(),
								EnvelopeSettings.DEFAULTS, mapper));
					}
					if (variant.endsWith("+interceptors")) {
						dio.interceptors().add(LogInterceptor.builder().build());
					}
					String path = envelopeOnly ? Payloads.LARGE_ENVELOPE : Payloads.LARGE;
					dio.get(path, Payloads.USER_LIST).block();
					mapper.reset();
					for (int i = 0; i < requests; i++) {
						Response<List<User>> r = dio.get(path, Payloads.USER_LIST).block();
						records = r.data().size();
						if (!(r.data().get(0) instanceof User)) {
							throw new IllegalStateException("not decoded into User: " + r.data().get(0).getClass());
						}
					}
					dio.close();
				}
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("client", variant);
				row.put("path", variant.equals(Clients.DIO_NETTY_ENVELOPE) ? Payloads.LARGE_ENVELOPE : Payloads.LARGE);
				row.put("requests", requests);
				row.put("recordsPerResponse", records);
				row.put("parsesPerRequest", mapper.parsers.get() / (double) requests);
				row.put("treeParsesPerRequest", mapper.readTrees.get() / (double) requests);
				row.put("treeToValuePerRequest", mapper.treeToValues.get() / (double) requests);
				row.put("convertValuePerRequest", mapper.convertValues.get() / (double) requests);
				results.add(row);
			}
			finally {
				pool.dispose();
			}
		}
		return results;
	}

	/** Counts parser creations (every byte/char/stream source) and tree conversions. */
	static final class CountingMapper extends JsonMapper {

		private static final long serialVersionUID = 1L;

		final AtomicLong parsers;

		final AtomicLong readTrees = new AtomicLong();

		final AtomicLong treeToValues = new AtomicLong();

		final AtomicLong convertValues = new AtomicLong();

		private CountingMapper(CountingFactory factory) {
			super(JsonMapper.builder(factory));
			this.parsers = factory.parsers;
		}

		static CountingMapper create() {
			return new CountingMapper(new CountingFactory());
		}

		void reset() {
			this.parsers.set(0);
			this.readTrees.set(0);
			this.treeToValues.set(0);
			this.convertValues.set(0);
		}

		@Override
		public JsonNode readTree(byte[] content) throws JacksonException {
			this.readTrees.incrementAndGet();
			return super.readTree(content);
		}

		@Override
		public <T> T treeToValue(TreeNode n, JavaType valueType) throws JacksonException {
			this.treeToValues.incrementAndGet();
			return super.treeToValue(n, valueType);
		}

		@Override
		public <T> T treeToValue(JsonNode n, JavaType valueType) throws JacksonException {
			this.treeToValues.incrementAndGet();
			return super.treeToValue(n, valueType);
		}

		@Override
		public <T> T convertValue(Object fromValue, JavaType toValueType) {
			this.convertValues.incrementAndGet();
			return super.convertValue(fromValue, toValueType);
		}

	}

	static final class CountingFactory extends JsonFactory {

		private static final long serialVersionUID = 1L;

		final AtomicLong parsers = new AtomicLong();

		@Override
		protected JsonParser _createParser(ObjectReadContext c, IOContext io, InputStream in) {
			this.parsers.incrementAndGet();
			return super._createParser(c, io, in);
		}

		@Override
		protected JsonParser _createParser(ObjectReadContext c, IOContext io, java.io.Reader r) {
			this.parsers.incrementAndGet();
			return super._createParser(c, io, r);
		}

		@Override
		protected JsonParser _createParser(ObjectReadContext c, IOContext io, char[] data, int offset, int len,
				boolean recyclable) {
			this.parsers.incrementAndGet();
			return super._createParser(c, io, data, offset, len, recyclable);
		}

		@Override
		protected JsonParser _createParser(ObjectReadContext c, IOContext io, byte[] data, int offset, int len) {
			this.parsers.incrementAndGet();
			return super._createParser(c, io, data, offset, len);
		}

		@Override
		protected JsonParser _createParser(ObjectReadContext c, IOContext io, java.io.DataInput in) {
			this.parsers.incrementAndGet();
			return super._createParser(c, io, in);
		}

		@Override
		public JsonParser createNonBlockingByteArrayParser(ObjectReadContext c) {
			this.parsers.incrementAndGet();
			return super.createNonBlockingByteArrayParser(c);
		}

		@Override
		public JsonParser createNonBlockingByteBufferParser(ObjectReadContext c) {
			this.parsers.incrementAndGet();
			return super.createNonBlockingByteBufferParser(c);
		}

	}

	// ------------------------------------------------------------------ download heap

	private static Map<String, Object> downloadHeap(String name, String base, Path dir, int runs) throws Exception {
		ReactiveBenchClient client = Clients.createReactive(name, base);
		Path target = Files.createTempFile(dir, "dio-heapcheck-", ".bin");
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("client", name);
		try {
			check(client.download(target), name);  // warm-up: connection, classes
			settle();
			long heapBefore = heapUsed();
			long gcBefore = gcCount();
			Sampler sampler = new Sampler();
			Thread t = new Thread(sampler, "heap-sampler");
			t.setDaemon(true);
			t.start();
			long start = System.nanoTime();
			for (int i = 0; i < runs; i++) {
				check(client.download(target), name);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			sampler.stop = true;
			t.join();
			settle();
			long heapAfter = heapUsed();
			row.put("downloads", runs);
			row.put("bytesEach", Payloads.FILE_SIZE);
			row.put("mibPerSecond", runs * 100.0 / seconds);
			row.put("heapUsedBeforeAfterGcBytes", heapBefore);
			row.put("heapUsedAfterAfterGcBytes", heapAfter);
			row.put("peakHeapUsedBytes", sampler.maxHeap);
			row.put("peakOldGenAfterGcBytes", sampler.maxOldAfterGc);
			row.put("peakNettyDirectBytes", sampler.maxNettyDirect);
			row.put("peakJdkDirectBufferBytes", sampler.maxJdkDirect);
			row.put("youngAndOldGcs", gcCount() - gcBefore);
			row.put("samples", sampler.samples);
			return row;
		}
		finally {
			client.close();
			Files.deleteIfExists(target);
		}
	}

	private static void check(long bytes, String name) {
		if (bytes != Payloads.FILE_SIZE) {
			throw new IllegalStateException(name + " wrote " + bytes + " bytes, expected " + Payloads.FILE_SIZE);
		}
	}

	private static void settle() throws InterruptedException {
		System.gc();
		Thread.sleep(200);
		System.gc();
	}

	private static long heapUsed() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long gcCount() {
		long n = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			n += Math.max(0, gc.getCollectionCount());
		}
		return n;
	}

	/** Samples the heap every millisecond: peak used, peak old generation after a collection, direct memory. */
	static final class Sampler implements Runnable {

		volatile boolean stop;

		long maxHeap;

		long maxOldAfterGc;

		long maxNettyDirect;

		long maxJdkDirect;

		long samples;

		@Override
		public void run() {
			List<MemoryPoolMXBean> old = new ArrayList<>();
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")) {
					old.add(pool);
				}
			}
			BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
				.stream()
				.filter(b -> b.getName().equals("direct"))
				.findFirst()
				.orElse(null);
			while (!this.stop) {
				this.samples++;
				this.maxHeap = Math.max(this.maxHeap, heapUsed());
				for (MemoryPoolMXBean pool : old) {
					if (pool.getCollectionUsage() != null) {
						this.maxOldAfterGc = Math.max(this.maxOldAfterGc, pool.getCollectionUsage().getUsed());
					}
				}
				if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider metrics) {
					this.maxNettyDirect = Math.max(this.maxNettyDirect, metrics.metric().usedDirectMemory());
				}
				if (direct != null) {
					this.maxJdkDirect = Math.max(this.maxJdkDirect, direct.getMemoryUsed());
				}
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

	}

}
