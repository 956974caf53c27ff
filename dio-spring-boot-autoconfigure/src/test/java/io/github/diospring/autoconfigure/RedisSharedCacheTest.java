package io.github.diospring.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.diospring.Dio;
import io.github.diospring.Response;
import io.github.diospring.cache.CacheInterceptor;
import io.github.diospring.cache.CacheStatus;
import io.github.diospring.testing.CacheOrigin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Two applications (two contexts, two clients) whose caches are the same Redis cache share one
 * entry: what one instance of a scaled-out BFF fetched, the other answers without the network.
 * Runs a real {@code redis-server} (the Debian package; {@code .ci/run} installs it) on a free
 * loopback port, stopped after the tests.
 */
class RedisSharedCacheTest {

	private static final CacheOrigin origin = new CacheOrigin();

	private static Process redis;

	private static int port;

	private static Path log;

	@BeforeAll
	static void startRedis() throws Exception {
		String binary = redisServer();
		assumeThat(binary).as("redis-server is not installed, so the Redis-backed cache test is skipped; "
				+ ".ci/run installs it (apt-get install -y redis-server)").isNotNull();
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		log = Files.createTempFile("redis-server", ".log");
		redis = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
				"--appendonly", "no", "--daemonize", "no", "--dir", System.getProperty("java.io.tmpdir"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
			.untilAsserted(() -> {
				assertThat(redis.isAlive()).as("redis-server exited: %s", Files.readString(log)).isTrue();
				assertThat(ping()).isEqualTo("+PONG");
			});
	}

	@AfterAll
	static void stopRedis() throws Exception {
		origin.close();
		if (redis != null) {
			redis.destroy();
			if (!redis.waitFor(20, TimeUnit.SECONDS)) {
				redis.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
			}
			Files.deleteIfExists(log);
		}
	}

	@Test
	void twoApplicationsShareOneCachedEntryThroughRedis() {
		origin.resource("/catalog").json("{\"items\":[1,2,3]}").etag("\"c1\"").cacheControl("max-age=300");
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, DataRedisAutoConfiguration.class, CacheAutoConfiguration.class,
					DioAutoConfiguration.class))
			.withUserConfiguration(CachingConfig.class)
			.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port,
					"spring.cache.type=redis", "spring.cache.cache-names=dio-http", "dio.base-url=" + origin.baseUrl(),
					"dio.cache.enabled=true", "dio.cache.store=dio-http");
		runner.run(first -> runner.run(second -> {
			assertThat(first.getBean(RedisCacheManager.class)).isNotSameAs(second.getBean(RedisCacheManager.class));
			Dio one = first.getBean(Dio.class);
			Dio two = second.getBean(Dio.class);
			Response<Object> fetched = one.get("/catalog").block();
			assertThat(fetched.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.MISS);
			// a remote store is written off the event loop, after the response was handed over: wait for it
			StringRedisTemplate redis = first.getBean(StringRedisTemplate.class);
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(List.copyOf(redis.keys("dio-http::*")))
					.containsExactly("dio-http::GET " + origin.baseUrl() + "/catalog"));

			Response<Object> shared = two.get("/catalog").block();
			assertThat(shared.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
			assertThat(shared.data()).isEqualTo(fetched.data());
			assertThat(origin.count("/catalog")).isEqualTo(1);
		}));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfig {

	}

	private static String redisServer() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		for (String fixed : List.of("/usr/bin/redis-server", "/usr/sbin/redis-server", "/usr/local/bin/redis-server")) {
			if (new File(fixed).canExecute()) {
				return fixed;
			}
		}
		return null;
	}

	private static String ping() throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[5];
			int read = in.readNBytes(reply, 0, 5);
			return new String(reply, 0, read, StandardCharsets.US_ASCII);
		}
	}

}
