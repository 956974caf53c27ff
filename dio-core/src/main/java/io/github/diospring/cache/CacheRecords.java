package io.github.diospring.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diospring.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of the cache's records: a version byte, a kind byte, then the fields as
 * length-prefixed UTF-8 and fixed-width numbers. A response holds its status, reason, request and
 * response times, headers, the request headers its {@code Vary} names and the body bytes; a
 * {@link CachedResponse.VaryIndex} its generation and header names. Any Spring cache stores the
 * resulting {@code byte[]} as it is; a record this version did not write reads as a miss.
 */
final class CacheRecords {

	private static final byte VERSION = 1;

	private static final byte RESPONSE = 'R';

	private static final byte VARY_INDEX = 'V';

	private CacheRecords() {
	}

	static byte[] encode(CachedResponse response) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(response.body.length + 256);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeByte(RESPONSE);
			out.writeShort(response.status);
			writeString(out, response.statusMessage);
			out.writeLong(response.requestTime);
			out.writeLong(response.responseTime);
			out.writeShort(response.headers.size());
			response.headers.forEach((name, values) -> {
				writeString(out, name);
				writeStrings(out, values);
			});
			out.writeShort(response.varyValues.size());
			response.varyValues.forEach((name, value) -> {
				writeString(out, name);
				writeNullable(out, value);
			});
			out.writeInt(response.body.length);
			out.write(response.body);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static byte[] encodeVaryIndex(CachedResponse.VaryIndex index) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeByte(VARY_INDEX);
			writeString(out, index.generation());
			writeStrings(out, index.names());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * @param stored bytes from the store
	 * @return a {@link CachedResponse} or a {@link VaryIndex}
	 * @throws IOException when the bytes are not a record this version wrote
	 */
	static Object decode(byte[] stored) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored));
		if (in.readByte() != VERSION) {
			throw new IOException("unknown cache record version");
		}
		byte kind = in.readByte();
		if (kind == VARY_INDEX) {
			return new CachedResponse.VaryIndex(readString(in), readStrings(in));
		}
		if (kind != RESPONSE) {
			throw new IOException("unknown cache record kind");
		}
		int status = in.readUnsignedShort();
		String message = readString(in);
		long requestTime = in.readLong();
		long responseTime = in.readLong();
		Headers.Builder headers = Headers.builder();
		for (int i = in.readUnsignedShort(); i > 0; i--) {
			headers.set(readString(in), readStrings(in));
		}
		Map<String, @Nullable String> vary = new LinkedHashMap<>();
		for (int i = in.readUnsignedShort(); i > 0; i--) {
			vary.put(readString(in), readNullable(in));
		}
		byte[] body = new byte[in.readInt()];
		in.readFully(body);
		return new CachedResponse(status, message, headers.build(), vary, requestTime, responseTime, body);
	}

	private static void writeString(DataOutputStream out, String value) {
		try {
			byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
			out.writeInt(utf8.length);
			out.write(utf8);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static void writeNullable(DataOutputStream out, @Nullable String value) {
		try {
			out.writeBoolean(value != null);
			if (value != null) {
				writeString(out, value);
			}
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static void writeStrings(DataOutputStream out, List<String> values) {
		try {
			out.writeShort(values.size());
			values.forEach(v -> writeString(out, v));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String readString(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > in.available()) {
			throw new IOException("truncated cache record");
		}
		byte[] utf8 = new byte[length];
		in.readFully(utf8);
		return new String(utf8, StandardCharsets.UTF_8);
	}

	private static @Nullable String readNullable(DataInputStream in) throws IOException {
		return in.readBoolean() ? readString(in) : null;
	}

	private static List<String> readStrings(DataInputStream in) throws IOException {
		List<String> values = new ArrayList<>();
		for (int i = in.readUnsignedShort(); i > 0; i--) {
			values.add(readString(in));
		}
		return values;
	}

}
