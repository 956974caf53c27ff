package io.github.diospring.cookie;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON document a {@link PersistCookieJar} stores: {@code {"format":1,"cookies":[...]}}. */
final class CookieDocument {

	private static final int FORMAT = 1;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private CookieDocument() {
	}

	static byte[] encode(List<Cookie> cookies) {
		return MAPPER.writeValueAsBytes(new Content(FORMAT, cookies));
	}

	/** @throws RuntimeException when it is not a cookie document of this format */
	static List<Cookie> decode(byte[] document) {
		Content content = MAPPER.readValue(document, Content.class);
		if (content.format() != FORMAT || content.cookies() == null
				|| content.cookies().stream().anyMatch(Objects::isNull)) {
			throw new IllegalStateException("not a cookie store of format " + FORMAT);
		}
		return content.cookies();
	}

	/** The error without Jackson's message, which may quote the document, that is cookie values. */
	static String describe(Exception ex) {
		if (ex instanceof JacksonException jackson && jackson.getLocation() != null) {
			return ex.getClass().getSimpleName() + " at line " + jackson.getLocation().getLineNr() + ", column "
					+ jackson.getLocation().getColumnNr();
		}
		return (ex instanceof JacksonException) ? ex.getClass().getSimpleName() : ex.toString();
	}

	/**
	 * The document's JSON shape.
	 * @param format the format version
	 * @param cookies the cookies
	 */
	record Content(int format, @Nullable List<Cookie> cookies) {
	}

}
