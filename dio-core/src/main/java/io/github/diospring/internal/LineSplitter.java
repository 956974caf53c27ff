package io.github.diospring.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Cuts a byte stream into UTF-8 lines as they arrive, for event streams: CRLF, LF and a lone CR all
 * end a line (the HTML spec's rule; a CRLF split across two buffers is still one line end). Lines
 * are decoded only when complete, so a character split across buffers is never broken. A line
 * longer than the limit fails instead of growing memory. One instance per connection; not
 * thread-safe (a Flux delivers buffers one at a time).
 */
final class LineSplitter {

	private final int maxLineBytes;

	private final IntFunction<RuntimeException> tooLong;

	private byte[] partial = new byte[256];

	private int partialLength;

	private boolean afterCr;

	/**
	 * @param maxLineBytes the longest line accepted
	 * @param tooLong makes the error for a longer line, given the limit
	 */
	LineSplitter(int maxLineBytes, IntFunction<RuntimeException> tooLong) {
		this.maxLineBytes = maxLineBytes;
		this.tooLong = tooLong;
	}

	/**
	 * @param buffer the next bytes, released by this call
	 * @return the lines it completes, without their line ends
	 */
	List<String> feed(DataBuffer buffer) {
		byte[] bytes;
		try {
			bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		List<String> lines = new ArrayList<>(4);
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			byte b = bytes[i];
			if (b == '\n' && this.afterCr) {
				// the LF of a CRLF whose CR ended the line already
				this.afterCr = false;
				start = i + 1;
				continue;
			}
			this.afterCr = false;
			if (b == '\r' || b == '\n') {
				lines.add(line(bytes, start, i));
				this.afterCr = (b == '\r');
				start = i + 1;
			}
		}
		append(bytes, start, bytes.length);
		return lines;
	}

	/** @return the unterminated last line, or null when the stream ended with a line end */
	@Nullable String rest() {
		if (this.partialLength == 0) {
			return null;
		}
		String last = new String(this.partial, 0, this.partialLength, StandardCharsets.UTF_8);
		this.partialLength = 0;
		return last;
	}

	private String line(byte[] bytes, int from, int to) {
		if (this.partialLength == 0) {
			check(to - from);
			return new String(bytes, from, to - from, StandardCharsets.UTF_8);
		}
		append(bytes, from, to);
		String line = new String(this.partial, 0, this.partialLength, StandardCharsets.UTF_8);
		this.partialLength = 0;
		if (this.partial.length > 64 * 1024) {
			this.partial = new byte[256];  // one huge line should not pin a big array for the stream's life
		}
		return line;
	}

	private void append(byte[] bytes, int from, int to) {
		int length = to - from;
		if (length == 0) {
			return;
		}
		check(this.partialLength + length);
		if (this.partialLength + length > this.partial.length) {
			int size = Math.max(this.partial.length * 2, this.partialLength + length);
			this.partial = Arrays.copyOf(this.partial, Math.min(size, this.maxLineBytes));
		}
		System.arraycopy(bytes, from, this.partial, this.partialLength, length);
		this.partialLength += length;
	}

	private void check(int length) {
		if (length > this.maxLineBytes) {
			this.partialLength = 0;
			throw this.tooLong.apply(this.maxLineBytes);
		}
	}

}
