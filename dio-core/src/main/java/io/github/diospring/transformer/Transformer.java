package io.github.diospring.transformer;

import java.lang.reflect.Type;
import java.util.Locale;
import java.util.Map;

import io.github.diospring.ListFormat;
import io.github.diospring.RequestOptions;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.internal.UrlEncoding;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Encodes request bodies and decodes response bodies (dio's {@code Transformer}). It runs after
 * the request interceptors and before the response interceptors. The default,
 * {@link DefaultTransformer}, uses Jackson. There is no {@code transformTimeout} as in dio 5.10:
 * dio bounds its wait for a background isolate, while a body here is decoded in place, once, and a
 * running parse cannot be stopped; {@code receiveTimeout} bounds the wait for the bytes instead.
 *
 * <pre>{@code
 * class GbkTransformer extends DefaultTransformer { ... }
 * Dio dio = Dio.builder().transformer(new GbkTransformer()).build();
 * }</pre>
 */
public interface Transformer {

	/**
	 * Request extra key: a number of bytes; a JSON body no larger is decoded into a
	 * {@code tools.jackson.databind.JsonNode} instead of the caller's type, for interceptors that
	 * inspect the body first. The pipeline converts the tree into the caller's type at the end.
	 */
	String DECODE_AS_TREE_MAX_BYTES = "dio.transformer.treeMaxBytes";

	/**
	 * Request extra key, beside {@link #DECODE_AS_TREE_MAX_BYTES}: the name of the envelope field
	 * that holds the caller's data. A 2xx JSON object for a typed call is then read in one pass: that
	 * field straight into the caller's type (held in the tree as a
	 * {@code tools.jackson.databind.node.POJONode}), the other fields as trees beside it. A top-level
	 * array, which no envelope is, is read straight into the caller's type. Anything else is decoded
	 * as a tree, as without this key.
	 */
	String DECODE_DATA_FIELD = "dio.transformer.dataField";

	/**
	 * Encodes a body that is neither bytes nor a stream (a Map, List, String or any object) as text.
	 * @param options the request; {@code data()} is not null
	 * @return the body text; the client's {@code requestEncoder} (UTF-8 by default) makes bytes of it
	 */
	String transformRequest(RequestOptions options);

	/**
	 * Decodes a response body according to {@link RequestOptions#responseType()}. With
	 * {@code STREAM} it returns the body itself, unread.
	 * @param options the request
	 * @param body the response, body unread; this method owns it and must read or release it
	 * @param targetType the type the caller asked for, so JSON is decoded straight into it once;
	 * {@code null} or {@code Object} for Maps and Lists
	 * @return the data; empty for {@code null}
	 */
	Mono<Object> transformResponse(RequestOptions options, ResponseBody body, @Nullable Type targetType);

	/**
	 * dio's {@code Transformer.urlEncodeMap}: an {@code x-www-form-urlencoded} body.
	 * @param map the fields, nested maps and lists allowed
	 * @param listFormat how lists are written
	 * @return the encoded body, brackets percent-encoded
	 */
	static String urlEncodeMap(Map<String, ?> map, ListFormat listFormat) {
		return UrlEncoding.encodeForm(map, listFormat);
	}

	/**
	 * dio's {@code Transformer.urlEncodeQueryMap}: a query string.
	 * @param map the parameters, nested maps and lists allowed
	 * @param listFormat how lists are written
	 * @return the query, brackets left readable
	 */
	static String urlEncodeQueryMap(Map<String, ?> map, ListFormat listFormat) {
		return UrlEncoding.encodeQuery(map, listFormat);
	}

	/**
	 * @param contentType a content type, possibly with parameters
	 * @return whether it is {@code application/json}, {@code text/json} or a {@code +json} type
	 */
	static boolean isJsonMimeType(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		int semicolon = contentType.indexOf(';');
		String mime = ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim()
			.toLowerCase(Locale.ROOT);
		return mime.equals("application/json") || mime.equals("text/json")
				|| (mime.indexOf('/') > 0 && mime.endsWith("+json"));
	}

}
