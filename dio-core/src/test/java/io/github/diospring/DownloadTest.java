package io.github.diospring;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * dio's download, for real against WireMock: what lands on disk, progress, save paths from headers,
 * POST downloads, append, resume with Range, and refused statuses. Failures and cancellation are in
 * {@link DownloadFailureTest}.
 */
class DownloadTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@TempDir
	Path dir;

	static byte[] content(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + 7);
		}
		return bytes;
	}

	static List<String> names(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void theBodyLandsInTheFileAndMissingDirectoriesAreCreated() throws IOException {
		byte[] body = content(200_000);
		server.wireMock().stubFor(get("/files/a.bin").willReturn(aResponse().withBody(body)));
		Path target = this.dir.resolve("x/y/a.bin");

		Response<ResponseBody> response = server.dio().download("/files/a.bin", target).block(Duration.ofSeconds(30));

		assertThat(target).hasBinaryContent(body);
		assertThat(names(target.getParent())).containsExactly("a.bin");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.data()).isInstanceOf(ResponseBody.class);
		assertThat(response.requestOptions().responseType()).isEqualTo(ResponseType.STREAM);
	}

	@Test
	void nothingHappensBeforeSubscription() throws IOException {
		server.wireMock().stubFor(get("/a").willReturn(aResponse().withBody("abc")));
		Path target = this.dir.resolve("a.txt");

		Mono<Response<ResponseBody>> download = server.dio().download("/a", target);

		assertThat(server.wireMock().getAllServeEvents()).isEmpty();
		assertThat(names(this.dir)).isEmpty();
		download.block(Duration.ofSeconds(30));
		download.block(Duration.ofSeconds(30));
		assertThat(target).hasContent("abc");
		assertThat(server.wireMock().getAllServeEvents()).hasSize(2);
	}

	@Test
	void anExistingFileIsReplacedWhole() throws IOException {
		server.wireMock().stubFor(get("/a").willReturn(aResponse().withBody("new")));
		Path target = Files.writeString(this.dir.resolve("a.txt"), "the old, longer content");

		server.dio().download("/a", target).block(Duration.ofSeconds(30));

		assertThat(target).hasContent("new");
		assertThat(names(this.dir)).containsExactly("a.txt");
	}

	@Test
	void progressComesAfterEachWriteOffTheEventLoopUpToTheContentLength() throws IOException {
		byte[] body = content(300_000);
		server.wireMock().stubFor(get("/big").willReturn(aResponse().withHeader("Content-Length", "300000").withBody(body)));
		List<long[]> calls = new CopyOnWriteArrayList<>();
		List<String> threads = new CopyOnWriteArrayList<>();
		List<Long> onDisk = new CopyOnWriteArrayList<>();
		Path target = this.dir.resolve("big.bin");

		server.dio().download("/big", target, r -> r.onReceiveProgress((count, total) -> {
			calls.add(new long[] { count, total });
			threads.add(Thread.currentThread().getName());
			onDisk.add(partialFileSize());
		})).block(Duration.ofSeconds(30));

		assertThat(calls).isNotEmpty();
		assertThat(calls.get(calls.size() - 1)).containsExactly(300_000, 300_000);
		assertThat(calls).allSatisfy(c -> assertThat(c[1]).isEqualTo(300_000));
		for (int i = 0; i < calls.size(); i++) {
			assertThat(onDisk.get(i)).as("bytes on disk when progress said %d", calls.get(i)[0]).isEqualTo(calls.get(i)[0]);
		}
		assertThat(threads).noneMatch(name -> name.startsWith("reactor-http"));
		assertThat(target).hasBinaryContent(body);
	}

	private long partialFileSize() {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.filter(p -> p.getFileName().toString().endsWith(".part")).mapToLong(p -> {
				try {
					return Files.size(p);
				}
				catch (IOException ex) {
					return -1;
				}
			}).sum();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	@Test
	void chunkedBodiesReportAnUnknownTotal() {
		server.wireMock().stubFor(get("/chunked").willReturn(aResponse().withBody("x".repeat(3000))
			.withChunkedDribbleDelay(3, 30)));
		AtomicReference<long[]> last = new AtomicReference<>();

		server.dio().download("/chunked", this.dir.resolve("c.txt"),
				r -> r.onReceiveProgress((count, total) -> last.set(new long[] { count, total })))
			.block(Duration.ofSeconds(30));

		assertThat(last.get()).containsExactly(3000, -1);
	}

	@Test
	void compressedBodiesReportAnUnknownTotalUnlessALengthHeaderSaysOtherwise() throws IOException {
		byte[] plain = "compressible ".repeat(1000).getBytes(StandardCharsets.UTF_8);
		java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
			out.write(plain);
		}
		byte[] gzipped = gz.toByteArray();
		server.wireMock().stubFor(get("/gz").willReturn(aResponse().withHeader("Content-Encoding", "gzip")
			.withHeader("Content-Length", String.valueOf(gzipped.length))
			.withHeader("X-Original-Length", String.valueOf(plain.length))
			.withBody(gzipped)));
		Dio dio = server.dio();
		AtomicReference<long[]> byDefault = new AtomicReference<>();
		AtomicReference<long[]> byHeader = new AtomicReference<>();

		dio.download("/gz", this.dir.resolve("a.gz"), r -> r.onReceiveProgress((n, total) -> byDefault.set(new long[] { n, total })))
			.block(Duration.ofSeconds(30));
		dio.download("/gz", this.dir.resolve("b.gz"), r -> r.onReceiveProgress((n, total) -> byHeader.set(new long[] { n, total })),
				DownloadOptions.builder().lengthHeader("x-original-length").build())
			.block(Duration.ofSeconds(30));

		assertThat(byDefault.get()[1]).isEqualTo(-1);
		assertThat(byHeader.get()[1]).isEqualTo(plain.length);
		assertThat(this.dir.resolve("a.gz")).hasBinaryContent(gzipped);
	}

	@Test
	void theSavePathCanComeFromTheHeadersWhichAlsoCarryRedirectsAndTheFinalUri() throws IOException {
		server.wireMock().stubFor(get("/latest").willReturn(temporaryRedirect("/files/v2.zip")));
		server.wireMock().stubFor(get("/files/v2.zip").willReturn(aResponse().withHeader("X-Checksum", "abc").withBody("zip")));
		AtomicReference<Headers> seen = new AtomicReference<>();
		AtomicReference<String> thread = new AtomicReference<>();

		server.dio().download("/latest", headers -> {
			seen.set(headers);
			thread.set(Thread.currentThread().getName());
			return this.dir.resolve(Path.of(URI.create(headers.value("uri")).getPath()).getFileName());
		}, null, DownloadOptions.defaults()).block(Duration.ofSeconds(30));

		assertThat(seen.get().value("redirects")).isEqualTo("1");
		assertThat(seen.get().value("uri")).isEqualTo(server.baseUrl() + "/files/v2.zip");
		assertThat(seen.get().value("x-checksum")).isEqualTo("abc");
		assertThat(thread.get()).doesNotStartWith("reactor-http");
		assertThat(this.dir.resolve("v2.zip")).hasContent("zip");
	}

	@Test
	void aDownloadCanPostDataWithItsOwnHeaders() {
		server.wireMock().stubFor(post("/export").withRequestBody(equalToJson("{\"year\":2024}"))
			.willReturn(aResponse().withBody("a,b\n1,2\n")));
		Path target = this.dir.resolve("export.csv");

		server.dio().download("/export", target, r -> r.method("POST").data(Map.of("year", 2024)).header("X-Format", "csv"))
			.block(Duration.ofSeconds(30));

		assertThat(target).hasContent("a,b\n1,2\n");
		server.wireMock().verify(postRequestedFor(urlEqualTo("/export")).withHeader("X-Format", equalTo("csv")));
	}

	@Test
	void downloadUriUsesTheUriAsItIs() {
		server.wireMock().stubFor(get("/abs/file").willReturn(aResponse().withBody("absolute")));
		Dio dio = server.dio(BaseOptions.builder().baseUrl("http://example.invalid/api"));

		dio.downloadUri(URI.create(server.baseUrl() + "/abs/file"), this.dir.resolve("f")).block(Duration.ofSeconds(30));

		assertThat(this.dir.resolve("f")).hasContent("absolute");
	}

	@Test
	void appendAddsTheBodyToTheEndOfTheFile() throws IOException {
		server.wireMock().stubFor(get("/more").willReturn(aResponse().withBody("def")));
		Path target = Files.writeString(this.dir.resolve("log.txt"), "abc");

		server.dio().download("/more", target, null,
				DownloadOptions.builder().fileAccessMode(FileAccessMode.APPEND).build()).block(Duration.ofSeconds(30));

		assertThat(target).hasContent("abcdef");
		assertThat(names(this.dir)).containsExactly("log.txt");
	}

	@Test
	void refusedStatusesKeepTheDecodedErrorBodyAndWriteNothing() throws IOException {
		server.wireMock().stubFor(get("/gone").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "text/plain").withBody("no such file")));
		server.wireMock().stubFor(get("/broken").willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json").withBody("{\"error\":\"boom\"}")));
		Path existing = Files.writeString(this.dir.resolve("keep.txt"), "mine");
		Dio dio = server.dio();
		List<Object> seenByErrorInterceptor = new CopyOnWriteArrayList<>();
		dio.interceptors().add(InterceptorsWrapper.builder().onError((e, handler) -> {
			seenByErrorInterceptor.add(e.response().data());
			handler.next(e);
		}).build());

		DioException text = catchThrowableOfType(DioException.class,
				() -> dio.download("/gone", existing).block(Duration.ofSeconds(30)));
		DioException json = catchThrowableOfType(DioException.class,
				() -> dio.download("/broken", this.dir.resolve("new.bin")).block(Duration.ofSeconds(30)));

		assertThat(text.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(text.response().statusCode()).isEqualTo(404);
		assertThat(text.response().data()).isEqualTo("no such file");
		assertThat(json.response().data()).isEqualTo(Map.of("error", "boom"));
		assertThat(seenByErrorInterceptor).containsExactly("no such file", Map.of("error", "boom"));
		assertThat(existing).hasContent("mine");
		assertThat(names(this.dir)).containsExactly("keep.txt");
	}

	@Test
	void resumeAppendsTheMissingRangeWhenTheServerAnswers206() throws IOException {
		server.wireMock().stubFor(get("/file").withHeader("Range", equalTo("bytes=10-")).willReturn(aResponse()
			.withStatus(206).withHeader("Content-Range", "bytes 10-19/20").withHeader("Content-Length", "10")
			.withBody("abcdefghij")));
		Path target = Files.writeString(this.dir.resolve("file"), "0123456789");
		AtomicReference<long[]> last = new AtomicReference<>();

		Response<ResponseBody> response = server.dio().download("/file", target,
				r -> r.onReceiveProgress((n, total) -> last.set(new long[] { n, total })),
				DownloadOptions.builder().resume(true).build()).block(Duration.ofSeconds(30));

		assertThat(response.statusCode()).isEqualTo(206);
		assertThat(target).hasContent("0123456789abcdefghij");
		assertThat(last.get()).containsExactly(20, 20);
		assertThat(names(this.dir)).containsExactly("file");
	}

	@Test
	void resumeRewritesTheFileFromScratchWhenTheServerIgnoresRange() throws IOException {
		server.wireMock().stubFor(get("/file").willReturn(aResponse().withBody("the whole new file")));
		Path target = Files.writeString(this.dir.resolve("file"), "stale part");

		server.dio().download("/file", target, null, DownloadOptions.builder().resume(true).build())
			.block(Duration.ofSeconds(30));

		assertThat(target).hasContent("the whole new file");
		assertThat(names(this.dir)).containsExactly("file");
		server.wireMock().verify(getRequestedFor(urlEqualTo("/file")).withHeader("Range", equalTo("bytes=10-")));
	}

	@Test
	void resumeOfACompleteFileChangesNothing() throws IOException {
		server.wireMock().stubFor(get("/file").withHeader("Range", equalTo("bytes=10-")).willReturn(aResponse()
			.withStatus(416).withHeader("Content-Range", "bytes */10")));
		Path target = Files.writeString(this.dir.resolve("file"), "0123456789");

		Response<ResponseBody> response = server.dio().download("/file", target, null,
				DownloadOptions.builder().resume(true).build()).block(Duration.ofSeconds(30));

		assertThat(response.statusCode()).isEqualTo(416);
		assertThat(target).hasContent("0123456789");
	}

	@Test
	void resumeRefusesAFileThatIsNotAPartOfTheServersFile() throws IOException {
		server.wireMock().stubFor(get("/file").willReturn(aResponse().withStatus(416).withHeader("Content-Range", "bytes */4")));
		Path target = Files.writeString(this.dir.resolve("file"), "0123456789");

		DioException e = catchThrowableOfType(DioException.class, () -> server.dio()
			.download("/file", target, null, DownloadOptions.builder().resume(true).build()).block(Duration.ofSeconds(30)));

		assertThat(e.type()).isEqualTo(DioExceptionType.BAD_RESPONSE);
		assertThat(e.getMessage()).contains("has 10 bytes").contains("has 4").contains("delete it");
		assertThat(target).hasContent("0123456789");
	}

	@Test
	void resumeRefusesARangeItDidNotAskFor() throws IOException {
		server.wireMock().stubFor(get("/file").willReturn(aResponse().withStatus(206)
			.withHeader("Content-Range", "bytes 0-19/20").withBody("ABCDEFGHIJabcdefghij")));
		Path target = Files.writeString(this.dir.resolve("file"), "0123456789");

		DioException e = catchThrowableOfType(DioException.class, () -> server.dio()
			.download("/file", target, null, DownloadOptions.builder().resume(true).build()).block(Duration.ofSeconds(30)));

		assertThat(e.getMessage()).contains("bytes=10-").contains("bytes 0-19/20").contains("without resume");
		assertThat(target).hasContent("0123456789");
		assertThat(names(this.dir)).containsExactly("file");
	}

	@Test
	void resumeOfAMissingFileDownloadsItAllWithoutRange() {
		server.wireMock().stubFor(get("/file").willReturn(aResponse().withBody("everything")));
		Path target = this.dir.resolve("sub/file");

		server.dio().download("/file", target, null, DownloadOptions.builder().resume(true).build())
			.block(Duration.ofSeconds(30));

		assertThat(target).hasContent("everything");
		server.wireMock().verify(getRequestedFor(urlEqualTo("/file")).withHeader("Range", absent()));
	}

	@Test
	void resumeMeasuresTheFileAgainOnEachSubscription() throws IOException {
		server.wireMock().stubFor(get("/file").withHeader("Range", equalTo("bytes=3-")).willReturn(aResponse()
			.withStatus(206).withHeader("Content-Range", "bytes 3-5/6").withBody("def")));
		server.wireMock().stubFor(get("/file").withHeader("Range", equalTo("bytes=6-")).willReturn(aResponse()
			.withStatus(416).withHeader("Content-Range", "bytes */6")));
		Path target = Files.writeString(this.dir.resolve("file"), "abc");
		Mono<Response<ResponseBody>> resume = server.dio().download("/file", target, null,
				DownloadOptions.builder().resume(true).build());

		assertThat(resume.block(Duration.ofSeconds(30)).statusCode()).isEqualTo(206);
		assertThat(resume.block(Duration.ofSeconds(30)).statusCode()).isEqualTo(416);
		assertThat(target).hasContent("abcdef");
	}

	@Test
	void invalidDownloadSettingsFailAtOnceNamingTheSetting() {
		Dio dio = server.dio();

		assertThatIllegalArgumentException().isThrownBy(() -> dio.download("/x", headers -> this.dir.resolve("x"), null,
				DownloadOptions.builder().resume(true).build())).withMessageContaining("resume").withMessageContaining("Path");
		assertThatIllegalArgumentException().isThrownBy(() -> DownloadOptions.builder().resume(true)
			.fileAccessMode(FileAccessMode.APPEND).build()).withMessageContaining("APPEND");
		assertThatIllegalArgumentException().isThrownBy(() -> DownloadOptions.builder().lengthHeader(" ").build())
			.withMessageContaining("lengthHeader");
		assertThatIllegalArgumentException().isThrownBy(() -> dio.download("/x", this.dir.resolve("x"),
				r -> r.receiveTimeout(Duration.ofSeconds(-1)))).withMessageContaining("receiveTimeout");
	}

}
