package io.github.diospring.internal;

import java.util.Arrays;

/**
 * Where a request was made, captured when the call is made and attached to any
 * {@link io.github.diospring.DioException} it ends with. The frames are materialised only on
 * failure; capturing costs one native stack walk.
 *
 * <p>Why a {@code Throwable} and not a bounded {@link StackWalker}: on Java 17 the walker costs more
 * than the whole native backtrace even when it keeps only 8 frames (about 2 KB for its frame buffers
 * against 0.7 KB for 20 frames and 2.8 KB for 120), so a bound only pays on stacks deeper than any
 * measured under {@code flatMap} on an event loop (about 1.8 KB there, 0.6 KB for a blocking caller).
 *
 * <pre>{@code
 * CallSite site = new CallSite();            // in the caller's thread, when the call is made
 * error.attachCallSite(site.userFrames());   // later, on any thread, when the request fails
 * }</pre>
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
