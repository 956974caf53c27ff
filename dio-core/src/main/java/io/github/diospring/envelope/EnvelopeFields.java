package io.github.diospring.envelope;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The field names of the envelope, umi's by default; backends that rename them configure them
 * ({@code dio.error-adaptor.fields.*}).
 *
 * <pre>{@code
 * EnvelopeFields fields = EnvelopeFields.UMI.withErrorCode("code").withErrorMessage("msg");
 * }</pre>
 *
 * @param success the verdict field
 * @param data the payload field
 * @param errorCode the error code field
 * @param errorMessage the message field
 * @param showType the show type field
 * @param traceId the trace id field
 * @param host the host field
 * @param successValue when set, success means this field's value equals it as text (e.g. {@code "0"} for
 * {@code code: 0} backends); when null, umi's rule: only the JSON boolean {@code false} fails
 */
public record EnvelopeFields(String success, String data, String errorCode, String errorMessage, String showType,
		String traceId, String host, @Nullable String successValue) {

	/** umi's names. */
	public static final EnvelopeFields UMI = new EnvelopeFields("success", "data", "errorCode", "errorMessage",
			"showType", "traceId", "host", null);

	/** Checks every name is set. */
	public EnvelopeFields {
		for (String name : List.of(success, data, errorCode, errorMessage, showType, traceId, host)) {
			Objects.requireNonNull(name, "envelope field names must be set");
		}
	}

	/** @param name the error code field @return a copy */
	public EnvelopeFields withErrorCode(String name) {
		return new EnvelopeFields(this.success, this.data, name, this.errorMessage, this.showType, this.traceId,
				this.host, this.successValue);
	}

	/** @param name the message field @return a copy */
	public EnvelopeFields withErrorMessage(String name) {
		return new EnvelopeFields(this.success, this.data, this.errorCode, name, this.showType, this.traceId,
				this.host, this.successValue);
	}

	/** @return the names that belong to the envelope itself */
	List<String> all() {
		return List.of(this.success, this.data, this.errorCode, this.errorMessage, this.showType, this.traceId,
				this.host);
	}

}
