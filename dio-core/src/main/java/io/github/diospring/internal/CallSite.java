package io.github.diospring.internal;

import java.util.Arrays;

/**
 * Where a request was made, captured when the call is made and attached to any
 * {@link io.github.diospring.DioException} it ends with. The frames are materialised only on
 * failure; capturing costs one native stack walk.
 */
final class CallSite extends Throwable {

	private static final long serialVersionUID = 1L;

	CallSite() {
		super("request made here", null, false, true);
	}

	private volatile StackTraceElement @org.jspecify.annotations.Nullable [] userFrames;

	/** @return the caller's frames, without the library's own frames on top; computed once */
	StackTraceElement[] userFrames() {
		StackTraceElement[] frames = this.userFrames;
		if (frames == null) {
			frames = computeUserFrames();
			this.userFrames = frames;
		}
		return frames;
	}

	private StackTraceElement[] computeUserFrames() {
		StackTraceElement[] frames = getStackTrace();
		int first = 0;
		while (first < frames.length && frames[first].getClassName().startsWith("io.github.diospring.")
				&& !frames[first].getClassName().contains("Test")) {
			first++;
		}
		return (first < frames.length) ? Arrays.copyOfRange(frames, first, frames.length) : frames;
	}

}
