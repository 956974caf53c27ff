package io.github.diospring.autoconfigure.envelope.server;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Map;

import io.github.diospring.envelope.EnvelopeResponse;
import io.github.diospring.envelope.Page;
import io.github.diospring.envelope.RawResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.ErrorResponse;

/**
 * Which results are wrapped in {@code {success: true, data}}, and what {@code data} becomes. Only
 * handlers of the application's own {@code @Controller}s are wrapped: globally
 * ({@code wrap-results}) or where {@link EnvelopeResponse} says, never where {@link RawResponse}
 * says. Left alone: envelopes already (a {@code Map} with a boolean {@code success}),
 * {@code ResponseEntity}/{@code HttpEntity} (the handler chose the whole response), text, bytes,
 * {@code Resource}s, streams, {@code ProblemDetail}s, anything not written as JSON (SSE, NDJSON),
 * and the controllers of Spring itself and of API documentation tools. A {@link Page} is answered as
 * umi's {@code {list, current, pageSize, total}}; so is Spring Data's {@code Page} (numbered from 1).
 */
final class ResultWrapping {

	private static final boolean SPRING_DATA = ClassUtils.isPresent("org.springframework.data.domain.Page",
			ResultWrapping.class.getClassLoader());

	private final boolean global;

	ResultWrapping(boolean global) {
		this.global = global;
	}

	/** Decisions by handler method: annotations are read once per handler, not per response. */
	private final Map<MethodParameter, Boolean> decisions = new java.util.concurrent.ConcurrentHashMap<>();

	/** Whether the handler's results are wrapped, judged by its declaration. */
	boolean appliesTo(MethodParameter returnType) {
		return this.decisions.computeIfAbsent(returnType, this::decide);
	}

	private boolean decide(MethodParameter returnType) {
		Method method = returnType.getMethod();
		Class<?> controller = returnType.getContainingClass();
		if (method == null || !AnnotatedElementUtils.hasAnnotation(controller, Controller.class) || foreign(controller)
				|| AnnotatedElementUtils.hasAnnotation(method, RawResponse.class)
				|| AnnotatedElementUtils.hasAnnotation(controller, RawResponse.class)) {
			return false;
		}
		boolean wanted = this.global || AnnotatedElementUtils.hasAnnotation(method, EnvelopeResponse.class)
				|| AnnotatedElementUtils.hasAnnotation(controller, EnvelopeResponse.class);
		return wanted && wrappable(returnType.getParameterType());
	}

	/** Whether a declared result (or a reactive result's element) type can be wrapped. */
	static boolean wrappable(Class<?> type) {
		return !(HttpEntity.class.isAssignableFrom(type) || CharSequence.class.isAssignableFrom(type) || type == byte[].class
				|| Resource.class.isAssignableFrom(type) || InputStream.class.isAssignableFrom(type)
				|| DataBuffer.class.isAssignableFrom(type) || ProblemDetail.class.isAssignableFrom(type)
				|| ErrorResponse.class.isAssignableFrom(type) || type == void.class || type == Void.class
				|| type.getName().startsWith("org.springframework.web.servlet.mvc.method.annotation.")
				|| type.getName().equals("org.springframework.http.codec.ServerSentEvent"));
	}

	/** Whether a value is left as it is whatever was declared. */
	static boolean leaveAlone(@Nullable Object value) {
		return (value instanceof Map<?, ?> map && map.get("success") instanceof Boolean) || (value != null && !wrappable(value.getClass()));
	}

	/** JSON is what the envelope is written as; anything else (SSE, NDJSON, XML) is left alone. */
	static boolean isJson(@Nullable MediaType type) {
		return type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
				|| (type.getSubtype().endsWith("+json") && !type.getSubtype().equals("x-ndjson")));
	}

	/** Pages become umi's page; everything else is the data as it is. */
	static @Nullable Object data(@Nullable Object value) {
		if (SPRING_DATA && SpringDataPages.isPage(value)) {
			return SpringDataPages.toPage(value);
		}
		return value;
	}

	private static boolean foreign(Class<?> controller) {
		String name = controller.getName();
		return name.startsWith("org.springframework.") || name.startsWith("org.springdoc.") || name.startsWith("springfox.");
	}

	/** Only touched when Spring Data is on the class path. */
	private static final class SpringDataPages {

		static boolean isPage(@Nullable Object value) {
			return value instanceof org.springframework.data.domain.Page<?>;
		}

		static Page<?> toPage(Object value) {
			org.springframework.data.domain.Page<?> page = (org.springframework.data.domain.Page<?>) value;
			return new Page<>(page.getContent(), page.getNumber() + 1, page.getSize(), page.getTotalElements());
		}

	}

}
