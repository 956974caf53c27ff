package io.github.diospring.envelope;

import org.jspecify.annotations.Nullable;

/**
 * How the front end should show an error (umi's {@code showType}). umi 3 numbers NOTIFICATION
 * 4; umi 4 and the Ant Design Pro template number it 3 — choose with
 * {@code dio.error-adaptor.notification-show-type}. A missing or unknown value, or a number sent
 * as a string, is {@link #ERROR_MESSAGE}, as umi's strict comparison makes it.
 *
 * <pre>{@code
 * ShowType.of(9, 4);      // REDIRECT
 * ShowType.of(3, 3);      // NOTIFICATION (Ant Design Pro numbering)
 * ShowType.of("2", 4);    // ERROR_MESSAGE (strings never match)
 * ShowType.NOTIFICATION.code(3);   // 3, for an Ant Design Pro front end
 * }</pre>
 */
public enum ShowType {

	/** Show nothing. */
	SILENT(0),

	/** A warning message. */
	WARN_MESSAGE(1),

	/** An error message (also the default). */
	ERROR_MESSAGE(2),

	/** A notification with the error code as title (4 in umi 3, 3 in umi 4 / Pro). */
	NOTIFICATION(4),

	/** Go to the error page, with errorCode and errorMessage as query parameters. */
	REDIRECT(9);

	private final int code;

	ShowType(int code) {
		this.code = code;
	}

	/** @return the umi 3 number */
	public int code() {
		return this.code;
	}

	/**
	 * The number a front end expects, for servers that answer one.
	 * @param notificationCode what the front end calls NOTIFICATION: 4 (umi 3) or 3 (umi 4, Ant Design Pro)
	 * @return this show type's number for that front end
	 */
	public int code(int notificationCode) {
		return (this == NOTIFICATION) ? notificationCode : this.code;
	}

	/**
	 * @param raw the envelope's value (only JSON numbers count)
	 * @param notificationCode 4 (umi 3) or 3 (umi 4, Ant Design Pro)
	 * @return the show type; {@link #ERROR_MESSAGE} when missing or unknown
	 */
	public static ShowType of(@Nullable Object raw, int notificationCode) {
		if (!(raw instanceof Number number) || number.doubleValue() != number.intValue()) {
			return ERROR_MESSAGE;
		}
		int value = number.intValue();
		if (value == notificationCode) {
			return NOTIFICATION;
		}
		return switch (value) {
			case 0 -> SILENT;
			case 1 -> WARN_MESSAGE;
			case 9 -> REDIRECT;
			default -> ERROR_MESSAGE;
		};
	}

}
