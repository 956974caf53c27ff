package io.github.diospring.adapter;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

import io.github.diospring.Headers;
import io.github.diospring.internal.UrlEncoding;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/** Response headers as a hostile or broken server may send them, made safe to use. */
final class ResponseHeaders {

	private static final Logger logger = LoggerFactory.getLogger(ResponseHeaders.class);

	private ResponseHeaders() {
	}

	/**
	 * The transport's headers as dio {@link Headers}, read when asked rather than copied (a response's
	 * headers are mostly looked up a few at a time, if at all). Each name or value that {@link Headers}
	 * refuses (a line break or NUL in a value, a name that is no token) is left out instead of failing
	 * the response. Other control bytes stay; the cookie manager skips a cookie that holds one.
	 * @param source the received headers, which do not change afterwards
	 * @param uri where they came from, for the log line of a dropped header
	 * @return a read-only view
	 */
	static Headers copy(HttpHeaders source, URI uri) {
		return Headers.view(new Received(source, uri));
	}

	/** Spring's headers (over Netty's, case-insensitive) as a source for {@link Headers#view}. */
	private record Received(HttpHeaders headers, URI uri) implements Headers.Source {

		@Override
		public @Nullable List<String> get(String name) {
			return this.headers.get(name);
		}

		@Override
		public void forEach(BiConsumer<String, List<String>> action) {
			this.headers.forEach(action);
		}

		@Override
		public void dropped(String name) {
			// The name only: the value may be a credential.
			logger.debug("Response header '{}' from {}://{}:{} dropped: not a valid header line",
					name.replaceAll("\\p{Cntrl}", "?"), this.uri.getScheme(), this.uri.getHost(), this.uri.getPort());
		}

	}

	/**
	 * A {@code Location} value as URI text. HTTP header bytes reach us as ISO-8859-1 characters;
	 * servers write non-ASCII locations in UTF-8, so bytes that form valid UTF-8 are read as such.
	 * Whatever a URI may not hold (non-ASCII, spaces, {@code |}...) is then percent-encoded, so the
	 * next request line is plain ASCII as HTTP requires.
	 */
	static String locationAsUri(String location) {
		String text = location.trim();
		if (!text.chars().allMatch(c -> c < 0x80)) {
			text = utf8IfEncoded(text);
		}
		return UrlEncoding.encodeIllegal(text);
	}

	private static String utf8IfEncoded(String text) {
		if (!text.chars().allMatch(c -> c <= 0xFF)) {
			return text;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return text;
		}
	}

}
