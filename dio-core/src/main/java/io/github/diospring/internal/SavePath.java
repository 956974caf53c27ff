package io.github.diospring.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import io.github.diospring.Headers;
import io.github.diospring.adapter.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Where a download goes: a fixed path, or dio's callback that picks it from the response headers
 * (which, as in dio, also carry {@code redirects} and {@code uri}).
 */
record SavePath(@Nullable Path fixed, @Nullable Function<Headers, Path> byHeaders) {

	static SavePath of(Path path) {
		return new SavePath(Objects.requireNonNull(path, "savePath"), null);
	}

	static SavePath of(Function<Headers, Path> byHeaders) {
		return new SavePath(null, Objects.requireNonNull(byHeaders, "savePath"));
	}

	/**
	 * @param body the response, headers in
	 * @return the file to write
	 * @throws RuntimeException whatever the callback throws; NullPointerException when it gives null
	 */
	Path resolve(ResponseBody body) {
		if (this.fixed != null) {
			return this.fixed;
		}
		Headers headers = body.headers()
			.with("redirects", String.valueOf(body.redirects().size()))
			.with("uri", body.realUri().toString());
		return Objects.requireNonNull(this.byHeaders.apply(headers), "the savePath function returned null");
	}

}
