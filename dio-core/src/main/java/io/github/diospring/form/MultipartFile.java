package io.github.diospring.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.diospring.Headers;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One file part of a {@link FormData}, as dio's {@code MultipartFile}: where the bytes come from,
 * their exact length, the file name, the content type and extra part headers. An immutable value;
 * {@code withX} methods return copies.
 *
 * <p>Unlike dio, a MultipartFile can be sent any number of times (retries, redirects, the same
 * form posted twice): files, byte arrays, strings and supplier-based streams are simply read again.
 * Only {@link #fromStream(InputStream, long, String)} is single-use.
 *
 * <p>The content type is the one given, else the one registered for the file name's extension
 * ({@code a.png} → {@code image/png}), else {@code application/octet-stream}.
 *
 * <pre>{@code
 * MultipartFile photo = MultipartFile.fromFile(Path.of("photo.jpg"));             // image/jpeg
 * MultipartFile note = MultipartFile.fromString("hello world", "word.txt");       // text/plain; charset=utf-8
 * MultipartFile blob = MultipartFile.fromBytes(bytes, "data.bin").withContentType("application/x-thing");
 * }</pre>
 */
public final class MultipartFile {

	/** {@code application/octet-stream}, the content type when nothing better is known. */
	public static final String OCTET_STREAM = "application/octet-stream";

	private final PartSource source;

	private final long length;

	private final @Nullable String filename;

	private final String contentType;

	private final Headers headers;

	private MultipartFile(PartSource source, long length, @Nullable String filename, String contentType, Headers headers) {
		this.source = source;
		this.length = length;
		this.filename = filename;
		this.contentType = contentType;
		this.headers = headers;
	}

	private static MultipartFile of(PartSource source, long length, @Nullable String filename) {
		if (length < 0) {
			throw new IllegalArgumentException("MultipartFile: length must be known and >= 0 (it is part of the "
					+ "Content-Length), was " + length + "; read the data into bytes and use fromBytes if it is unknown");
		}
		return new MultipartFile(source, length, filename, lookupContentType(filename), Headers.empty());
	}

	/**
	 * A file on disk, named after its last path segment. Its size is taken now; the bytes are read
	 * when the form is sent, in 64 KiB chunks.
	 * @param path the file
	 * @return the part
	 * @throws IllegalArgumentException when the file does not exist or is not a regular file
	 */
	public static MultipartFile fromFile(Path path) {
		return fromFile(path, null);
	}

	/**
	 * A file on disk under another name.
	 * @param path the file
	 * @param filename the name sent to the server; {@code null} for the path's last segment
	 * @return the part
	 * @throws IllegalArgumentException when the file does not exist or is not a regular file
	 */
	public static MultipartFile fromFile(Path path, @Nullable String filename) {
		Objects.requireNonNull(path, "path");
		if (!Files.isRegularFile(path)) {
			throw new IllegalArgumentException("MultipartFile: '" + path.toAbsolutePath() + "' "
					+ (Files.exists(path) ? "is not a regular file" : "does not exist") + "; check the path");
		}
		long size;
		try {
			size = Files.size(path);
		}
		catch (NoSuchFileException ex) {
			throw new IllegalArgumentException("MultipartFile: '" + path.toAbsolutePath() + "' does not exist", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("MultipartFile: cannot read the size of '" + path.toAbsolutePath() + "'", ex);
		}
		Path name = path.getFileName();
		String sent = (filename != null) ? filename : (name != null) ? name.toString() : null;
		return of(new PartSource.FileOnDisk(path, size), size, sent);
	}

	/**
	 * Same as {@link #fromFile(Path)}.
	 * @param path the file
	 * @return the part
	 */
	public static MultipartFile fromPath(Path path) {
		return fromFile(path, null);
	}

	/**
	 * Same as {@link #fromFile(Path, String)}.
	 * @param path the file
	 * @param filename the name sent to the server; {@code null} for the path's last segment
	 * @return the part
	 */
	public static MultipartFile fromPath(Path path, @Nullable String filename) {
		return fromFile(path, filename);
	}

	/**
	 * Bytes in memory. The array is not copied: do not change it while the form may be sent.
	 * @param bytes the content
	 * @param filename the name sent to the server, or {@code null} for none
	 * @return the part
	 */
	public static MultipartFile fromBytes(byte[] bytes, @Nullable String filename) {
		Objects.requireNonNull(bytes, "bytes");
		return of(new PartSource.Bytes(bytes), bytes.length, filename);
	}

	/**
	 * Text, encoded as UTF-8, with content type {@code <type for the file name, else text/plain>; charset=utf-8}.
	 * @param text the content
	 * @param filename the name sent to the server, or {@code null} for none
	 * @return the part
	 */
	public static MultipartFile fromString(String text, @Nullable String filename) {
		return fromString(text, filename, null);
	}

	/**
	 * Text in the charset of the given content type (UTF-8 when it names none, and then
	 * {@code ; charset=utf-8} is added), as dio's {@code fromString}.
	 * @param text the content
	 * @param filename the name sent to the server, or {@code null} for none
	 * @param contentType e.g. {@code text/csv; charset=iso-8859-1}; {@code null} to look it up from the file name
	 * @return the part
	 * @throws IllegalArgumentException when the content type or its charset is not valid
	 */
	public static MultipartFile fromString(String text, @Nullable String filename, @Nullable String contentType) {
		Objects.requireNonNull(text, "text");
		String type;
		if (contentType != null) {
			type = checkContentType(contentType);
		}
		else {
			String looked = lookupContentType(filename);
			type = OCTET_STREAM.equals(looked) ? "text/plain" : looked;
		}
		Charset charset = charsetOf(type);
		if (charset == null) {
			type = type + "; charset=utf-8";
			charset = StandardCharsets.UTF_8;
		}
		return fromBytes(text.getBytes(charset), filename).withContentType(type);
	}

	/**
	 * A stream opened anew on each send, so the part can be sent again (retries, redirects).
	 * Reading blocks, so it happens on Reactor's boundedElastic scheduler; each stream is closed
	 * after reading.
	 * @param supplier opens the stream
	 * @param length the exact number of bytes every stream yields (part of the Content-Length)
	 * @param filename the name sent to the server, or {@code null} for none
	 * @return the part
	 */
	public static MultipartFile fromStream(Supplier<? extends InputStream> supplier, long length, @Nullable String filename) {
		Objects.requireNonNull(supplier, "supplier");
		return of(new PartSource.Streams(supplier), length, filename);
	}

	/**
	 * A single stream: the part can be sent once only (a second send, a retry or a 307/308 redirect
	 * fails with an {@link IllegalStateException}). Prefer {@link #fromStream(Supplier, long, String)}.
	 * The stream is closed after reading; if the part is never sent, closing it is up to the caller.
	 * @param stream the content
	 * @param length the exact number of bytes it yields (part of the Content-Length)
	 * @param filename the name sent to the server, or {@code null} for none
	 * @return the part
	 */
	public static MultipartFile fromStream(InputStream stream, long length, @Nullable String filename) {
		Objects.requireNonNull(stream, "stream");
		return of(new PartSource.SingleStream(stream, new AtomicBoolean()), length, filename);
	}

	/**
	 * Reactive content, subscribed anew on each send (the supplier must return a fresh publisher,
	 * e.g. {@code () -> DataBufferUtils.read(resource, factory, 8192)}).
	 * @param supplier makes the publisher
	 * @param length the exact number of bytes each publisher emits (part of the Content-Length)
	 * @param filename the name sent to the server, or {@code null} for none
	 * @return the part
	 */
	public static MultipartFile fromPublisher(Supplier<? extends Publisher<? extends DataBuffer>> supplier, long length,
			@Nullable String filename) {
		Objects.requireNonNull(supplier, "supplier");
		return of(new PartSource.Publishers(supplier), length, filename);
	}

	/**
	 * The content type for a file name: the one registered for its extension, else
	 * {@code application/octet-stream}.
	 * @param filename the name, may be {@code null}
	 * @return the content type
	 */
	public static String lookupContentType(@Nullable String filename) {
		if (filename == null || filename.isBlank()) {
			return OCTET_STREAM;
		}
		return MediaTypeFactory.getMediaType(filename.trim()).map(MediaType::toString).orElse(OCTET_STREAM);
	}

	/**
	 * @param contentType the part's content type, written as given (e.g. {@code image/webp})
	 * @return a copy with this content type
	 * @throws IllegalArgumentException when it is not a valid media type
	 */
	public MultipartFile withContentType(String contentType) {
		return new MultipartFile(this.source, this.length, this.filename, checkContentType(contentType), this.headers);
	}

	/**
	 * @param filename the name sent to the server, or {@code null} for none
	 * @return a copy with this file name (the content type stays as it is)
	 */
	public MultipartFile withFilename(@Nullable String filename) {
		return new MultipartFile(this.source, this.length, filename, this.contentType, this.headers);
	}

	/**
	 * Extra part headers, written after {@code content-type}, as dio's {@code headers}. A
	 * {@code content-type} entry sets the content type instead of being written twice.
	 * @param headers names to a value or a collection of values; replaces earlier extra headers
	 * @return a copy with these headers
	 * @throws IllegalArgumentException for an invalid name or value, or a {@code content-disposition}
	 *         entry (name and file name come from the form and {@link #filename()})
	 */
	public MultipartFile withHeaders(Map<String, ?> headers) {
		Headers extra = Headers.of(headers);
		if (extra.contains("content-disposition")) {
			throw new IllegalArgumentException("MultipartFile: headers may not contain content-disposition; the part "
					+ "name comes from FormData.addFile(name, file) and the file name from withFilename(...)");
		}
		String type = this.contentType;
		List<String> given = extra.get(Headers.CONTENT_TYPE);
		if (given != null) {
			type = checkContentType(given.get(given.size() - 1));
			extra = extra.without(Headers.CONTENT_TYPE);
		}
		return new MultipartFile(this.source, this.length, this.filename, type, extra);
	}

	/** @return the number of bytes of the content, exact */
	public long length() {
		return this.length;
	}

	/** @return the name sent as {@code filename}, or {@code null} when none is sent */
	public @Nullable String filename() {
		return this.filename;
	}

	/** @return the content type written in the part header */
	public String contentType() {
		return this.contentType;
	}

	/** @return the extra part headers */
	public Headers headers() {
		return this.headers;
	}

	/** @return whether {@link #content()} can be read more than once (false only for a single InputStream) */
	public boolean isReplayable() {
		return this.source.replayable();
	}

	/**
	 * The content, lazily opened and read in chunks. It fails with an {@link IllegalStateException}
	 * naming the file when the source does not deliver exactly {@link #length()} bytes, so a wrong
	 * Content-Length is never sent silently.
	 * @return the bytes; subscribe once per use, and release the buffers
	 */
	public Flux<DataBuffer> content() {
		return exactly(this.source.read(describe()));
	}

	/**
	 * dio's {@code clone()}, kept for code ported from dio: a MultipartFile is immutable and can be
	 * sent again, so the copy is an equal part over the same source.
	 * @return a copy
	 */
	@Override
	public MultipartFile clone() {
		return new MultipartFile(this.source, this.length, this.filename, this.contentType, this.headers);
	}

	@Override
	public String toString() {
		return "MultipartFile[filename=" + this.filename + ", contentType=" + this.contentType + ", length="
				+ this.length + "]";
	}

	private String describe() {
		if (this.source instanceof PartSource.FileOnDisk file) {
			return "MultipartFile: file '" + file.path().toAbsolutePath() + "'";
		}
		return "MultipartFile" + ((this.filename != null) ? " '" + this.filename + "'" : "");
	}

	/** Counts the bytes and stops at the first sign of a wrong length. */
	private Flux<DataBuffer> exactly(Flux<DataBuffer> content) {
		long expected = this.length;
		return Flux.defer(() -> {
			long[] seen = { 0 };
			return content.<DataBuffer>handle((buffer, sink) -> {
				seen[0] += buffer.readableByteCount();
				if (seen[0] > expected) {
					DataBufferUtils.release(buffer);
					sink.error(wrongLength("more than", expected));
				}
				else {
					sink.next(buffer);
				}
			}).concatWith(Mono.defer(() -> (seen[0] == expected) ? Mono.empty()
					: Mono.error(wrongLength("only " + seen[0] + " bytes instead of", expected))));
		});
	}

	private IllegalStateException wrongLength(String what, long expected) {
		return new IllegalStateException(describe() + " delivered " + what + " the " + expected + " bytes it was "
				+ "made with (they are part of the Content-Length), so the upload was stopped. The source changed "
				+ "after the MultipartFile was made, or the length given to fromStream/fromPublisher is wrong.");
	}

	private static String checkContentType(String contentType) {
		Objects.requireNonNull(contentType, "contentType");
		String type = contentType.trim();
		if (type.indexOf('\r') >= 0 || type.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("MultipartFile: the content type contains a line break: '"
					+ type.replace("\r", "\\r").replace("\n", "\\n") + "'");
		}
		try {
			MimeTypeUtils.parseMimeType(type);
		}
		catch (InvalidMimeTypeException ex) {
			throw new IllegalArgumentException("MultipartFile: '" + type + "' is not a valid content type ("
					+ ex.getMessage() + "); write it as type/subtype, e.g. image/png", ex);
		}
		return type;
	}

	private static @Nullable Charset charsetOf(String contentType) {
		MimeType type = MimeTypeUtils.parseMimeType(contentType);
		String name = type.getParameter("charset");
		if (name == null) {
			return null;
		}
		try {
			return Charset.forName(name.replace("\"", ""));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("MultipartFile: the charset in '" + contentType + "' is not supported "
					+ "by this JVM; use e.g. charset=utf-8", ex);
		}
	}

}
