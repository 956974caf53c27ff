package io.github.diospring.internal;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/** Data buffer chores shared by the body codecs. */
public final class Buffers {

	private Buffers() {
	}

	/**
	 * Copies a buffer's readable bytes and releases it, whatever happens.
	 * @param buffer the buffer, released by this call
	 * @return its bytes
	 */
	public static byte[] drain(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
