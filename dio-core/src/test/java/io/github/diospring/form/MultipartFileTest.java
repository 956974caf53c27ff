package io.github.diospring.form;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

import static io.github.diospring.form.FormDataTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MultipartFileTest {

	@TempDir
	Path dir;

	@Test
	void contentTypeIsExplicitElseFromTheExtensionElseOctetStream() {
		assertThat(MultipartFile.fromBytes(bytes("x"), "a.txt").contentType()).isEqualTo("text/plain");
		assertThat(MultipartFile.fromBytes(bytes("x"), "a.png").contentType()).isEqualTo("image/png");
		assertThat(MultipartFile.fromBytes(bytes("x"), "A.JPG").contentType()).isEqualTo("image/jpeg");
		assertThat(MultipartFile.fromBytes(bytes("x"), "a.unknownext").contentType()).isEqualTo("application/octet-stream");
		assertThat(MultipartFile.fromBytes(bytes("x"), "no-extension").contentType()).isEqualTo("application/octet-stream");
		assertThat(MultipartFile.fromBytes(bytes("x"), null).contentType()).isEqualTo("application/octet-stream");
		assertThat(MultipartFile.fromBytes(bytes("x"), "a.png").withContentType("image/webp").contentType())
			.isEqualTo("image/webp");
		assertThat(MultipartFile.fromBytes(bytes("x"), "a.png").withHeaders(Map.of("Content-Type", "image/gif"))
			.contentType()).isEqualTo("image/gif");
	}

	@Test
	void badContentTypesAndHeadersAreRefusedWithTheReason() {
		MultipartFile file = MultipartFile.fromBytes(bytes("x"), "a.bin");

		assertThatIllegalArgumentException().isThrownBy(() -> file.withContentType("png"))
			.withMessageContaining("'png' is not a valid content type");
		assertThatIllegalArgumentException().isThrownBy(() -> file.withContentType("text/plain\r\nx-evil: 1"))
			.withMessageContaining("line break");
		assertThatIllegalArgumentException().isThrownBy(() -> file.withHeaders(Map.of("x-a", "1\r\nx-b: 2")));
		assertThatIllegalArgumentException().isThrownBy(() -> file.withHeaders(Map.of("Content-Disposition", "x")))
			.withMessageContaining("content-disposition");
		assertThatIllegalArgumentException().isThrownBy(() -> MultipartFile.fromStream(ByteArrayInputStream::nullInputStream, -1, "x"))
			.withMessageContaining("length must be known");
	}

	@Test
	void fromStringIsUtf8TextUnlessTheContentTypeNamesACharset() {
		MultipartFile plain = MultipartFile.fromString("é", "note");
		MultipartFile json = MultipartFile.fromString("{}", "a.json");
		MultipartFile latin = MultipartFile.fromString("é", "a.txt", "text/plain; charset=iso-8859-1");
		MultipartFile csv = MultipartFile.fromString("é", "a.txt", "text/csv");
		MultipartFile octets = MultipartFile.fromString("é", "a", "application/octet-stream");

		assertThat(plain.contentType()).isEqualTo("text/plain; charset=utf-8");
		assertThat(plain.length()).isEqualTo(2);
		assertThat(json.contentType()).isEqualTo("application/json; charset=utf-8");
		assertThat(latin.contentType()).isEqualTo("text/plain; charset=iso-8859-1");
		assertThat(latin.length()).isEqualTo(1);
		assertThat(read(latin)).containsExactly((byte) 0xE9);
		assertThat(csv.contentType()).isEqualTo("text/csv; charset=utf-8");
		assertThat(octets.contentType()).isEqualTo("application/octet-stream; charset=utf-8");
		assertThatIllegalArgumentException().isThrownBy(() -> MultipartFile.fromString("x", null, "text/plain; charset=nope"))
			.withMessageContaining("charset");
	}

	@Test
	void fromFileTakesTheSizeNowAndTheNameFromThePath() throws Exception {
		Path file = Files.writeString(this.dir.resolve("upload.txt"), "hello file");

		MultipartFile part = MultipartFile.fromFile(file);
		MultipartFile renamed = MultipartFile.fromPath(file, "upload1.txt");

		assertThat(part.filename()).isEqualTo("upload.txt");
		assertThat(part.length()).isEqualTo(10);
		assertThat(part.contentType()).isEqualTo("text/plain");
		assertThat(renamed.filename()).isEqualTo("upload1.txt");
		assertThat(new String(read(part), StandardCharsets.UTF_8)).isEqualTo("hello file");
		assertThat(read(part)).isEqualTo(read(renamed));
		assertThatIllegalArgumentException().isThrownBy(() -> MultipartFile.fromFile(this.dir.resolve("missing.txt")))
			.withMessageContaining("missing.txt").withMessageContaining("does not exist");
		assertThatIllegalArgumentException().isThrownBy(() -> MultipartFile.fromFile(this.dir))
			.withMessageContaining("is not a regular file");
	}

	@Test
	void aFileDeletedBeforeSendingFailsNamingTheFileAndTheFix() throws Exception {
		Path file = Files.writeString(this.dir.resolve("gone.txt"), "soon gone");
		FormData form = new FormData().addField("a", "1").addFile("file", MultipartFile.fromFile(file));
		Files.delete(file);

		assertThatIllegalStateException().isThrownBy(() -> form.readAsBytes().block())
			.withMessageContaining(file.toAbsolutePath().toString())
			.withMessageContaining("no longer exists")
			.withMessageContaining("Keep the file in place");
	}

	@Test
	void aFileWhoseSizeChangedFailsInsteadOfSendingAWrongContentLength() throws Exception {
		Path file = Files.writeString(this.dir.resolve("log.txt"), "12345");
		MultipartFile part = MultipartFile.fromFile(file);
		Files.writeString(file, "1234567890");

		assertThatIllegalStateException().isThrownBy(() -> read(part))
			.withMessageContaining("log.txt")
			.withMessageContaining("has 10 bytes now but had 5")
			.withMessageContaining("nothing was sent");
	}

	@Test
	void aStreamOfTheWrongLengthIsStopped() {
		MultipartFile shorter = MultipartFile.fromStream(() -> new ByteArrayInputStream(bytes("abc")), 5, "s.bin");
		MultipartFile longer = MultipartFile.fromPublisher(
				() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes("abc"))), 2, "p.bin");

		assertThatIllegalStateException().isThrownBy(() -> read(shorter))
			.withMessageContaining("'s.bin' delivered only 3 bytes instead of the 5 bytes");
		assertThatIllegalStateException().isThrownBy(() -> read(longer))
			.withMessageContaining("'p.bin' delivered more than the 2 bytes")
			.withMessageContaining("length given to fromStream/fromPublisher is wrong");
	}

	@Test
	void aSupplierStreamIsReadAgainOnEverySend() {
		AtomicInteger opened = new AtomicInteger();
		MultipartFile part = MultipartFile.fromStream(() -> {
			opened.incrementAndGet();
			return new ByteArrayInputStream(bytes("again"));
		}, 5, "a.txt");
		FormData form = new FormData().addFile("f", part);

		assertThat(opened).hasValue(0);
		assertThat(part.isReplayable()).isTrue();
		assertThat(form.toRequestBody().isReplayable()).isTrue();
		assertThat(FormDataTest.bytesOf(form)).isEqualTo(FormDataTest.bytesOf(form.clone()));
		assertThat(opened).hasValue(2);
	}

	@Test
	void aSingleInputStreamCanBeSentOnceAndThenSaysToUseTheSupplierForm() {
		MultipartFile part = MultipartFile.fromStream(new ByteArrayInputStream(bytes("once")), 4, "once.txt");
		FormData form = new FormData().addFile("f", part);

		assertThat(part.isReplayable()).isFalse();
		assertThat(form.toRequestBody().isReplayable()).isFalse();
		assertThat(FormDataTest.text(form)).contains("\r\n\r\nonce\r\n");
		assertThatIllegalStateException().isThrownBy(() -> FormDataTest.bytesOf(form))
			.withMessageContaining("'once.txt' was made from a single InputStream, which has already been read")
			.withMessageContaining("fromStream(() -> openStream(), length, filename)");
		assertThatIllegalStateException().isThrownBy(() -> read(part.clone()));
	}

	@Test
	void withMethodsReturnCopiesAndCloneIsEqualContent() {
		MultipartFile file = MultipartFile.fromBytes(bytes("x"), "a.txt");
		MultipartFile changed = file.withFilename("b.png").withHeaders(Map.of("x-tag", List.of("1", "2")));

		assertThat(file.filename()).isEqualTo("a.txt");
		assertThat(file.headers().isEmpty()).isTrue();
		assertThat(changed.filename()).isEqualTo("b.png");
		assertThat(changed.contentType()).isEqualTo("text/plain");
		assertThat(changed.headers().get("X-Tag")).containsExactly("1", "2");
		assertThat(read(file.clone())).isEqualTo(read(file));
		assertThat(file.clone().toString()).isEqualTo(file.toString());
	}

	private static byte[] read(MultipartFile file) {
		return DataBufferUtils.join(file.content()).map(buffer -> {
			byte[] out = new byte[buffer.readableByteCount()];
			buffer.read(out);
			DataBufferUtils.release(buffer);
			return out;
		}).block();
	}

}
