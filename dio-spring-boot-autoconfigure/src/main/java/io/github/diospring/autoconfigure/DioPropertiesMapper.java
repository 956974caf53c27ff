package io.github.diospring.autoconfigure;

import io.github.diospring.BaseOptions;

/**
 * Turns the bound {@link DioProperties} into the immutable {@link BaseOptions}; an invalid value
 * fails here, at startup, with the property's name.
 */
final class DioPropertiesMapper {

	private DioPropertiesMapper() {
	}

	static BaseOptions map(DioProperties properties) {
		try {
			BaseOptions.Builder b = BaseOptions.builder()
				.method(properties.getMethod())
				.baseUrl((properties.getBaseUrl() != null) ? properties.getBaseUrl() : "")
				.connectTimeout(properties.getConnectTimeout())
				.sendTimeout(properties.getSendTimeout())
				.receiveTimeout(properties.getReceiveTimeout())
				.headers(properties.getHeaders())
				.queryParameters(properties.getQueryParameters())
				.contentType(properties.getContentType())
				.responseType(properties.getResponseType())
				.forceJsonDecode(properties.isForceJsonDecode())
				.receiveDataWhenStatusError(properties.isReceiveDataWhenStatusError())
				.followRedirects(properties.isFollowRedirects())
				.maxRedirects(properties.getMaxRedirects())
				.persistentConnection(properties.isPersistentConnection())
				.preserveHeaderCase(properties.isPreserveHeaderCase())
				.listFormat(properties.getListFormat())
				.extra(properties.getExtra());
			return b.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid dio.* configuration: " + toPropertyName(ex.getMessage()), ex);
		}
	}

	/** The options' messages start with the field name ("baseUrl: ..."); name the property instead. */
	private static String toPropertyName(String message) {
		int colon = message.indexOf(':');
		if (colon <= 0) {
			return message;
		}
		String field = message.substring(0, colon);
		return "dio." + field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)
				+ message.substring(colon);
	}

}
