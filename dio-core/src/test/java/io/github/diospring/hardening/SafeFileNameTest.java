package io.github.diospring.hardening;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import io.github.diospring.Dio;
import io.github.diospring.DownloadOptions;
import io.github.diospring.SafeFileName;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** A file name chosen by the server never leaves the directory it is saved in. */
class SafeFileNameTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@TempDir
	Path root;

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"attachment; filename=\"../../escape.txt\"|escape.txt",
			"attachment; filename=/etc/passwd|passwd",
			"attachment; filename=\"C:\\\\Windows\\\\evil.dll\"|evil.dll",
			"attachment; filename=\"..\"|fallback.bin",
			"attachment; filename=\".\"|fallback.bin",
			"attachment; filename=\".bashrc\"|bashrc",
			"attachment; filename*=UTF-8''..%2F..%2Fx%E2%80%AE.txt|x.txt",
			"attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf; filename=\"resume.pdf\"|résumé.pdf",
			"attachment; filename=\"CON.txt\"|_CON.txt",
			"attachment; filename=\"a<b>c?.txt\"|a_b_c_.txt",
			"inline|fallback.bin" })
	void namesFromContentDispositionArePlainFileNames(String header, String expected) {
		assertThat(SafeFileName.fromContentDisposition(header, "fallback.bin")).isEqualTo(expected);
	}

	@Test
	void controlCharactersAndOverlongNamesAreCleaned() {
		assertThat(SafeFileName.sanitize("a\u0000b\r\nc\u001b.txt", "x")).isEqualTo("abc.txt");
		String longName = "n".repeat(400) + ".tar.gz";
		assertThat(SafeFileName.sanitize(longName, "x")).hasSize(255).endsWith(".gz");
		assertThat(SafeFileName.sanitize("/", "../..")).isEqualTo("download");
	}

	@Test
	void aDownloadNamedByAHostileServerStaysInItsDirectory() throws Exception {
		server.wireMock().stubFor(get(urlPathMatching("/files/.*")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Disposition", "attachment; filename=\"../../../outside.txt\"").withBody("payload")));
		Path downloads = Files.createDirectory(this.root.resolve("downloads"));
		Dio dio = server.dio();

		dio.download("/files/1", SafeFileName.inDirectory(downloads, "file.bin"), null, DownloadOptions.defaults())
			.block(Duration.ofSeconds(20));

		assertThat(downloads.resolve("outside.txt")).hasContent("payload");
		try (Stream<Path> all = Files.walk(this.root)) {
			assertThat(all.filter(Files::isRegularFile)).containsExactly(downloads.resolve("outside.txt"));
		}
	}

	@Test
	void withoutContentDispositionTheUrlsLastSegmentNamesTheFile() {
		server.wireMock().stubFor(get(urlPathMatching("/files/.*")).willReturn(aResponse().withStatus(200).withBody("r")));
		Dio dio = server.dio();

		dio.download("/files/report%2F..%2F..%2Fx.csv", SafeFileName.inDirectory(this.root, "file.bin"), null,
				DownloadOptions.defaults()).block(Duration.ofSeconds(20));

		assertThat(this.root.resolve("x.csv")).hasContent("r");
	}

}
