package io.github.diospring.form;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.Response;
import io.github.diospring.adapter.RequestBody;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.diospring.form.FormDataTest.bytes;
import static io.github.diospring.form.FormDataTest.bytesOf;
import static io.github.diospring.form.FormDataTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Real HTTP: what a multipart parser on the other side makes of our bytes. */
class FormDataUploadTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@TempDir
	Path dir;

	@Test
	void theDioReadmeFormArrivesPartByPartWithAnExactContentLength() throws Exception {
		Path upload = Files.writeString(this.dir.resolve("upload.txt"), "content of ./upload.txt\n");
		Path example = Files.writeString(Files.createDirectory(this.dir.resolve("example")).resolve("upload.txt"),
				"content of ./example/upload.txt\n");
		FormData form = FormData.fromMap(map("name", "wendux", "age", 25,
				"file1", MultipartFile.fromFile(upload, "upload1.txt"),
				"file2", MultipartFile.fromBytes(bytes("hello world"), "word.txt"),
				"files", List.of(MultipartFile.fromFile(example, "upload.txt"), MultipartFile.fromFile(example, "upload.txt"))));
		server.wireMock().stubFor(post("/info").willReturn(ok("done")));
		Dio dio = server.dio();

		Response<String> response = dio.post("/info", form.finalizeBody(), String.class,
				r -> r.header("Content-Type", form.contentType())).block();

		assertThat(response.data()).isEqualTo("done");
		server.wireMock().verify(postRequestedFor(urlEqualTo("/info"))
			.withHeader("Content-Type", equalTo("multipart/form-data; boundary=" + form.boundary()))
			.withHeader("Content-Length", equalTo(String.valueOf(form.length())))
			.withRequestBodyPart(aMultipart().withName("name").withBody(equalTo("wendux")).build())
			.withRequestBodyPart(aMultipart().withName("age").withBody(equalTo("25")).build())
			.withRequestBodyPart(aMultipart().withName("file1")
				.withHeader("Content-Disposition", containing("filename=\"upload1.txt\""))
				.withHeader("Content-Type", equalTo("text/plain"))
				.withBody(equalTo("content of ./upload.txt\n")).build())
			.withRequestBodyPart(aMultipart().withName("file2")
				.withHeader("Content-Disposition", containing("filename=\"word.txt\""))
				.withBody(equalTo("hello world")).build())
			.withRequestBodyPart(aMultipart().withName("files")
				.withHeader("Content-Disposition", containing("filename=\"upload.txt\""))
				.withBody(equalTo("content of ./example/upload.txt\n")).build()));
		Request received = onlyRequest();
		assertThat(received.getParts()).extracting(Request.Part::getName)
			.containsExactly("name", "age", "file1", "file2", "files", "files");
		assertThat(received.getBody()).isEqualTo(bytesOf(form));
	}

	@Test
	void theSameBodyIsSentAgainOnARetryAndAcrossA307WithoutClone() throws Exception {
		Path upload = Files.writeString(this.dir.resolve("upload.txt"), "x".repeat(100_000));
		FormData form = new FormData().addField("name", "wendux").addFile("file", MultipartFile.fromFile(upload));
		server.wireMock().stubFor(post("/old").willReturn(aResponse().withStatus(307).withHeader("Location", "/info")));
		server.wireMock().stubFor(post("/info").willReturn(ok()));
		Dio dio = server.dio();
		RequestBody body = form.toRequestBody();

		dio.post("/old", body, r -> r.header("Content-Type", form.contentType())).block();
		dio.post("/info", body, r -> r.header("Content-Type", form.contentType())).block();

		List<ServeEvent> events = server.wireMock().getAllServeEvents();
		assertThat(events).hasSize(3);
		assertThat(events).allSatisfy(event -> assertThat(event.getRequest().getBody()).isEqualTo(bytesOf(form)));
	}

	@Test
	void aFileDeletedBeforeSendingFailsTheRequestNamingTheFile() throws Exception {
		Path upload = Files.writeString(this.dir.resolve("report.csv"), "a,b\n1,2\n");
		FormData form = new FormData().addFile("file", MultipartFile.fromFile(upload));
		server.wireMock().stubFor(post("/info").willReturn(ok()));
		Dio dio = server.dio();
		Files.delete(upload);

		assertThatExceptionOfType(DioException.class)
			.isThrownBy(() -> dio.post("/info", form.toRequestBody(), r -> r.header("Content-Type", form.contentType()))
				.block())
			.satisfies(e -> assertThat(rootMessage(e)).contains(upload.toAbsolutePath().toString())
				.contains("no longer exists"));
	}

	private static Request onlyRequest() {
		List<ServeEvent> events = server.wireMock().getAllServeEvents();
		assertThat(events).hasSize(1);
		return events.get(0).getRequest();
	}

	private static String rootMessage(Throwable e) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = e; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
		}
		return all.toString();
	}

}
