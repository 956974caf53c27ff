package io.github.diospring.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.Response;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code lb://} base URLs through Spring Cloud LoadBalancer and its simple discovery client, in a
 * whole application, against three real local upstream instances.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancerTest {

	private static final String[] NAMES = { "a", "b", "c" };

	private static final HttpServer[] instances = new HttpServer[3];

	private static final AtomicInteger[] hits = new AtomicInteger[3];

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() throws IOException {
		SpringApplicationBuilder app = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE);
		String[] properties = new String[NAMES.length + 6];
		for (int i = 0; i < NAMES.length; i++) {
			String name = NAMES[i];
			AtomicInteger count = hits[i] = new AtomicInteger();
			HttpServer server = instances[i] = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				count.incrementAndGet();
				if (name.equals("a") && exchange.getRequestURI().getPath().endsWith("/unstable")) {
					exchange.sendResponseHeaders(503, -1);
					exchange.close();
					return;
				}
				byte[] body = ("{\"instance\":\"" + name + "\",\"path\":\"" + exchange.getRequestURI() + "\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			properties[i] = "spring.cloud.discovery.client.simple.instances.users[" + i + "].uri=http://127.0.0.1:"
					+ server.getAddress().getPort();
		}
		properties[NAMES.length] = "dio.clients.users.base-url=lb://users/api";
		properties[NAMES.length + 1] = "dio.clients.users.retry.enabled=true";
		properties[NAMES.length + 2] = "spring.cloud.discovery.client.simple.instances.secure[0].uri=https://127.0.0.1:"
				+ instances[0].getAddress().getPort();
		properties[NAMES.length + 3] = "spring.cloud.discovery.client.simple.instances.secure[0].metadata.zone=z1";
		properties[NAMES.length + 4] = "dio.clients.secure.base-url=lb://secure";
		properties[NAMES.length + 5] = "dio.clients.secure.connect-timeout=5s";
		context = app.properties(properties).run();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		for (HttpServer server : instances) {
			if (server != null) {
				server.stop(0);
			}
		}
	}

	private static double retries() {
		return context.getBean(MeterRegistry.class).find("dio.client.retries").tag("client", "users").counters()
			.stream().mapToDouble(c -> c.count()).sum();
	}

	private static Dio users() {
		return context.getBean(DioClients.class).get("users");
	}

	@Test
	@Order(1)
	void threeInstancesShareTheRequestsEvenlyAndMetricsNameTheLogicalClient() {
		List<Response<Object>> responses = Flux.range(0, 300)
			.flatMap(i -> users().get("/users/{id}", r -> r.pathVariable("id", i).queryParameter("q", "a b")), 8)
			.collectList()
			.block(Duration.ofMinutes(2));

		assertThat(responses).hasSize(300);
		System.out.println("lb://users shares of 300 requests: a=" + hits[0] + " b=" + hits[1] + " c=" + hits[2]);
		assertThat(responses).allSatisfy(r -> assertThat(((Map<?, ?>) r.data()).get("path").toString())
			.matches("/api/users/\\d+\\?q=a\\+b"));
		for (AtomicInteger count : hits) {
			assertThat(count.get()).as("share of one instance").isBetween(70, 130);
		}
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(meters.get("http.client.requests").tag("client", "users").tag("client.name", "users")
			.tag("uri", "/users/{id}").timer().count()).isEqualTo(300);
	}

	@Test
	@Order(2)
	void aFailedIdempotentAttemptMovesToAnotherInstance() {
		int before = hits[0].get();

		List<Object> servedBy = Flux.range(0, 30)
			.concatMap(i -> users().get("/unstable"))
			.map(r -> (Object) ((Map<?, ?>) r.data()).get("instance"))
			.collectList()
			.block(Duration.ofMinutes(1));

		assertThat(servedBy).hasSize(30).containsOnly("b", "c");
		assertThat(hits[0].get() - before).as("attempts that met the failing instance first").isPositive();
	}

	@Test
	@Order(3)
	void anInstanceStoppedMidRunCostsNoIdempotentRequest() {
		double retriesBefore = retries();
		AtomicInteger done = new AtomicInteger();
		List<Object> instancesSeen = Flux.range(0, 300)
			.flatMap(i -> users().get("/users/" + i).doOnNext(r -> {
				if (done.incrementAndGet() == 100) {
					instances[2].stop(0);
				}
			}), 4)
			.map(r -> (Object) ((Map<?, ?>) r.data()).get("instance"))
			.collectList()
			.block(Duration.ofMinutes(2));

		assertThat(instancesSeen).hasSize(300).contains("a", "b");
		System.out.println("lb://users with c stopped after 100 of 300: all 300 succeeded with "
				+ (retries() - retriesBefore) + " retries");
		assertThat(instancesSeen.subList(150, 300)).doesNotContain("c");
	}

	@Test
	@Order(4)
	void theInstanceSecureFlagAndMetadataAreHonoured() {
		Dio secure = context.getBean(DioClients.class).get("secure");

		// the instance is registered as https but speaks plain HTTP: the TLS handshake fails
		assertThatThrownBy(() -> secure.get("/x").block(Duration.ofSeconds(30))).isInstanceOf(DioException.class)
			.satisfies(e -> {
				DioException failure = (DioException) e;
				assertThat(failure.requestOptions().uri().toString()).startsWith("https://127.0.0.1:");
				ServiceInstance chosen = (ServiceInstance) failure.requestOptions().extra().get(LoadBalancerInterceptor.INSTANCE);
				assertThat(chosen.isSecure()).isTrue();
				assertThat(chosen.getMetadata()).containsEntry("zone", "z1");
			});
	}

	@Test
	void withoutSpringCloudAnLbBaseUrlFailsAtStartupNamingTheProperty() {
		DioAutoConfigurationTest.runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud"))
			.withPropertyValues("dio.clients.users.base-url=lb://users")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.clients.users.base-url = 'lb://users'"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
