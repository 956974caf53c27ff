package io.github.diospring.demo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo checked with the front ends' real request libraries: Node runs
 * {@code src/test/frontend/front-ends.test.mjs}, which drives every demo route with axios under
 * umi 4's request plugin and Ant Design Pro 5's {@code requestErrorConfig}, and with umi-request
 * under umi 3's plugin-request, and asserts what each shows (message, notification, redirect) and
 * what {@code useRequest} hands the component. The Pro run talks to this test's application
 * ({@code front-end: pro}); the umi 3 run to a second instance started with the one property
 * {@code dio.envelope.server.front-end=umi3}. Skipped, saying so, only when Node is not installed
 * ({@code .ci/run} installs it); the npm packages are installed from the committed lock file when
 * missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrontEndLibrariesTest {

	private static final Path FRONT_END = Path.of("src/test/frontend");

	@LocalServerPort
	int port;

	@TempDir
	Path output;

	@Test
	void everyRouteGivesBothFrontEndsTheirDataAndTheirMessages() throws Exception {
		String node = executable("node");
		assumeTrue(node != null, "Node.js is not installed (no 'node' on the PATH): the front-end libraries check "
				+ "is skipped; .ci/run installs Debian's nodejs and npm");
		installPackages();
		// arguments, not default properties: they must win over application.yml, as on a command line
		try (ConfigurableApplicationContext umi3 = new SpringApplicationBuilder(DemoApplication.class)
			.run("--server.port=0", "--dio.envelope.server.front-end=umi3", "--spring.main.banner-mode=off")) {
			int umi3Port = ((WebServerApplicationContext) umi3).getWebServer().getPort();
			String report = run(List.of(node, "--test", "--test-reporter=spec", "front-ends.test.mjs"),
					"PRO_URL", "http://127.0.0.1:" + this.port, "UMI3_URL", "http://127.0.0.1:" + umi3Port);
			assertThat(report).contains("Ant Design Pro 5 (umi 4, axios)").contains("umi 3 (@umijs/plugin-request, umi-request)")
				.contains("ℹ pass 40").contains("ℹ fail 0").contains("ℹ skipped 0");
		}
	}

	/** {@code npm ci} from the committed lock file, once per checkout. */
	private void installPackages() throws IOException, InterruptedException {
		if (Files.isDirectory(FRONT_END.resolve("node_modules/axios")) && Files.isDirectory(FRONT_END.resolve("node_modules/umi-request"))) {
			return;
		}
		String npm = executable("npm");
		assertThat(npm).as("npm is needed to install axios and umi-request (node is installed; .ci/run installs both)").isNotNull();
		run(List.of(npm, "ci", "--no-audit", "--no-fund"));
	}

	/** Runs a command in the front-end directory, fails the test with its output unless it exits 0. */
	private String run(List<String> command, String... environment) throws IOException, InterruptedException {
		Path log = Files.createTempFile(this.output, "front-end", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(FRONT_END.toFile())
			.redirectErrorStream(true).redirectOutput(log.toFile());
		for (int i = 0; i < environment.length; i += 2) {
			builder.environment().put(environment[i], environment[i + 1]);
		}
		Process process = builder.start();
		try {
			boolean done = process.waitFor(5, TimeUnit.MINUTES);
			String text = Files.readString(log, StandardCharsets.UTF_8);
			assertThat(done).as("%s finished within 5 minutes; output so far:%n%s", command, text).isTrue();
			assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, text).isZero();
			return text;
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static @Nullable String executable(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

}
