package io.github.diospring.form;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.diospring.ListFormat;
import io.github.diospring.adapter.RequestBody;
import io.github.diospring.internal.Buffers;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@code multipart/form-data} body, as dio's {@code FormData}: text fields and
 * {@link MultipartFile}s (repeated names allowed), written in dio's wire format with an exact
 * length, so uploads carry a Content-Length and report real progress.
 *
 * <p><b>Sending it again.</b> dio's most asked-about upload problem is that a form cannot be sent
 * twice ("already finalized", so retries need {@code clone()}). Here {@link #toRequestBody()}
 * can be called any number of times and its body re-reads the files on every subscription: a
 * retry, a 307/308 redirect or posting the same form twice just works. Only a file made from a
 * single {@link java.io.InputStream} can be read once. {@link #finalizeBody()} keeps dio's
 * contract (once per instance) for code ported from dio.
 *
 * <p><b>Mutability.</b> Like dio, a FormData is a mutable builder: add fields and files, then send
 * it. Each body is a snapshot taken when it is made; later changes only affect later bodies. Not
 * thread-safe while being changed; build it on one thread, then share it.
 *
 * <p>Wire format (dio's): every field, then every file, each as {@code --<boundary>\r\n},
 * {@code content-disposition: form-data; name="<name>"} (plus {@code ; filename="<filename>"},
 * {@code content-type} and extra headers for files), a blank line, the bytes, {@code \r\n};
 * then {@code --<boundary>--\r\n}. Field values are UTF-8 without a part content type.
 *
 * <pre>{@code
 * FormData form = FormData.fromMap(Map.of(
 *         "name", "wendux",
 *         "age", 25,
 *         "file1", MultipartFile.fromFile(Path.of("upload.txt"), "upload1.txt"),
 *         "file2", MultipartFile.fromBytes("hello world".getBytes(UTF_8), "word.txt"),
 *         "files", List.of(MultipartFile.fromFile(a), MultipartFile.fromFile(b))));
 * dio.post("/info", form).block();
 * }</pre>
 */
public final class FormData {

	/** dio's default boundary name; the boundary is this, {@code -} and ten random digits. */
	public static final String DEFAULT_BOUNDARY_NAME = "--dio-boundary";

	/** RFC 2046 caps a boundary at 70 characters; we add 11 ({@code -} and ten digits). */
	private static final int MAX_BOUNDARY_NAME = 59;

	/** The boundary must not be guessable from field values an attacker may control. */
	private static final SecureRandom RANDOM = new SecureRandom();

	private final List<Map.Entry<String, String>> fields = new ArrayList<>();

	private final List<Map.Entry<String, MultipartFile>> files = new ArrayList<>();

	private final AtomicBoolean finalized = new AtomicBoolean();

	private String boundaryName;

	private String boundary;

	private boolean camelCaseContentDisposition;

	/** An empty form with dio's default boundary name. */
	public FormData() {
		this.boundaryName = DEFAULT_BOUNDARY_NAME;
		this.boundary = newBoundary(DEFAULT_BOUNDARY_NAME);
	}

	private FormData(FormData source) {
		this.boundaryName = source.boundaryName;
		this.boundary = source.boundary;
		this.camelCaseContentDisposition = source.camelCaseContentDisposition;
		this.fields.addAll(source.fields);
		source.files.forEach(e -> this.files.add(Map.entry(e.getKey(), e.getValue().clone())));
	}

	/**
	 * A form from a map, lists written as {@link ListFormat#MULTI} (repeated names).
	 * @param map names to values: scalars ({@code toString()}, {@code null} → {@code ""}),
	 *        {@link MultipartFile}s, nested maps ({@code a[b]}) and collections or arrays
	 * @return the form
	 * @see #fromMap(Map, ListFormat)
	 */
	public static FormData fromMap(Map<String, ?> map) {
		return fromMap(map, ListFormat.MULTI);
	}

	/**
	 * A form from a map, with dio's flattening: nested maps become {@code a[b]}, maps or lists
	 * inside lists {@code items[0][name]}, scalar and file list elements repeat the name with
	 * {@link ListFormat#MULTI} ({@code files}) or add {@code []} with
	 * {@link ListFormat#MULTI_COMPATIBLE} ({@code files[]}); CSV, SSV, TSV and PIPES join scalar
	 * lists into one field. A {@link io.github.diospring.ListParam} value uses its own format.
	 * Names are not URL-encoded.
	 * @param map names to values
	 * @param listFormat how lists are written
	 * @return the form
	 * @throws IllegalArgumentException for a {@code byte[]} value (wrap it with {@link MultipartFile#fromBytes})
	 */
	public static FormData fromMap(Map<String, ?> map, ListFormat listFormat) {
		Objects.requireNonNull(map, "map");
		Objects.requireNonNull(listFormat, "listFormat");
		FormData form = new FormData();
		FormFlattener.flatten(map, listFormat, form);
		return form;
	}

	/**
	 * Adds a text field; the same name may be added several times.
	 * @param name the field name
	 * @param value its value ({@code toString()}; {@code null} sends an empty value)
	 * @return this form
	 */
	public FormData addField(String name, @Nullable Object value) {
		Objects.requireNonNull(name, "name");
		this.fields.add(Map.entry(name, (value != null) ? value.toString() : ""));
		return this;
	}

	/**
	 * Adds a file part; the same name may be added several times (how servers receive file lists).
	 * @param name the field name
	 * @param file the file
	 * @return this form
	 */
	public FormData addFile(String name, MultipartFile file) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(file, "file");
		this.files.add(Map.entry(name, file));
		return this;
	}

	/**
	 * Changes the boundary name and draws a new boundary ({@code <name>-<ten digits>}).
	 * @param boundaryName letters, digits and {@code '+_.-}, at most 59 characters
	 * @return this form
	 * @throws IllegalArgumentException for other characters or a longer name
	 */
	public FormData boundaryName(String boundaryName) {
		this.boundary = newBoundary(boundaryName);
		this.boundaryName = boundaryName;
		return this;
	}

	/**
	 * Writes {@code Content-Disposition} instead of {@code content-disposition}, for servers that
	 * wrongly match part headers case-sensitively (dio's option of the same name).
	 * @param camelCase whether to capitalise
	 * @return this form
	 */
	public FormData camelCaseContentDisposition(boolean camelCase) {
		this.camelCaseContentDisposition = camelCase;
		return this;
	}

	/** @return the text fields in order, duplicates included (an unmodifiable view) */
	public List<Map.Entry<String, String>> fields() {
		return Collections.unmodifiableList(this.fields);
	}

	/** @return the file parts in order, duplicates included (an unmodifiable view) */
	public List<Map.Entry<String, MultipartFile>> files() {
		return Collections.unmodifiableList(this.files);
	}

	/** @return the boundary, e.g. {@code --dio-boundary-0123456789} */
	public String boundary() {
		return this.boundary;
	}

	/** @return the boundary name, {@link #DEFAULT_BOUNDARY_NAME} unless changed */
	public String boundaryName() {
		return this.boundaryName;
	}

	/** @return whether part headers say {@code Content-Disposition} */
	public boolean isCamelCaseContentDisposition() {
		return this.camelCaseContentDisposition;
	}

	/** @return {@code multipart/form-data; boundary=<boundary>}, the request's Content-Type */
	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	/** @return the exact body length in bytes, computed without reading any file */
	public long length() {
		return snapshot().length();
	}

	/** @return whether {@link #finalizeBody()} has been called on this instance */
	public boolean isFinalized() {
		return this.finalized.get();
	}

	/**
	 * The body to send, for the client core and anyone sending the form themselves: a snapshot of
	 * the form now, of exact length, that re-reads its files on every subscription. Can be called
	 * any number of times. Replayable unless a file was made from a single InputStream.
	 * @return the body
	 */
	public RequestBody toRequestBody() {
		MultipartBody body = snapshot();
		return body.replayable() ? RequestBody.ofSupplier(body::content, body.length())
				: RequestBody.ofStream(Flux.defer(body::content), body.length());
	}

	/**
	 * dio's {@code finalize()}: the body, once per instance. The returned body itself can be sent
	 * again (see {@link #toRequestBody()}). Named so as not to override {@link Object#finalize()}.
	 * @return the body
	 * @throws IllegalStateException when called a second time on this instance
	 */
	public RequestBody finalizeBody() {
		if (!this.finalized.compareAndSet(false, true)) {
			throw new IllegalStateException("The FormData has already been finalized. This typically means you are "
					+ "using the same FormData in repeated requests. Send the RequestBody that finalizeBody() "
					+ "returned again (it re-reads its files), call toRequestBody(), or use clone() for a new FormData.");
		}
		return toRequestBody();
	}

	/**
	 * The whole body in memory, for small forms and tests; does not count as {@link #finalizeBody()}.
	 * @return the bytes, on subscription
	 */
	public Mono<byte[]> readAsBytes() {
		return Mono.defer(() -> {
			RequestBody body = toRequestBody();
			if (body.contentLength() > Integer.MAX_VALUE - 8) {
				return Mono.error(new IllegalStateException("FormData: " + body.contentLength()
						+ " bytes do not fit in a byte[]; send the form (it is streamed) instead of reading it"));
			}
			return DataBufferUtils.join(body.content()).map(Buffers::drain);
		});
	}

	/**
	 * dio's {@code clone()}: same boundary, boundary name and options, the same fields, cloned
	 * files, not finalized.
	 * @return the copy
	 */
	@Override
	public FormData clone() {
		return new FormData(this);
	}

	/** Names only: field values may be secrets. */
	@Override
	public String toString() {
		return "FormData[boundary=" + this.boundary + ", fields=" + this.fields.stream().map(Map.Entry::getKey).toList()
				+ ", files=" + this.files + "]";
	}

	private MultipartBody snapshot() {
		return new MultipartBody(this.boundary, this.camelCaseContentDisposition, List.copyOf(this.fields),
				List.copyOf(this.files));
	}


	private static String newBoundary(String boundaryName) {
		Objects.requireNonNull(boundaryName, "boundaryName");
		if (boundaryName.isEmpty() || boundaryName.length() > MAX_BOUNDARY_NAME
				|| !boundaryName.chars().allMatch(FormData::isBoundaryChar)) {
			throw new IllegalArgumentException("FormData: boundary name '" + boundaryName + "' must be 1 to "
					+ MAX_BOUNDARY_NAME + " letters, digits or '+_.- (a boundary is at most 70 characters, "
					+ "and these need no quoting in the Content-Type header)");
		}
		return boundaryName + "-" + String.format("%010d", RANDOM.nextLong() & 0xFFFFFFFFL);
	}

	private static boolean isBoundaryChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "'+_.-".indexOf(c) >= 0;
	}

}
