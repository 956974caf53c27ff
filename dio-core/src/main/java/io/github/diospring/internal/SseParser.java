package io.github.diospring.internal;

import java.time.Duration;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * The HTML spec's event stream interpretation ("9.2.6 Interpreting an event stream"), line by
 * line: {@code data} lines joined with LF, {@code event}, {@code id} (ignored when it holds NUL;
 * it becomes the last event ID when its block is dispatched, and persists across events and
 * connections), {@code retry} (ASCII digits
 * only), comments (kept for the event they precede), other fields ignored, a leading BOM dropped. A
 * blank line dispatches the event; a block without data dispatches nothing. The data of one event
 * is bounded. One instance per stream (it keeps the last event ID and the retry delay across
 * reconnections); {@link #newConnection()} forgets a half-received event.
 */
final class SseParser {

	private final int maxEventChars;

	private final IntFunction<RuntimeException> tooLarge;

	private final StringBuilder data = new StringBuilder();

	private @Nullable String eventType;

	private @Nullable StringBuilder comment;

	private @Nullable Duration blockRetry;

	private boolean hasData;

	private boolean firstLine = true;

	/** The id field as last received; becomes the last event ID only when an event is dispatched. */
	private String idBuffer = "";

	private String lastEventId = "";

	private @Nullable Duration retry;

	/**
	 * @param maxEventChars the largest event data accepted
	 * @param tooLarge makes the error for a larger one, given the limit
	 */
	SseParser(int maxEventChars, IntFunction<RuntimeException> tooLarge) {
		this.maxEventChars = maxEventChars;
		this.tooLarge = tooLarge;
	}

	/**
	 * A new connection: the event that was being received is dropped, as the spec says, and so is
	 * an id that came with it (it was never dispatched, so resuming after it would lose that event).
	 */
	void newConnection() {
		resetEvent();
		this.idBuffer = this.lastEventId;
		this.firstLine = true;
	}

	/** @return the last event ID (empty when none), sent back as {@code Last-Event-ID} */
	String lastEventId() {
		return this.lastEventId;
	}

	/** @return the reconnection delay the server asked for, or null */
	@Nullable Duration retry() {
		return this.retry;
	}

	/**
	 * @param line one line, without its line end
	 * @return the event this line dispatches, or null
	 */
	@Nullable Event line(String line) {
		if (this.firstLine) {
			this.firstLine = false;
			if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
				line = line.substring(1);
			}
		}
		if (line.isEmpty()) {
			return dispatch();
		}
		int colon = line.indexOf(':');
		if (colon == 0) {
			comment(line.substring(1).stripLeading());
			return null;
		}
		String field = (colon < 0) ? line : line.substring(0, colon);
		String value = (colon < 0) ? "" : line.substring((colon + 1 < line.length() && line.charAt(colon + 1) == ' ') ? colon + 2 : colon + 1);
		switch (field) {
			case "data" -> {
				if (this.data.length() + value.length() + 1 > this.maxEventChars) {
					resetEvent();
					throw this.tooLarge.apply(this.maxEventChars);
				}
				this.data.append(value).append('\n');
				this.hasData = true;
			}
			case "event" -> this.eventType = value;
			case "id" -> {
				if (value.indexOf('\0') < 0) {
					this.idBuffer = value;
				}
			}
			case "retry" -> {
				if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9') && value.length() < 12) {
					this.retry = Duration.ofMillis(Long.parseLong(value));
					this.blockRetry = this.retry;
				}
			}
			default -> {
				// unknown fields are ignored (spec)
			}
		}
		return null;
	}

	private @Nullable Event dispatch() {
		this.lastEventId = this.idBuffer;
		if (!this.hasData) {
			resetEvent();
			return null;
		}
		String text = this.data.substring(0, this.data.length() - 1);
		Event event = new Event(text, this.eventType, this.lastEventId.isEmpty() ? null : this.lastEventId,
				this.blockRetry, (this.comment != null) ? this.comment.toString() : null);
		resetEvent();
		return event;
	}

	private void comment(String text) {
		if (this.comment == null) {
			this.comment = new StringBuilder();
		}
		else {
			this.comment.append('\n');
		}
		if (this.comment.length() + text.length() <= this.maxEventChars) {
			this.comment.append(text);
		}
	}

	private void resetEvent() {
		this.data.setLength(0);
		if (this.data.capacity() > 64 * 1024) {
			this.data.trimToSize();
		}
		this.hasData = false;
		this.eventType = null;
		this.comment = null;
		this.blockRetry = null;
	}

	/**
	 * One dispatched event, data still text.
	 *
	 * @param data the data lines joined with LF
	 * @param type the {@code event} field, or null
	 * @param id the last event ID at dispatch, or null when empty
	 * @param retry the {@code retry} field of this event, or null
	 * @param comment the comment lines before it, or null
	 */
	record Event(String data, @Nullable String type, @Nullable String id, @Nullable Duration retry,
			@Nullable String comment) {
	}

}
