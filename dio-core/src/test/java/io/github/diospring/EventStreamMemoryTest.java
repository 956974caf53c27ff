package io.github.diospring;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 server-sent events of 1 KiB (about 100 MiB) consumed by a JVM whose whole heap is
 * 48 MiB: anything that kept the stream, or a growing part of it, would run out of memory. Runs in
 * its own process so that the small heap proves something.
 */
class EventStreamMemoryTest {

	@Test
	void aHundredThousandEventStreamIsConsumedInConstantMemory() throws Exception {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
				"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				EventStreamMemoryProbe.class.getName(), "100000");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

		assertThat(process.exitValue()).as(output).isZero();
		Matcher result = Pattern.compile("events=(\\d+) bytes=(\\d+) peakHeap=(\\d+)").matcher(output);
		assertThat(result.find()).as(output).isTrue();
		assertThat(Long.parseLong(result.group(1))).isEqualTo(100_000);
		assertThat(Long.parseLong(result.group(2))).as("more bytes streamed than the heap holds")
			.isGreaterThan(2L * 48 * 1024 * 1024);
		System.out.println("event stream memory: " + result.group());
	}

}
