package io.github.diospring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.github.diospring.cookie.CookieLimits;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.CookieStorage;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.cookie.PersistCookieJar;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The README's "Security and limits" examples, compiled and run (the attacks themselves are in {@code hardening}). */
class SecurityReadmeExamplesTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@TempDir
	Path dir;

	@Test
	void redaction() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
		String baseUrl = server.baseUrl();
		// tag::redaction[]
		Redaction policy = Redaction.defaults().withBodyFields(Set.of("password", "pin", "cvv"));
		Dio dio = Dio.create(BaseOptions.builder().baseUrl(baseUrl).extra(Redaction.EXTRA_KEY, policy).build());
		// end::redaction[]
		server.track(dio);

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.post("/pay?access_token=t0k3n", Map.of("pin", "1234")).block(Duration.ofSeconds(20)));

		assertThat(e.getMessage()).doesNotContain("t0k3n");
		assertThat(e.requestOptions().toString()).doesNotContain("1234");
	}

	@Test
	void safeFileName() throws Exception {
		server.wireMock().stubFor(get("/export").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Disposition", "attachment; filename=\"../../report.csv\"").withBody("a,b")));
		Dio dio = server.dio();
		Path downloads = Files.createDirectory(this.dir.resolve("downloads"));
		// tag::safeFileName[]
		dio.download("/export", SafeFileName.inDirectory(downloads, "export.bin"), null, DownloadOptions.defaults())
			.block();   // Content-Disposition: attachment; filename="../../report.csv" -> downloads/report.csv
		// end::safeFileName[]
		assertThat(downloads.resolve("report.csv")).hasContent("a,b");
	}

	@Test
	void cookieLimitsAndStorage() {
		Dio dio = server.dio();
		Path cookieDir = this.dir;
		UnaryOperator<byte[]> encrypt = UnaryOperator.identity();
		UnaryOperator<byte[]> decrypt = UnaryOperator.identity();
		// tag::cookieStorage[]
		CookieLimits limits = new CookieLimits(4096, 20, 500);   // bytes per cookie, per domain, in all
		dio.interceptors().add(new CookieManager(new DefaultCookieJar(false, Clock.systemUTC(), limits)));

		// a persistent jar whose file is encrypted (encrypt, decrypt: your byte[] -> byte[] functions)
		PersistCookieJar jar = PersistCookieJar
			.builder(CookieStorage.transformed(CookieStorage.directory(cookieDir), encrypt, decrypt))
			.limits(limits)
			.build();
		// end::cookieStorage[]
		jar.close();
		assertThat(dio.interceptors()).hasSize(1);
	}

}
