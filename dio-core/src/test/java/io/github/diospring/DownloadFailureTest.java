package io.github.diospring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.testing.FaultyFileSystem;
import io.github.diospring.testing.HalfBodyServer;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.github.diospring.DownloadTest.content;
import static io.github.diospring.DownloadTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Downloads that go wrong lose nothing: cancellation, timeouts, broken streams, a full disk, paths
 * that cannot be written. Each leaves no half-written target and no temporary file, keeps a file
 * that was there before, says what to do, and gives the connection back (proved on a pool of one).
 */
class DownloadFailureTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@TempDir
	Path dir;

	private final ConnectionProvider onlyOne = ConnectionProvider.builder("one").maxConnections(1)
		.pendingAcquireMaxCount(10).build();

	@AfterEach
	void disposePool() {
		this.onlyOne.dispose();
	}

	/** A client that has one connection: a download that kept it would make the next request wait forever. */
	private Dio oneConnectionDio(BaseOptions.Builder options) {
		return server.track(Dio.builder().options(options.baseUrl(server.baseUrl()).build())
			.adapter(WebClientAdapter.create(HttpClient.create(this.onlyOne))).build());
	}

	private static void assertConnectionReleased(Dio dio) {
		server.wireMock().stubFor(get("/next").willReturn(okJson("{\"ok\":true}")));
		assertThat(dio.get("/next").block(Duration.ofSeconds(10)).data()).isEqualTo(java.util.Map.of("ok", true));
	}

	private static void slowBody() {
		server.wireMock().stubFor(get("/slow").willReturn(aResponse().withBody(content(10_000))
			.withChunkedDribbleDelay(40, 20_000)));
	}

	@Test
	void cancellingMidDownloadLeavesThePreviousFileAndNothingElse() throws IOException {
		slowBody();
		Dio dio = oneConnectionDio(BaseOptions.builder());
		Path target = Files.writeString(this.dir.resolve("file.bin"), "previous version");
		CancelToken token = new CancelToken();
		AtomicLong received = new AtomicLong();
		List<Throwable> errors = new CopyOnWriteArrayList<>();

		dio.download("/slow", target, r -> r.cancelToken(token).onReceiveProgress((n, total) -> received.set(n)))
			.subscribe(ok -> {
			}, errors::add);
		await().atMost(Duration.ofSeconds(15)).until(() -> received.get() > 0);
		token.cancel("user closed the dialog");

		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);
		DioException e = (DioException) errors.get(0);
		assertThat(CancelToken.isCancel(e)).isTrue();
		assertThat(e.getMessage()).contains("user closed the dialog").contains("stopped after")
			.contains("was left as it was");
		assertThat(target).hasContent("previous version");
		assertThat(names(this.dir)).containsExactly("file.bin");
		assertConnectionReleased(dio);
	}

	@Test
	void aCancelFromTheProgressCallbackOfASmallDownloadFailsWithCancelAndLeavesNoFile() throws IOException {
		server.wireMock().stubFor(get("/small").willReturn(aResponse().withBody(content(1_000))));
		Dio dio = oneConnectionDio(BaseOptions.builder());
		Path target = this.dir.resolve("small.bin");
		CancelToken token = new CancelToken();

		DioException e = catchThrowableOfType(DioException.class, () -> dio.download("/small", target,
				r -> r.cancelToken(token).onReceiveProgress((n, total) -> token.cancel("enough")))
			.block(Duration.ofSeconds(30)));

		assertThat(e).isNotNull();
		assertThat(CancelToken.isCancel(e)).isTrue();
		assertThat(e.error()).isEqualTo("enough");
		assertThat(names(this.dir)).isEmpty();
		assertConnectionReleased(dio);
	}

	@Test
	void afterACancelNoBufferedChunkIsWrittenAndNoProgressReported() throws IOException {
		server.wireMock().stubFor(get("/big").willReturn(aResponse().withBody(content(4_000_000))));
		Dio dio = oneConnectionDio(BaseOptions.builder());
		CancelToken token = new CancelToken();
		List<Long> reported = new CopyOnWriteArrayList<>();

		DioException e = catchThrowableOfType(DioException.class, () -> dio.download("/big",
				this.dir.resolve("big.bin"), r -> r.cancelToken(token).onReceiveProgress((n, total) -> {
					reported.add(n);
					token.cancel("stop now");
				})).block(Duration.ofSeconds(30)));

		assertThat(CancelToken.isCancel(e)).isTrue();
		assertThat(reported).hasSize(1);
		assertThat(e.getMessage()).contains("stopped after " + reported.get(0) + " bytes");
		assertThat(names(this.dir)).isEmpty();
		assertConnectionReleased(dio);
	}

	@Test
	void disposingTheSubscriptionMidDownloadCleansUpAndReleasesTheConnection() throws IOException {
		slowBody();
		Dio dio = oneConnectionDio(BaseOptions.builder());
		Path target = this.dir.resolve("file.bin");
		AtomicLong received = new AtomicLong();

		Disposable download = dio.download("/slow", target, r -> r.onReceiveProgress((n, total) -> received.set(n)))
			.subscribe();
		await().atMost(Duration.ofSeconds(15)).until(() -> received.get() > 0);
		download.dispose();

		await().atMost(Duration.ofSeconds(10)).until(() -> names(this.dir).isEmpty());
		assertConnectionReleased(dio);
	}

	@Test
	void aBodyThatStallsLongerThanTheReceiveTimeoutStopsTheDownload() throws IOException {
		Path target = this.dir.resolve("file.bin");
		try (HalfBodyServer stall = HalfBodyServer.stalling(1000, 100)) {
			Dio dio = oneConnectionDio(BaseOptions.builder().receiveTimeout(Duration.ofMillis(300)));

			DioException e = catchThrowableOfType(DioException.class,
					() -> dio.download(stall.url("/file"), target).block(Duration.ofSeconds(30)));

			assertThat(e.type()).isEqualTo(DioExceptionType.RECEIVE_TIMEOUT);
			assertThat(e.getMessage()).contains("stalled").contains("stopped after 100 bytes");
			assertThat(names(this.dir)).isEmpty();
			// the pool's only connection is free again: the next exchange gets its headers
			Response<ResponseBody> next = dio.get(stall.url("/again"), ResponseBody.class).block(Duration.ofSeconds(10));
			assertThat(next.statusCode()).isEqualTo(200);
			next.data().stream().take(1).subscribe(DataBufferUtils::release);
		}
	}

	@Test
	void aStreamThatBreaksMidwayLeavesNoHalfWrittenFile() throws IOException {
		Path target = Files.writeString(this.dir.resolve("file.bin"), "previous version");
		AtomicLong received = new AtomicLong();
		try (HalfBodyServer half = HalfBodyServer.start(1000, 500)) {
			DioException e = catchThrowableOfType(DioException.class, () -> server.dio()
				.download(half.url("/file"), target, r -> r.onReceiveProgress((n, total) -> received.set(n)))
				.block(Duration.ofSeconds(30)));

			assertThat(e.type()).isIn(DioExceptionType.CONNECTION_ERROR, DioExceptionType.UNKNOWN);
			assertThat(e.getCause()).isNotNull();
			assertThat(e.getMessage()).contains("stopped after 500 bytes").contains(target + " was left as it was");
		}
		assertThat(received).hasValue(500);
		assertThat(target).hasContent("previous version");
		assertThat(names(this.dir)).containsExactly("file.bin");
	}

	@Test
	void withDeleteOnErrorOffABrokenDownloadKeepsWhatArrivedUnlessAFileWasThere() throws IOException {
		Path fresh = this.dir.resolve("fresh.bin");
		Path existing = Files.writeString(this.dir.resolve("existing.bin"), "previous version");
		DownloadOptions keep = DownloadOptions.builder().deleteOnError(false).build();
		try (HalfBodyServer half = HalfBodyServer.start(1000, 500)) {
			Dio dio = server.dio();

			DioException e = catchThrowableOfType(DioException.class,
					() -> dio.download(half.url("/file"), fresh, null, keep).block(Duration.ofSeconds(30)));
			catchThrowableOfType(DioException.class,
					() -> dio.download(half.url("/file"), existing, null, keep).block(Duration.ofSeconds(30)));

			assertThat(e.getMessage()).contains("500 bytes received were kept in " + fresh);
		}
		assertThat(Files.size(fresh)).isEqualTo(500);
		assertThat(existing).hasContent("previous version");
		assertThat(names(this.dir)).containsExactly("existing.bin", "fresh.bin");
	}

	@Test
	void aFailedAppendIsCutBackToTheOriginalLengthUnlessDeleteOnErrorIsOff() throws IOException {
		Path cut = Files.writeString(this.dir.resolve("cut.log"), "abc");
		Path kept = Files.writeString(this.dir.resolve("kept.log"), "abc");
		Path created = this.dir.resolve("created.log");
		AtomicLong appended = new AtomicLong();
		try (HalfBodyServer half = HalfBodyServer.start(1000, 500)) {
			Dio dio = server.dio();
			DownloadOptions append = DownloadOptions.builder().fileAccessMode(FileAccessMode.APPEND).build();

			DioException e = catchThrowableOfType(DioException.class, () -> dio.download(half.url("/log"), cut,
					r -> r.onReceiveProgress((n, total) -> appended.set(n)), append).block(Duration.ofSeconds(30)));
			catchThrowableOfType(DioException.class, () -> dio.download(half.url("/log"), created, null, append)
				.block(Duration.ofSeconds(30)));
			catchThrowableOfType(DioException.class, () -> dio.download(half.url("/log"), kept, null,
					append.toBuilder().deleteOnError(false).build()).block(Duration.ofSeconds(30)));

			assertThat(e.getMessage()).contains("cut back to its original 3 bytes");
		}
		assertThat(appended).hasValue(500);
		assertThat(cut).hasContent("abc");
		assertThat(Files.size(kept)).isEqualTo(3 + 500);
		assertThat(names(this.dir)).containsExactly("cut.log", "kept.log");
	}

	@Test
	void aFullDiskFailsWithTheCauseAndLeavesTheFileAsItWas() throws IOException {
		server.wireMock().stubFor(get("/big").willReturn(aResponse().withBody(content(100_000))));
		FaultyFileSystem fs = new FaultyFileSystem().diskFullAfter(30_000);
		Path existing = Files.writeString(this.dir.resolve("file.bin"), "previous version");
		Dio dio = oneConnectionDio(BaseOptions.builder());

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.download("/big", fs.path(existing)).block(Duration.ofSeconds(30)));

		assertThat(e.type()).isEqualTo(DioExceptionType.UNKNOWN);
		assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessage("No space left on device");
		assertThat(e.getMessage()).contains("failed after 30000 bytes").contains("free some space")
			.contains(existing + " was left as it was and the partial download was removed");
		assertThat(existing).hasContent("previous version");
		assertThat(names(this.dir)).containsExactly("file.bin");
		assertConnectionReleased(dio);
	}

	@Test
	void aFullDiskWhileAppendingCutsTheFileBack() throws IOException {
		server.wireMock().stubFor(get("/big").willReturn(aResponse().withBody(content(100_000))));
		FaultyFileSystem fs = new FaultyFileSystem().diskFullAfter(30_000);
		Path existing = Files.writeString(this.dir.resolve("file.log"), "abc");

		DioException e = catchThrowableOfType(DioException.class, () -> server.dio().download("/big", fs.path(existing),
				null, DownloadOptions.builder().fileAccessMode(FileAccessMode.APPEND).build()).block(Duration.ofSeconds(30)));

		assertThat(e.getCause()).hasMessage("No space left on device");
		assertThat(existing).hasContent("abc");
	}

	@Test
	void aSavePathUnderARegularFileFailsSayingSoAndReleasesTheConnection() throws IOException {
		server.wireMock().stubFor(get("/big").willReturn(aResponse().withBody(content(100_000))));
		Path file = Files.writeString(this.dir.resolve("notes.txt"), "a file");
		Dio dio = oneConnectionDio(BaseOptions.builder());

		DioException e = catchThrowableOfType(DioException.class,
				() -> dio.download("/big", file.resolve("sub/out.bin")).block(Duration.ofSeconds(30)));

		assertThat(e.type()).isEqualTo(DioExceptionType.UNKNOWN);
		assertThat(e.getCause()).isInstanceOf(IOException.class);
		assertThat(e.getMessage()).contains(file + " is a file, not a directory").contains("Choose a savePath");
		assertThat(names(this.dir)).containsExactly("notes.txt");
		assertConnectionReleased(dio);
	}

	@Test
	void aSavePathThatIsADirectoryFailsSayingSo() throws IOException {
		server.wireMock().stubFor(get("/a").willReturn(aResponse().withBody("abc")));
		Path folder = Files.createDirectory(this.dir.resolve("folder"));

		DioException e = catchThrowableOfType(DioException.class, () -> server.dio().download("/a", folder)
			.block(Duration.ofSeconds(30)));

		assertThat(e.getMessage()).contains("savePath is a directory").contains(folder.resolve("file").toString());
		assertThat(names(folder)).isEmpty();
	}

	@Test
	void aDirectoryWithoutWritePermissionFailsSayingSo() throws IOException {
		server.wireMock().stubFor(get("/a").willReturn(aResponse().withBody("abc")));
		Path locked = Files.createDirectory(this.dir.resolve("locked"));
		Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			assumeThat(Files.isWritable(locked)).as("root writes anyway").isFalse();

			DioException e = catchThrowableOfType(DioException.class, () -> server.dio()
				.download("/a", locked.resolve("a.txt")).block(Duration.ofSeconds(30)));

			assertThat(e.getMessage()).contains("no permission to write").contains("fix its permissions");
			assertThat(names(locked)).isEmpty();
		}
		finally {
			Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void aReadOnlyFileSystemFailsSayingSo() throws IOException {
		server.wireMock().stubFor(get("/a").willReturn(aResponse().withBody("abc")));
		FaultyFileSystem fs = new FaultyFileSystem().readOnly();

		DioException e = catchThrowableOfType(DioException.class, () -> server.dio()
			.download("/a", fs.path(this.dir.resolve("sub/a.txt"))).block(Duration.ofSeconds(30)));

		assertThat(e.getCause()).isInstanceOf(java.nio.file.AccessDeniedException.class);
		assertThat(e.getMessage()).contains("no permission to write").contains("Choose a directory you can write to");
		assertThat(names(this.dir)).isEmpty();
	}

	@Test
	void withoutAtomicMovesTheFinishedFileIsStillMovedIntoPlace() throws IOException {
		server.wireMock().stubFor(get("/a").willReturn(aResponse().withBody("complete")));
		FaultyFileSystem fs = new FaultyFileSystem().withoutAtomicMoves();
		Path target = Files.writeString(this.dir.resolve("a.txt"), "old");

		server.dio().download("/a", fs.path(target)).block(Duration.ofSeconds(30));

		assertThat(target).hasContent("complete");
		assertThat(names(this.dir)).containsExactly("a.txt");
	}

	@Test
	void aProgressCallbackThatThrowsStopsTheDownload() throws IOException {
		server.wireMock().stubFor(get("/big").willReturn(aResponse().withBody(content(100_000))));

		DioException e = catchThrowableOfType(DioException.class, () -> server.dio().download("/big",
				this.dir.resolve("big.bin"), r -> r.onReceiveProgress((n, total) -> {
					throw new IllegalStateException("UI is gone");
				})).block(Duration.ofSeconds(30)));

		assertThat(e.type()).isEqualTo(DioExceptionType.UNKNOWN);
		assertThat(e.getCause()).hasMessage("UI is gone");
		assertThat(e.getMessage()).contains("onReceiveProgress threw");
		assertThat(names(this.dir)).isEmpty();
	}

	@Test
	void aSavePathFunctionThatThrowsFailsAndReleasesTheConnection() throws IOException {
		server.wireMock().stubFor(get("/big").willReturn(aResponse().withBody(content(100_000))));
		Dio dio = oneConnectionDio(BaseOptions.builder());

		DioException e = catchThrowableOfType(DioException.class, () -> dio.download("/big", headers -> {
			throw new IllegalStateException("no Content-Disposition");
		}, null, DownloadOptions.defaults()).block(Duration.ofSeconds(30)));

		assertThat(e.type()).isEqualTo(DioExceptionType.UNKNOWN);
		assertThat(e.getCause()).hasMessage("no Content-Disposition");
		assertThat(e.getMessage()).contains("savePath function failed");
		assertConnectionReleased(dio);
	}

	@Test
	void errorsPointAtTheCallerEvenWhenTheFileFails() throws IOException {
		server.wireMock().stubFor(get("/a").willReturn(aResponse().withBody("abc")));
		Path file = Files.writeString(this.dir.resolve("notes.txt"), "a file");

		DioException e = catchThrowableOfType(DioException.class,
				() -> server.dio().download("/a", file.resolve("x")).block(Duration.ofSeconds(30)));

		assertThat(e.getStackTrace()[0].getClassName()).isEqualTo(DownloadFailureTest.class.getName());
	}

	@Test
	void aDownloadSubscribedLaterPointsAtWhereItWasMade() {
		server.wireMock().stubFor(get("/gone").willReturn(aResponse().withStatus(500)));
		Mono<Response<ResponseBody>> made = downloadMadeHere(server.dio(), this.dir.resolve("gone.bin"));

		DioException e = catchThrowableOfType(DioException.class,
				() -> made.subscribeOn(Schedulers.boundedElastic()).block(Duration.ofSeconds(30)));

		assertThat(e.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(e.getStackTrace()[0].getClassName()).isEqualTo(DownloadFailureTest.class.getName());
		assertThat(e.getStackTrace()[0].getMethodName()).isEqualTo("downloadMadeHere");
	}

	private static Mono<Response<ResponseBody>> downloadMadeHere(Dio dio, Path file) {
		return dio.download("/gone", file);
	}

}
