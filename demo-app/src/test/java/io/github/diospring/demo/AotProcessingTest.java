package io.github.diospring.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.github.diospring.Dio;
import io.github.diospring.autoconfigure.DioClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.SpringProperties;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's ahead-of-time processing of the demo (the build's {@code process-aot}, which runs before
 * the tests) succeeded, recorded dio's native-image hints, and the processed application works:
 * started from the generated code as a native image would be, the BFF gets its named clients by
 * qualifier and they call the upstream.
 */
class AotProcessingTest {

	private static final Path GENERATED = Path.of("target/spring-aot/main");

	@Test
	void theHintsForDioAreInTheNativeImageMetadata() throws IOException {
		String metadata = read(GENERATED.resolve("resources"), "reachability-metadata.json", "reflect-config.json");

		assertThat(metadata).contains("io.github.diospring.envelope.Page")
			.contains("io.github.diospring.cookie.CookieDocument$Content")
			.contains("io.github.diospring.autoconfigure.DioClientProperties");
	}

	@Test
	void theProcessedApplicationStartsFromGeneratedCodeAndCallsTheUpstream() {
		SpringProperties.setProperty("spring.aot.enabled", "true");
		SpringApplication application = new SpringApplication(DemoApplication.class);
		application.setMainApplicationClass(DemoApplication.class); // the generated initializer is found by its name
		try (ConfigurableApplicationContext context = application.run("--server.port=0")) {
			assertThat(context.getBean(DioClients.class).names()).containsExactly("default", "upstream", "secure", "auth",
					"files", "catalog", "inventory");
			assertThat(context.getBeanProvider(Dio.class).stream().count()).isEqualTo(7);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Map<String, Object> user = WebClient.create("http://127.0.0.1:" + port)
				.get()
				.uri("/api/users/1")
				.retrieve()
				.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.block(Duration.ofSeconds(30));
			assertThat(user).containsEntry("success", true);
			assertThat(user.get("data")).isInstanceOf(Map.class).extracting("name").isEqualTo("Ann");
		}
		finally {
			SpringProperties.setProperty("spring.aot.enabled", null);
		}
	}

	private static String read(Path root, String... names) throws IOException {
		StringBuilder all = new StringBuilder();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(f -> Stream.of(names).anyMatch(n -> f.getFileName().toString().equals(n))).toList()) {
				all.append(Files.readString(file));
			}
		}
		assertThat(all).as("native-image metadata under %s", root).isNotEmpty();
		return all.toString();
	}
}
