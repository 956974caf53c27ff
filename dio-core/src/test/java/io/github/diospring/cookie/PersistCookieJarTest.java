package io.github.diospring.cookie;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.github.diospring.testing.MutableClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PersistCookieJarTest {

	private static final URI SITE = URI.create("https://www.example.com/app/login");

	@TempDir
	Path dir;

	private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	/** The jars this test opened; one directory has one open jar, so opening another closes them. */
	private final List<PersistCookieJar> opened = new ArrayList<>();

	private PersistCookieJar jar() {
		return open(PersistCookieJar.builder(this.dir).clock(this.clock));
	}

	/** A restart: the jars before are closed (they keep working, unguarded), then a new one opens. */
	private PersistCookieJar open(PersistCookieJar.Builder builder) {
		this.opened.forEach(PersistCookieJar::close);
		PersistCookieJar jar = builder.build();
		this.opened.add(jar);
		return jar;
	}

	@AfterEach
	void closeJars() {
		this.opened.forEach(PersistCookieJar::close);
	}

	private void set(CookieJar jar, String... setCookies) {
		jar.saveFromResponse(SITE, Arrays.stream(setCookies).map(s -> SetCookieParser.parse(s, this.clock.instant())).toList());
	}

	private static String sent(CookieJar jar) {
		return jar.loadForRequest(URI.create("https://www.example.com/app/x")).stream().map(Cookie::toHeaderValue)
			.collect(Collectors.joining("; "));
	}

	private List<String> filesInDir() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(DirectoryLock.FILE_NAME)).sorted()
				.toList();
		}
	}

	@Test
	void cookiesSurviveARestartWithEveryAttribute() {
		PersistCookieJar first = jar();
		set(first, "sid=abc; Max-Age=3600; Secure; HttpOnly; SameSite=Strict", "theme=\"dark\"",
				"shared=1; Domain=example.com; Path=/");

		PersistCookieJar second = jar();

		assertThat(second.cookies()).hasSize(3).containsExactlyInAnyOrderElementsOf(first.cookies());
		assertThat(sent(second)).isEqualTo(sent(first)).isEqualTo("sid=abc; theme=\"dark\"; shared=1");
		assertThat(second.loadForRequest(URI.create("https://api.example.com/"))).extracting(Cookie::name)
			.containsExactly("shared");
	}

	@Test
	void withoutPersistSessionSessionCookiesLiveInMemoryOnly() throws IOException {
		PersistCookieJar first = open(PersistCookieJar.builder(this.dir).clock(this.clock).persistSession(false));
		set(first, "session=1", "remembered=1; Max-Age=3600");

		assertThat(sent(first)).isEqualTo("session=1; remembered=1");
		assertThat(sent(jar())).isEqualTo("remembered=1");
		assertThat(Files.readString(first.file())).doesNotContain("session");
	}

	@Test
	void deletionsArePersisted() {
		PersistCookieJar first = jar();
		set(first, "a=1; Max-Age=3600", "b=1");
		first.delete(SITE, false);
		assertThat(jar().cookies()).isEmpty();

		set(first, "c=1");
		first.deleteAll();
		assertThat(jar().cookies()).isEmpty();

		set(first, "d=1", "e=1");
		set(first, "d=1; Max-Age=0");
		assertThat(sent(jar())).isEqualTo("e=1");
	}

	@Test
	void expiredCookiesAreNotLoadedAfterARestartUnlessExpiriesAreIgnored() {
		set(jar(), "short=1; Max-Age=60", "long=1; Max-Age=3600");
		this.clock.advance(Duration.ofMinutes(2));

		assertThat(sent(jar())).isEqualTo("long=1");
		PersistCookieJar ignoring = open(PersistCookieJar.builder(this.dir).clock(this.clock).ignoreExpires(true));
		assertThat(ignoring.cookies()).extracting(Cookie::name).containsExactlyInAnyOrder("short", "long");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{not json sid=top-secret", "[]", "{\"format\":1,\"cookies\":[{\"value\":\"top-secret\"}]}",
			"{\"format\":99,\"cookies\":[]}", "{\"format\":1,\"cookies\":[null]}" })
	void anUnreadableStoreFileIsSetAsideAndTheJarStartsEmptyAndKeepsWorking(String content) throws IOException {
		Files.writeString(this.dir.resolve("cookies.json"), content);
		PersistCookieJar jar;
		try (LogCapture log = new LogCapture(PersistCookieJar.class)) {
			jar = jar();
			assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains("cookies.json.corrupt-")
				.doesNotContain("top-secret");
		}

		assertThat(jar.cookies()).isEmpty();
		List<String> files = filesInDir();
		assertThat(files).hasSize(1).first().asString().startsWith("cookies.json.corrupt-");
		assertThat(Files.readString(this.dir.resolve(files.get(0)))).isEqualTo(content);

		set(jar, "fresh=1");
		assertThat(sent(jar)).isEqualTo("fresh=1");
		assertThat(sent(jar())).isEqualTo("fresh=1");
	}

	@Test
	void theStoreIsReadableByItsOwnerOnly() throws IOException {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
		Path nested = this.dir.resolve("new").resolve("cookies");
		PersistCookieJar jar = open(PersistCookieJar.builder(nested));
		set(jar, "sid=1");

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jar.file()))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
	}

	@Test
	void writesAreAtomicAndLeaveNoTemporaryFiles() throws IOException {
		PersistCookieJar jar = jar();
		for (int i = 0; i < 20; i++) {
			set(jar, "c" + i + "=" + i);
		}

		assertThat(filesInDir()).containsExactly("cookies.json");
		assertThat(Files.readString(jar.file(), StandardCharsets.UTF_8)).contains("\"c19\"");
	}

	@Test
	void aFailedWriteIsLoggedAndCookiesKeepWorkingInMemory() throws IOException {
		Path blocked = this.dir.resolve("blocked");
		PersistCookieJar jar = open(PersistCookieJar.builder(blocked).clock(this.clock));
		Files.delete(blocked.resolve(DirectoryLock.FILE_NAME));
		Files.delete(blocked);
		Files.writeString(blocked, "a file where the directory should be");

		try (LogCapture log = new LogCapture(PersistCookieJar.class)) {
			set(jar, "sid=secret-value");
			assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains("Could not write")
				.doesNotContain("secret-value");
		}
		assertThat(sent(jar)).isEqualTo("sid=secret-value");
	}

}
