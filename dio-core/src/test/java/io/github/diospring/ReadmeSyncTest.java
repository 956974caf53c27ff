package io.github.diospring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README shows exactly the code that {@link ReadmeExamplesTest} compiles and runs. */
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
		String source = Files.readString(Path.of("src/test/java/io/github/diospring/ReadmeExamplesTest.java"));
		String readme = Files.readString(Path.of(file));
		Map<String, String> compiled = new LinkedHashMap<>();
		Matcher tags = TAG.matcher(source);
		while (tags.find()) {
			compiled.put(tags.group(1), dedent(tags.group(2)));
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
