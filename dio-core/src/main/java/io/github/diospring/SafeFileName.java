package io.github.diospring;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * File names taken from a response, made safe to save under a directory of yours. A server
 * controls {@code Content-Disposition} and the URL, so a name from there may hold {@code ../},
 * an absolute path, a drive letter, separators of either kind, control characters or a device
 * name. What this class returns is one plain file name: the last path element only, no control
 * characters, no {@code .} or {@code ..}, no leading dots (no hidden files), no characters Windows
 * refuses, no reserved device names, at most 255 bytes in UTF-8 (the extension kept). When nothing
 * usable is left, the fallback is used.
 *
 * <pre>{@code
 * Path downloads = Path.of("downloads");
 * dio.download("/export", SafeFileName.inDirectory(downloads, "export.bin"), null, DownloadOptions.defaults()).block();
 * SafeFileName.fromContentDisposition("attachment; filename=\"../../etc/passwd\"", "download");   // "passwd"
 * }</pre>
 */
public final class SafeFileName {

	private static final Pattern EXTENDED = Pattern.compile("(?i)(?:^|;)\\s*filename\\*\\s*=\\s*([^;]+)");

	private static final Pattern PLAIN = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^;]*)");

	private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
			"com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
			"lpt8", "lpt9");

	private static final int MAX_BYTES = 255;

	private SafeFileName() {
	}

	/**
	 * The name a {@code Content-Disposition} header proposes ({@code filename*} per RFC 6266 and
	 * 5987 first, then {@code filename}), made safe.
	 * @param contentDisposition the header value, or null
	 * @param fallback the name when the header has none or nothing safe is left; made safe too
	 * @return a plain file name
	 */
	public static String fromContentDisposition(@Nullable String contentDisposition, String fallback) {
		String proposed = (contentDisposition != null) ? proposedName(contentDisposition) : null;
		return sanitize(proposed, fallback);
	}

	/**
	 * @param name any proposed name, or null
	 * @param fallback the name when nothing safe is left; made safe too (and {@code download} when it is not)
	 * @return a plain file name
	 */
	public static String sanitize(@Nullable String name, String fallback) {
		String safe = (name != null) ? clean(name) : null;
		if (safe != null) {
			return safe;
		}
		String safeFallback = clean(fallback);
		return (safeFallback != null) ? safeFallback : "download";
	}

	/**
	 * A savePath callback for {@link Dio#download(String, Function, java.util.function.Consumer, DownloadOptions)}:
	 * the file is named by {@code Content-Disposition}, else by the last segment of the final URL,
	 * else {@code fallback}, and always lies directly in {@code directory}.
	 * @param directory where files go
	 * @param fallback the name when the response proposes none
	 * @return the callback
	 */
	public static Function<Headers, Path> inDirectory(Path directory, String fallback) {
		Path dir = directory.toAbsolutePath().normalize();
		return headers -> {
			String fromUrl = urlPath(headers.value("uri"));
			String name = fromContentDisposition(headers.value("content-disposition"), sanitize(fromUrl, fallback));
			Path file = dir.resolve(name).normalize();
			if (!dir.equals(file.getParent())) {
				// Cannot happen with a sanitized name; checked so that no future change can break out.
				throw new IllegalStateException("The file name '" + name + "' leaves " + dir);
			}
			return file;
		};
	}

	private static @Nullable String proposedName(String header) {
		Matcher extended = EXTENDED.matcher(header);
		if (extended.find()) {
			String value = extended.group(1).trim();
			int quote = value.indexOf('\'');
			int second = (quote >= 0) ? value.indexOf('\'', quote + 1) : -1;
			if (second > 0) {
				try {
					return URLDecoder.decode(value.substring(second + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					// a broken encoding: try the plain parameter
				}
			}
		}
		Matcher plain = PLAIN.matcher(header);
		if (plain.find()) {
			String value = plain.group(1).trim();
			if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
				value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
			}
			return value;
		}
		return null;
	}

	private static @Nullable String urlPath(@Nullable String uri) {
		if (uri == null) {
			return null;
		}
		try {
			return URI.create(uri).getPath();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable String clean(String name) {
		// The last element after either separator: "../../x", "C:\\x" and "/etc/x" all end in x.
		String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		StringBuilder out = new StringBuilder(last.length());
		last.codePoints().forEach(c -> {
			if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
				return;
			}
			out.appendCodePoint("<>:\"|?*".indexOf(c) >= 0 ? '_' : c);
		});
		String cleaned = out.toString().strip();
		// No hidden files, no "." or "..", and no trailing dots or spaces (Windows drops them).
		cleaned = cleaned.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
		if (cleaned.isEmpty()) {
			return null;
		}
		int dot = cleaned.indexOf('.');
		String stem = ((dot >= 0) ? cleaned.substring(0, dot) : cleaned).toLowerCase(Locale.ROOT);
		if (WINDOWS_DEVICES.contains(stem)) {
			cleaned = "_" + cleaned;
		}
		return truncate(cleaned);
	}

	private static String truncate(String name) {
		if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		String extension = (dot > 0 && name.length() - dot <= 16) ? name.substring(dot) : "";
		String stem = name.substring(0, name.length() - extension.length());
		int budget = MAX_BYTES - extension.getBytes(StandardCharsets.UTF_8).length;
		StringBuilder out = new StringBuilder();
		int used = 0;
		for (int i = 0; i < stem.length();) {
			int c = stem.codePointAt(i);
			int bytes = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
			if (used + bytes > budget) {
				break;
			}
			out.appendCodePoint(c);
			used += bytes;
			i += Character.charCount(c);
		}
		return out + extension;
	}

}
