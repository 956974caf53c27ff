package io.github.diospring.envelope;

import org.jspecify.annotations.Nullable;

/**
 * A business error thrown by a back end for its front end (umi's {@code BizError}): with the
 * server-side envelope support on, it is answered as {@code {success: false, errorCode,
 * errorMessage, showType, traceId, host}}, HTTP 200 as umi expects. Not to be confused with
 * {@link BizException}, which is what dio throws when a server it <em>calls</em> answers one.
 *
 * <pre>{@code
 * if (balance < amount) {
 *     throw new BizError("BALANCE_LOW", "余额不足", ShowType.WARN_MESSAGE);
 * }
 * }</pre>
 */
public class BizError extends RuntimeException implements EnvelopeError {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable Object errorCode;

	private final ShowType showType;

	private final transient @Nullable Object data;

	/**
	 * @param errorCode the code (a String or a Number)
	 * @param errorMessage the message the front end shows
	 */
	public BizError(@Nullable Object errorCode, String errorMessage) {
		this(errorCode, errorMessage, ShowType.ERROR_MESSAGE, null);
	}

	/**
	 * @param errorCode the code (a String or a Number)
	 * @param errorMessage the message the front end shows
	 * @param showType how the front end shows it
	 */
	public BizError(@Nullable Object errorCode, String errorMessage, ShowType showType) {
		this(errorCode, errorMessage, showType, null);
	}

	/**
	 * @param errorCode the code (a String or a Number)
	 * @param errorMessage the message the front end shows
	 * @param showType how the front end shows it
	 * @param data the envelope's {@code data}, or null
	 */
	public BizError(@Nullable Object errorCode, String errorMessage, ShowType showType, @Nullable Object data) {
		super(errorMessage);
		this.errorCode = errorCode;
		this.showType = (showType != null) ? showType : ShowType.ERROR_MESSAGE;
		this.data = data;
	}

	@Override
	public @Nullable Object errorCode() {
		return this.errorCode;
	}

	@Override
	public String errorMessage() {
		return String.valueOf(getMessage());
	}

	@Override
	public ShowType showType() {
		return this.showType;
	}

	@Override
	public @Nullable Object data() {
		return this.data;
	}

}
