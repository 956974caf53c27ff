package io.github.diospring.form;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * One frozen rendering of a {@link FormData}: dio's wire format, all fields first, then all
 * files. Headers and field values are encoded up front (they are small); file contents are read
 * only when {@link #content()} is subscribed, so the length is exact without touching the files.
 */
final class MultipartBody {

	private static final byte[] CRLF = { '\r', '\n' };

	private static final Pattern NEWLINE = Pattern.compile("\r\n|\r|\n");

	private final List<Part> parts;

	private final byte[] closing;

	private final long length;

	private final boolean replayable;

	MultipartBody(String boundary, boolean camelCase, List<Map.Entry<String, String>> fields,
			List<Map.Entry<String, MultipartFile>> files) {
		String disposition = camelCase ? "Content-Disposition" : "content-disposition";
		List<Part> parts = new ArrayList<>(fields.size() + files.size());
		for (Map.Entry<String, String> field : fields) {
			String head = "--" + boundary + "\r\n" + disposition + ": form-data; name=\"" + browserEncode(field.getKey())
					+ "\"\r\n\r\n";
			parts.add(new Part(concat(utf8(head), utf8(field.getValue()), CRLF), null));
		}
		for (Map.Entry<String, MultipartFile> entry : files) {
			parts.add(new Part(utf8(fileHead(boundary, disposition, entry.getKey(), entry.getValue())), entry.getValue()));
		}
		this.parts = List.copyOf(parts);
		this.closing = utf8("--" + boundary + "--\r\n");
		long total = this.closing.length;
		boolean replayable = true;
		for (Part part : this.parts) {
			total += part.head.length;
			if (part.file != null) {
				total += part.file.length() + CRLF.length;
				replayable &= part.file.isReplayable();
			}
		}
		this.length = total;
		this.replayable = replayable;
	}

	long length() {
		return this.length;
	}

	boolean replayable() {
		return this.replayable;
	}

	/** A fresh stream per call: byte arrays are wrapped anew, files are re-read. */
	Flux<DataBuffer> content() {
		return Flux.fromIterable(this.parts)
			.concatMap(MultipartBody::partContent, 0)
			.concatWith(Flux.defer(() -> Flux.just(wrap(this.closing))));
	}

	private static Flux<DataBuffer> partContent(Part part) {
		if (part.file == null) {
			return Flux.just(wrap(part.head));
		}
		return Flux.concat(Flux.just(wrap(part.head)), part.file.content(), Flux.defer(() -> Flux.just(wrap(CRLF))));
	}

	private static String fileHead(String boundary, String disposition, String name, MultipartFile file) {
		StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
			.append(disposition).append(": form-data; name=\"").append(browserEncode(name)).append('"');
		if (file.filename() != null) {
			head.append("; filename=\"").append(browserEncode(file.filename())).append('"');
		}
		head.append("\r\ncontent-type: ").append(file.contentType());
		file.headers().forEach((key, values) -> values.forEach(v -> head.append("\r\n").append(key).append(": ").append(v)));
		return head.append("\r\n\r\n").toString();
	}

	/**
	 * What browsers do (and dio copies) instead of RFC 2231: line breaks become {@code %0D%0A},
	 * quotes {@code %22}, nothing else is touched (not even {@code %} or non-ASCII, sent as UTF-8).
	 */
	static String browserEncode(String value) {
		return NEWLINE.matcher(value).replaceAll("%0D%0A").replace("\"", "%22");
	}

	private static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... arrays) {
		int n = 0;
		for (byte[] a : arrays) {
			n += a.length;
		}
		byte[] out = new byte[n];
		int at = 0;
		for (byte[] a : arrays) {
			System.arraycopy(a, 0, out, at, a.length);
			at += a.length;
		}
		return out;
	}

	private static DataBuffer wrap(byte[] bytes) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
	}

	/** The encoded head (for a field: the whole part) and, for a file part, the file. */
	private record Part(byte[] head, @Nullable MultipartFile file) {
	}

}
