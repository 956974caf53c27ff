package io.github.diospring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README shows exactly the code that {@link ReadmeExamplesTest} and its twins in the other
 * modules (every {@code *ReadmeExamplesTest.java} under a module's {@code src/test/java}) compile
 * and run: examples that need Spring Boot live in the auto-configuration's or the test support's
 * module, and the check reads them all from here.
 */
class ReadmeSyncTest {

	private static final Pattern TAG = Pattern.compile("// tag::(\\w+)\\[\\]\\n(.*?)\\n\\s*// end::\\1\\[\\]", Pattern.DOTALL);

	private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\w+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

	@Test
	void everyReadmeExampleIsTheCompiledOne() throws Exception {
		check("../README.md", true);
	}

	@Test
	void everyChineseReadmeExampleIsTheCompiledOne() throws Exception {
		check("../README-ZH.md", false);
	}

	private static void check(String file, boolean all) throws Exception {
		String readme = Files.readString(Path.of(file));
		Map<String, String> compiled = new LinkedHashMap<>();
		for (Path source : exampleSources()) {
			Matcher tags = TAG.matcher(Files.readString(source));
			while (tags.find()) {
				assertThat(compiled.put(tags.group(1), dedent(tags.group(2))))
					.as("example '%s' is tagged once across the modules", tags.group(1)).isNull();
			}
		}
		Matcher examples = EXAMPLE.matcher(readme);
		int shown = 0;
		while (examples.find()) {
			shown++;
			assertThat(compiled).as("README example '%s' has a compiled twin", examples.group(1))
				.containsKey(examples.group(1));
			assertThat(examples.group(2).strip()).as("README example '%s'", examples.group(1))
				.isEqualTo(compiled.get(examples.group(1)).strip());
		}
		if (all) {
			assertThat(shown).as("every compiled example is shown").isEqualTo(compiled.size());
		}
		assertThat(shown).isPositive();
	}

	private static List<Path> exampleSources() throws IOException {
		try (Stream<Path> files = Files.walk(Path.of(".."), 10)) {   // module/src/test/java/io/github/diospring/<package>/X.java
			List<Path> sources = files
				.filter(path -> path.getFileName().toString().endsWith("ReadmeExamplesTest.java"))
				.filter(path -> path.toString().replace('\\', '/').contains("/src/test/java/"))
				.filter(path -> !path.toString().contains("/target/"))
				.sorted()
				.toList();
			assertThat(sources).as("the compiled README examples").isNotEmpty();
			return sources;
		}
	}

	private static String dedent(String block) {
		String[] lines = block.replace("\t", "    ").split("\n", -1);
		int indent = Integer.MAX_VALUE;
		for (String line : lines) {
			if (!line.isBlank()) {
				indent = Math.min(indent, line.length() - line.stripLeading().length());
			}
		}
		StringBuilder out = new StringBuilder();
		for (String line : lines) {
			out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
		}
		return out.toString().stripTrailing();
	}

}
