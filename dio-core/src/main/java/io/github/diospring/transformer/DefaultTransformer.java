package io.github.diospring.transformer;

import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import io.github.diospring.DioException;
import io.github.diospring.Headers;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.ResponseDecoder;
import io.github.diospring.ResponseType;
import io.github.diospring.adapter.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * The default {@link Transformer}, with dio's rules and Jackson 3.
 *
 * <p>Requests: a String is sent as it is; other data is JSON-encoded when the content type is JSON;
 * a Map with {@code application/x-www-form-urlencoded} is form-encoded with the list format;
 * anything else is sent as its {@code toString()}.
 *
 * <p>Responses: {@code BYTES} gives {@code byte[]}; {@code PLAIN} gives text (charset from the
 * content type, UTF-8 by default); {@code JSON} parses when the content type is JSON or
 * {@code forceJsonDecode} is on, straight into the caller's type, and gives text otherwise.
 * When the request's extra holds {@link Transformer#DECODE_AS_TREE_MAX_BYTES} and the body is no
 * larger, JSON is parsed into a {@code JsonNode} instead, once; the pipeline converts it into the
 * caller's type at the end. With {@link Transformer#DECODE_DATA_FIELD} too, a 2xx JSON object for a
 * typed call is read in one pass, its data field straight into the caller's type (this is how the
 * envelope check reads {@code success} and unwraps {@code data} without parsing twice), and a
 * top-level array, which no envelope is, straight into the caller's type.
 * Empty bodies: {@code null} for JSON content, HEAD and 304; {@code ""} for other text; an empty
 * array for bytes. A body that fails to parse raises an {@code UNKNOWN} {@link DioException} whose
 * response holds the raw text.
 *
 * <pre>{@code
 * Transformer transformer = new DefaultTransformer(springJsonMapper);
 * }</pre>
 */
public class DefaultTransformer implements Transformer {

	/** What an empty body reads as: a buffer with nothing in it, never written to, so it can be shared. */
	private static final DataBuffer EMPTY = DefaultDataBufferFactory.sharedInstance.wrap(new byte[0]);

	private final JsonMapper jsonMapper;

	/** Reads one field of a document: the rest of the document follows it. */
	private final ObjectReader fieldReader;

	/** Uses a plain {@link JsonMapper}. */
	public DefaultTransformer() {
		this(JsonMapper.builder().build());
	}

	/**
	 * @param jsonMapper the mapper for JSON bodies (Spring Boot's, in a Boot application)
	 */
	public DefaultTransformer(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		this.fieldReader = jsonMapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	/** @return the mapper used for JSON */
	public JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	@Override
	public String transformRequest(RequestOptions options) {
		Object data = options.data();
		if (data instanceof CharSequence text) {
			return text.toString();
		}
		String contentType = options.contentType();
		if (Transformer.isJsonMimeType(contentType)) {
			return this.jsonMapper.writeValueAsString(data);
		}
		if (data instanceof Map<?, ?> map) {
			@SuppressWarnings("unchecked")
			Map<String, ?> fields = (Map<String, ?>) map;
			return Transformer.urlEncodeMap(fields, options.listFormat());
		}
		return String.valueOf(data);
	}

	@Override
	public Mono<Object> transformResponse(RequestOptions options, ResponseBody body, @Nullable Type targetType) {
		if (options.responseType() == ResponseType.STREAM) {
			return Mono.just(body);
		}
		// the body's buffers are joined without copying (a composite of Netty's buffers) and read in place
		return DataBufferUtils.join(body.stream()).mapNotNull(buffer -> {
			try {
				return decode(options, body, buffer, targetType);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).switchIfEmpty(Mono.fromSupplier(() -> decode(options, body, EMPTY, targetType)));
	}

	private @Nullable Object decode(RequestOptions options, ResponseBody body, DataBuffer buffer,
			@Nullable Type targetType) {
		if (options.responseType() == ResponseType.BYTES) {
			return bytes(buffer);
		}
		int length = buffer.readableByteCount();
		if (length == 0 && (options.method().equals("HEAD") || body.statusCode() == 304)) {
			return null;
		}
		String contentType = body.headers().contains(Headers.CONTENT_TYPE) ? body.headers().get(Headers.CONTENT_TYPE).get(0) : null;
		boolean json = options.responseType() == ResponseType.JSON
				&& (options.forceJsonDecode() || Transformer.isJsonMimeType(contentType));
		ResponseDecoder decoder = options.responseDecoder();
		if (!json) {
			String text = (decoder != null) ? decoder.decode(bytes(buffer), options, body.statusCode())
					: buffer.toString(charset(contentType));
			return (text != null && text.isEmpty() && isTyped(targetType)
					&& options.responseType() == ResponseType.JSON) ? null : text;
		}
		if (length == 0) {
			return null;
		}
		int start = buffer.readPosition();
		try {
			if (decodeAsTree(options, length)) {
				Object field = options.extra().get(Transformer.DECODE_DATA_FIELD);
				if (decoder == null && isTyped(targetType) && field instanceof String dataField && !dataField.isEmpty()) {
					Object envelope = decodeEnvelope(buffer, dataField, this.jsonMapper.getTypeFactory().constructType(targetType));
					if (envelope != null) {
						return envelope;
					}
					buffer.readPosition(start);
				}
				return (decoder != null) ? this.jsonMapper.readTree(String.valueOf(decoder.decode(bytes(buffer), options, body.statusCode())))
						: this.jsonMapper.readTree(buffer.asInputStream());
			}
			JavaType type = this.jsonMapper.getTypeFactory().constructType((targetType != null) ? targetType : Object.class);
			if (decoder != null) {
				String text = decoder.decode(bytes(buffer), options, body.statusCode());
				return (text == null || text.isEmpty()) ? text : this.jsonMapper.readValue(text, type);
			}
			// Jackson reads the buffer through its own recycled chunk: no copy of the whole body
			return this.jsonMapper.readValue(buffer.asInputStream(), type);
		}
		catch (JacksonException ex) {
			buffer.readPosition(start);
			Response<String> raw = new Response<>(buffer.toString(charset(contentType)), options, body.statusCode(),
					body.statusMessage(), body.headers(), body.isRedirect(), body.redirects(), body.realUri(),
					body.extra());
			throw DioException.malformedBody(raw, ex);
		}
	}

	/** Copies the readable bytes (for {@code byte[]} results and custom decoders); the caller releases. */
	private static byte[] bytes(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		return bytes;
	}

	/**
	 * Reads an envelope in one pass: its data field straight into the caller's type, the other
	 * fields (a flag, a code, a message: small) as trees beside it, so a large {@code data} is never
	 * held as a tree and converted again. A top-level array is no envelope: it is the caller's data
	 * itself, read straight into the type.
	 * @return the envelope or the array's value, or null when the body is neither a JSON object nor
	 * an array, or does not fit the type: then the tree is read as before, and it decides what the
	 * caller gets (a business error, an adaptor's verdict, a conversion error) just as without this pass
	 */
	private @Nullable Object decodeEnvelope(DataBuffer buffer, String dataField, JavaType type) {
		try (JsonParser parser = this.jsonMapper.createParser(buffer.asInputStream())) {
			JsonToken first = parser.nextToken();
			if (first == JsonToken.START_ARRAY) {
				Object data = this.fieldReader.forType(type).readValue(parser);
				return (parser.nextToken() == null) ? data : null;
			}
			if (first != JsonToken.START_OBJECT) {
				return null;
			}
			ObjectNode envelope = this.jsonMapper.createObjectNode();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				envelope.set(name, (name.equals(dataField) && value != JsonToken.VALUE_NULL)
						? new POJONode(this.fieldReader.forType(type).readValue(parser)) : this.fieldReader.readTree(parser));
			}
			return (parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null) ? envelope : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** An interceptor (the envelope check) asked for a JSON tree, to inspect it before the final conversion. */
	private static boolean decodeAsTree(RequestOptions options, int length) {
		Object max = options.extra().get(Transformer.DECODE_AS_TREE_MAX_BYTES);
		return (max instanceof Number limit) && length <= limit.longValue();
	}

	private static boolean isTyped(@Nullable Type targetType) {
		return targetType != null && targetType != Object.class && targetType != String.class;
	}


	static Charset charset(@Nullable String contentType) {
		if (contentType != null) {
			int i = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
			if (i >= 0) {
				String name = contentType.substring(i + 8).split(";", 2)[0].trim().replace("\"", "");
				try {
					return Charset.forName(name);
				}
				catch (RuntimeException ex) {
					return StandardCharsets.UTF_8;
				}
			}
		}
		return StandardCharsets.UTF_8;
	}

}
