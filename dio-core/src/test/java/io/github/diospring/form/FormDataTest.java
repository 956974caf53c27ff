package io.github.diospring.form;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diospring.ListFormat;
import io.github.diospring.ListParam;
import io.github.diospring.adapter.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBufferUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class FormDataTest {

	@TempDir
	Path dir;

	@Test
	void writesFieldsFirstThenFilesInDiosExactWireFormat() {
		FormData form = new FormData().addFile("file", MultipartFile.fromBytes(bytes("hello"), "a.bin"))
			.addField("name", "wendux")
			.addFile("note", MultipartFile.fromString("你好", "note.txt").withHeaders(Map.of("test", "a")))
			.addField("age", 25);
		String b = form.boundary();

		assertThat(text(form)).isEqualTo("--" + b + "\r\n"
				+ "content-disposition: form-data; name=\"name\"\r\n\r\n"
				+ "wendux\r\n"
				+ "--" + b + "\r\n"
				+ "content-disposition: form-data; name=\"age\"\r\n\r\n"
				+ "25\r\n"
				+ "--" + b + "\r\n"
				+ "content-disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
				+ "content-type: application/octet-stream\r\n\r\n"
				+ "hello\r\n"
				+ "--" + b + "\r\n"
				+ "content-disposition: form-data; name=\"note\"; filename=\"note.txt\"\r\n"
				+ "content-type: text/plain; charset=utf-8\r\n"
				+ "test: a\r\n\r\n"
				+ "你好\r\n"
				+ "--" + b + "--\r\n");
		assertThat(form.contentType()).isEqualTo("multipart/form-data; boundary=" + b);
	}

	@Test
	void matchesDiosOwnFixtureForNonAsciiFieldsAndFilesWithoutFilename() {
		String poem = "你好世界，\n我很好人类\n哈哈哈哈哈😆\n";
		FormData form = FormData.fromMap(map("name", "wendux", "age", 25, "path", "/图片空间/地址",
				"file", MultipartFile.fromString("hello world.", null).withHeaders(Map.of("test", "a")),
				"files", List.of(MultipartFile.fromBytes(bytes(poem), "1.txt").withHeaders(Map.of("test", "b")),
						MultipartFile.fromBytes(bytes("hello world again."), "3.txt").withHeaders(Map.of("test", "d")))));
		String b = form.boundary();

		// cfug/dio dio/test/mock/_formdata, with its line ends as CRLF
		assertThat(text(form)).isEqualTo(("--B\ncontent-disposition: form-data; name=\"name\"\n\nwendux\n"
				+ "--B\ncontent-disposition: form-data; name=\"age\"\n\n25\n"
				+ "--B\ncontent-disposition: form-data; name=\"path\"\n\n/图片空间/地址\n"
				+ "--B\ncontent-disposition: form-data; name=\"file\"\ncontent-type: text/plain; charset=utf-8\ntest: a\n\n"
				+ "hello world.\n"
				+ "--B\ncontent-disposition: form-data; name=\"files\"; filename=\"1.txt\"\ncontent-type: text/plain\n"
				+ "test: b\n\n" + poem + "\n"
				+ "--B\ncontent-disposition: form-data; name=\"files\"; filename=\"3.txt\"\ncontent-type: text/plain\n"
				+ "test: d\n\nhello world again.\n"
				+ "--B--\n").replace("\n", "\r\n").replace("--B", "--" + b).replace(poem.replace("\n", "\r\n"), poem));
	}

	@Test
	void escapesLineBreaksAndQuotesInNamesAndFilenamesLikeBrowsers() {
		FormData form = new FormData().addField("a\"b\r\nc\rd\ne%é", "v\r\n\"kept\"")
			.addFile("f\"", MultipartFile.fromBytes(bytes("x"), "evil\"\r\nname.txt"));

		assertThat(text(form)).contains("name=\"a%22b%0D%0Ac%0D%0Ad%0D%0Ae%é\"\r\n\r\nv\r\n\"kept\"\r\n")
			.contains("name=\"f%22\"; filename=\"evil%22%0D%0Aname.txt\"\r\n");
		assertThat(form.length()).isEqualTo(bytesOf(form).length);
	}

	@Test
	void lengthIsExactWithoutReadingFilesAndMatchesTheBytesSent() throws Exception {
		Path big = this.dir.resolve("big.bin");
		byte[] content = new byte[200_000];
		for (int i = 0; i < content.length; i++) {
			content[i] = (byte) i;
		}
		Files.write(big, content);
		Files.writeString(this.dir.resolve("名字.txt"), "ünïcode body");
		FormData form = FormData.fromMap(map("name", "wendux", "bio", "crème brûlée",
				"big", MultipartFile.fromFile(big),
				"small", MultipartFile.fromFile(this.dir.resolve("名字.txt")),
				"stream", MultipartFile.fromStream(() -> new java.io.ByteArrayInputStream(content), content.length, "s")));

		long expected = form.length();
		byte[] sent = bytesOf(form);

		assertThat(sent).hasSize((int) expected);
		assertThat(form.toRequestBody().contentLength()).isEqualTo(expected);
		assertThat(new String(sent, StandardCharsets.UTF_8)).contains("filename=\"名字.txt\"\r\ncontent-type: text/plain\r\n\r\nünïcode body\r\n");
		assertThat(indexOf(sent, content)).isPositive();
	}

	@Test
	void fromMapFlattensNestedMapsAndListsWithBracketsThatAreNotEncoded() {
		Map<String, Object> data = map("name", "x", "api", map("data", map("a", 1, "b", List.of("p", "q"))),
				"items", List.of(map("name", "a"), map("name", "b")), "tags", List.of("x", "y"), "empty", null,
				"matrix", List.of(List.of(1, 2)), "array", new int[] { 7, 8 }, "piped", new ListParam(List.of(1, 2), ListFormat.PIPES));

		assertThat(FormData.fromMap(data).fields()).containsExactly(Map.entry("name", "x"),
				Map.entry("api[data][a]", "1"), Map.entry("api[data][b]", "p"), Map.entry("api[data][b]", "q"),
				Map.entry("items[0][name]", "a"), Map.entry("items[1][name]", "b"), Map.entry("tags", "x"),
				Map.entry("tags", "y"), Map.entry("empty", ""), Map.entry("matrix[0]", "1"), Map.entry("matrix[0]", "2"),
				Map.entry("array", "7"), Map.entry("array", "8"), Map.entry("piped", "1|2"));
		assertThat(FormData.fromMap(data, ListFormat.MULTI_COMPATIBLE).fields()).containsExactly(Map.entry("name", "x"),
				Map.entry("api[data][a]", "1"), Map.entry("api[data][b][]", "p"), Map.entry("api[data][b][]", "q"),
				Map.entry("items[0][name]", "a"), Map.entry("items[1][name]", "b"), Map.entry("tags[]", "x"),
				Map.entry("tags[]", "y"), Map.entry("empty", ""), Map.entry("matrix[0][]", "1"),
				Map.entry("matrix[0][]", "2"), Map.entry("array[]", "7"), Map.entry("array[]", "8"),
				Map.entry("piped", "1|2"));
		assertThat(FormData.fromMap(map("tags", List.of("x", "y")), ListFormat.CSV).fields())
			.containsExactly(Map.entry("tags", "x,y"));
		assertThat(FormData.fromMap(map("tags", List.of("x", "y")), ListFormat.TSV).fields())
			.containsExactly(Map.entry("tags", "x\ty"));
		assertThat(text(FormData.fromMap(map("items", List.of(map("name", "a")))))).contains("name=\"items[0][name]\"");
	}

	@Test
	void fileListsRepeatTheNameWithMultiAndAddBracketsWithMultiCompatible() {
		MultipartFile a = MultipartFile.fromBytes(bytes("a"), "a.txt");
		MultipartFile b = MultipartFile.fromBytes(bytes("b"), "b.txt");
		Map<String, Object> data = map("files", List.of(a, b), "nested", map("doc", a), "docs", List.of(map("file", b)));

		FormData multi = FormData.fromMap(data);
		FormData compatible = FormData.fromMap(data, ListFormat.MULTI_COMPATIBLE);
		FormData csv = FormData.fromMap(data, ListFormat.CSV);

		assertThat(multi.files()).extracting(Map.Entry::getKey).containsExactly("files", "files", "nested[doc]", "docs[0][file]");
		assertThat(multi.files()).extracting(Map.Entry::getValue).containsExactly(a, b, a, b);
		assertThat(compatible.files()).extracting(Map.Entry::getKey)
			.containsExactly("files[]", "files[]", "nested[doc]", "docs[0][file]");
		assertThat(csv.files()).extracting(Map.Entry::getKey).containsExactly("files", "files", "nested[doc]", "docs[0][file]");
		assertThat(multi.fields()).isEmpty();
	}

	@Test
	void aByteArrayValueIsRefusedWithTheWayToUploadIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> FormData.fromMap(map("avatar", bytes("png"))))
			.withMessageContaining("'avatar' is a byte[]")
			.withMessageContaining("MultipartFile.fromBytes");
	}

	@Test
	void finalizingTwiceFailsLikeDioButTheFinalizedBodyCanBeSentAgain() {
		FormData form = new FormData().addField("a", "1").addFile("f", MultipartFile.fromString("x", "x.txt"));

		RequestBody body = form.finalizeBody();

		assertThat(form.isFinalized()).isTrue();
		assertThatIllegalStateException().isThrownBy(form::finalizeBody)
			.withMessageContaining("The FormData has already been finalized")
			.withMessageContaining("clone()");
		assertThat(body.isReplayable()).isTrue();
		assertThat(read(body)).isEqualTo(read(body)).isEqualTo(read(form.toRequestBody())).isEqualTo(bytesOf(form));
		assertThat(body.contentLength()).isEqualTo(form.length());
	}

	@Test
	void cloneKeepsBoundaryOptionsFieldsAndFilesAndIsNotFinalized() throws Exception {
		Path file = Files.writeString(this.dir.resolve("upload.txt"), "from disk");
		FormData form = new FormData().boundaryName("--my-boundary").camelCaseContentDisposition(true)
			.addField("name", "wendux").addFile("file", MultipartFile.fromFile(file));
		form.finalizeBody();

		FormData copy = form.clone();

		assertThat(copy.boundary()).isEqualTo(form.boundary()).matches("--my-boundary-\\d{10}");
		assertThat(copy.boundaryName()).isEqualTo("--my-boundary");
		assertThat(copy.isCamelCaseContentDisposition()).isTrue();
		assertThat(copy.isFinalized()).isFalse();
		assertThat(copy.fields()).isEqualTo(form.fields());
		assertThat(bytesOf(copy)).isEqualTo(bytesOf(form));
		assertThat(read(copy.finalizeBody())).isEqualTo(bytesOf(form));
		copy.addField("extra", "only in the copy");
		assertThat(form.fields()).hasSize(1);
	}

	@Test
	void theBoundaryIsTheNameADashAndTenRandomDigits() {
		FormData a = new FormData();
		FormData b = new FormData();

		assertThat(a.boundary()).matches("--dio-boundary-\\d{10}");
		assertThat(a.boundaryName()).isEqualTo(FormData.DEFAULT_BOUNDARY_NAME);
		assertThat(text(a)).isEqualTo("----dio-boundary-" + a.boundary().substring(15) + "--\r\n");
		assertThat(a.boundary()).isNotEqualTo(b.boundary());
		assertThatIllegalArgumentException().isThrownBy(() -> a.boundaryName("has space"))
			.withMessageContaining("boundary name 'has space'");
		assertThatIllegalArgumentException().isThrownBy(() -> a.boundaryName("x".repeat(60)));
		assertThat(a.boundary()).matches("--dio-boundary-\\d{10}");
	}

	@Test
	void camelCaseContentDispositionCapitalisesOnlyThatHeader() {
		FormData form = new FormData().camelCaseContentDisposition(true).addField("a", "1")
			.addFile("f", MultipartFile.fromBytes(bytes("x"), "x.png"));

		assertThat(text(form)).contains("Content-Disposition: form-data; name=\"a\"\r\n")
			.contains("Content-Disposition: form-data; name=\"f\"; filename=\"x.png\"\r\ncontent-type: image/png\r\n")
			.doesNotContain("content-disposition");
		assertThat(form.length()).isEqualTo(bytesOf(form).length);
	}

	@Test
	void eachBodyIsASnapshotAndToStringShowsNoFieldValues() {
		FormData form = new FormData().addField("password", "s3cret");
		RequestBody before = form.toRequestBody();
		form.addField("later", "x");

		assertThat(new String(read(before), StandardCharsets.UTF_8)).doesNotContain("later");
		assertThat(text(form)).contains("later");
		assertThat(form.toString()).contains("password").doesNotContain("s3cret");
	}

	static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] bytesOf(FormData form) {
		return form.readAsBytes().block();
	}

	static String text(FormData form) {
		return new String(bytesOf(form), StandardCharsets.UTF_8);
	}

	static byte[] read(RequestBody body) {
		return DataBufferUtils.join(body.content()).map(buffer -> {
			byte[] out = new byte[buffer.readableByteCount()];
			buffer.read(out);
			DataBufferUtils.release(buffer);
			return out;
		}).block();
	}

	static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
