package io.github.diospring.hardening;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.diospring.Dio;
import io.github.diospring.cookie.Cookie;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.PersistCookieJar;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The persistent jar's directory: leftovers of a crash, and two jars fighting over it. */
class CookieStoreDirectoryTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@TempDir
	Path dir;

	@Test
	void temporaryFilesLeftByACrashAreDeletedWhenTheJarOpens() throws Exception {
		Files.writeString(this.dir.resolve("cookies.json.123456.tmp"), "{\"format\":1,\"cookies\":[");
		Files.writeString(this.dir.resolve("cookies.json.987.tmp"), "");
		Files.writeString(this.dir.resolve("notes.txt"), "not ours");

		try (PersistCookieJar jar = PersistCookieJar.builder(this.dir).build()) {
			try (Stream<Path> files = Files.list(this.dir)) {
				assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("notes.txt",
						"cookies.lock");
			}
			assertThat(jar.cookies()).isEmpty();
		}
	}

	@Test
	void aSecondJarOnTheSameDirectoryIsRefusedUntilTheFirstIsClosed() {
		PersistCookieJar first = PersistCookieJar.builder(this.dir).build();

		assertThatIllegalStateException().isThrownBy(() -> PersistCookieJar.builder(this.dir.resolve(".")).build())
			.withMessageContaining(this.dir.getFileName().toString()).withMessageContaining("already in use")
			.withMessageContaining("share that jar instance");

		first.saveFromResponse(URI.create("http://127.0.0.1/"), List.of(Cookie.builder("sid", "1").build()));
		first.close();
		try (PersistCookieJar second = PersistCookieJar.builder(this.dir).build()) {
			assertThat(second.cookies()).extracting(Cookie::name).containsExactly("sid");
		}
	}

	@Test
	void oneJarInstanceSharedByTwoClientsIsFine() {
		server.wireMock().stubFor(get("/login").willReturn(aResponse().withStatus(200).withHeader("Set-Cookie", "sid=1; Path=/")));
		server.wireMock().stubFor(get("/me").willReturn(ok()));
		try (PersistCookieJar jar = PersistCookieJar.builder(this.dir).build()) {
			Dio a = server.dio();
			Dio b = server.dio();
			a.interceptors().add(new CookieManager(jar));
			b.interceptors().add(new CookieManager(jar));

			a.get("/login").block(Duration.ofSeconds(20));
			b.get("/me").block(Duration.ofSeconds(20));

			server.wireMock().verify(getRequestedFor(urlEqualTo("/me")).withHeader("Cookie", equalTo("sid=1")));
		}
	}

}
