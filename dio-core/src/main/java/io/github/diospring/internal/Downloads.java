package io.github.diospring.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.diospring.CancelToken;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.DownloadOptions;
import io.github.diospring.FileAccessMode;
import io.github.diospring.Headers;
import io.github.diospring.ProgressCallback;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.ResponseType;
import io.github.diospring.ValidateStatus;
import io.github.diospring.adapter.ResponseBody;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * dio's {@code download} (reference §1.14): the request goes through the whole pipeline as a
 * {@link ResponseType#STREAM} call, then the body is streamed to disk by {@link DownloadWriter}
 * into a {@link DownloadFile}. Progress is taken out of the request and reported after each write
 * instead, as dio does, with the total from the length header. Resume is dio's
 * {@code download_with_trunks} recipe built in: {@code Range} from the file's length, 206 appends,
 * 200 rewrites, 416 means done.
 */
final class Downloads {

	/** Marks a download's request: dispatch then decodes a refused status's body as dio's download does. */
	static final String EXTRA_KEY = "dio.download";

	private static final List<String> COMPRESSED = List.of("gzip", "deflate", "compress");

	private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-\\d+/(?:\\d+|\\*)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)", Pattern.CASE_INSENSITIVE);

	private Downloads() {
	}

	static Mono<Response<ResponseBody>> start(DefaultDio dio, String path, SavePath savePath,
			@Nullable Consumer<RequestOptions.Builder> customizer, DownloadOptions settings) {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(settings, "options");
		if (settings.resume() && savePath.fixed() == null) {
			throw new IllegalArgumentException("resume: needs a fixed savePath (a Path), because the length of the "
					+ "file already there decides the Range to ask for; pass a Path instead of a function");
		}
		RequestOptions.Builder builder = RequestOptions.builder(dio.options()).path(path).method("GET");
		if (customizer != null) {
			customizer.accept(builder);
		}
		RequestOptions asked = builder.build();
		RequestOptions options = asked.copyWith(b -> b.responseType(ResponseType.STREAM)
			.onReceiveProgress(null)
			.extra(EXTRA_KEY, Boolean.TRUE));
		Download download = new Download(dio, options, savePath, settings, asked.onReceiveProgress(), new CallSite());
		Mono<Response<ResponseBody>> result = settings.resume() ? download.resume() : download.fetchAndSave(options, 0);
		return result.onErrorMap(DioException.class, e -> e.attachCallSite(download.callSite.userFrames()));
	}

	/**
	 * dio decodes the body of a refused download or event stream (text for {@code text/*}, JSON otherwise) so that
	 * the error carries it; doing it here, before the error interceptors, lets them see it too.
	 * @param options the request
	 * @param body the refused response
	 * @return the options to decode the error body with
	 */
	static RequestOptions errorBodyOptions(RequestOptions options, ResponseBody body) {
		boolean decodesErrors = Boolean.TRUE.equals(options.extra().get(EXTRA_KEY))
				|| options.extra().containsKey(io.github.diospring.observation.DioObservations.STREAM_EVENTS);
		if (!decodesErrors || options.responseType() != ResponseType.STREAM) {
			return options;
		}
		String contentType = first(body.headers(), Headers.CONTENT_TYPE);
		boolean text = contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("text/");
		return options.copyWith(b -> b.responseType(text ? ResponseType.PLAIN : ResponseType.JSON));
	}

	private static @Nullable String first(Headers headers, String name) {
		List<String> values = headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private static String describe(RequestOptions options) {
		try {
			return options.method() + " " + options.uri();
		}
		catch (RuntimeException ex) {
			return options.method() + " " + options.path();
		}
	}

	/** One download call; each subscription runs it afresh. */
	private static final class Download {

		final DefaultDio dio;

		final RequestOptions options;

		final SavePath savePath;

		final DownloadOptions settings;

		final @Nullable ProgressCallback progress;

		final CallSite callSite;

		Download(DefaultDio dio, RequestOptions options, SavePath savePath, DownloadOptions settings,
				@Nullable ProgressCallback progress, CallSite callSite) {
			this.dio = dio;
			this.options = options;
			this.savePath = savePath;
			this.settings = settings;
			this.progress = progress;
			this.callSite = callSite;
		}

		/** Measured at subscription, so that {@code retry()} goes on from where the last try stopped. */
		Mono<Response<ResponseBody>> resume() {
			Path target = Objects.requireNonNull(this.savePath.fixed());
			return Mono.fromCallable(() -> Files.isRegularFile(target) ? Files.size(target) : 0L)
				.subscribeOn(Schedulers.boundedElastic())
				.onErrorMap(IOException.class, ex -> new DioException(DioExceptionType.UNKNOWN, this.options, null,
						describe(this.options) + ": cannot read the length of " + target + " to resume it (" + ex.getMessage()
								+ "). Check that it can be read, or download without resume.", ex))
				.flatMap(existing -> (existing == 0) ? fetchAndSave(this.options, 0)
						: fetchAndSave(ranged(existing), existing));
		}

		/** 416 is the expected answer for a complete file: valid here, so error interceptors do not report it. */
		private RequestOptions ranged(long existing) {
			ValidateStatus validate = this.options.validateStatus();
			return this.options.copyWith(b -> b.header("Range", "bytes=" + existing + "-")
				.validateStatus(status -> status == 416 || validate.validate(status)));
		}

		Mono<Response<ResponseBody>> fetchAndSave(RequestOptions request, long resumedFrom) {
			return this.dio.<Object>fetch(request, null, this.callSite).flatMap(response -> save(response, resumedFrom));
		}

		private Mono<Response<ResponseBody>> save(Response<Object> response, long resumedFrom) {
			if (!(response.data() instanceof ResponseBody body)) {
				return Mono.error(notABody(response));
			}
			Response<ResponseBody> result = response.withData(body);
			int status = body.statusCode();
			if (resumedFrom > 0 && status == 416) {
				return alreadyComplete(result, body, resumedFrom);
			}
			boolean appendRange = resumedFrom > 0 && status == 206;
			if (appendRange && rangeStart(body) != resumedFrom) {
				DownloadWriter.abort(body);
				return Mono.error(new DioException(DioExceptionType.BAD_RESPONSE, result.requestOptions(), result,
						describe(result.requestOptions()) + ": asked for bytes=" + resumedFrom + "- but the server sent "
								+ "Content-Range '" + first(body.headers(), "content-range") + "'; nothing was written and "
								+ this.savePath.fixed() + " was left as it was. Download it without resume.", null));
			}
			return resolveTarget(body, result).flatMap(target -> write(result, body, target, appendRange ? resumedFrom : -1));
		}

		/** A savePath function may look at the disk: it runs off the event loop, like everything else that does. */
		private Mono<Path> resolveTarget(ResponseBody body, Response<ResponseBody> result) {
			Path fixed = this.savePath.fixed();
			if (fixed != null) {
				return Mono.just(fixed);
			}
			return Mono.fromCallable(() -> this.savePath.resolve(body))
				.subscribeOn(Schedulers.boundedElastic())
				.onErrorMap(ex -> new DioException(DioExceptionType.UNKNOWN, result.requestOptions(), result,
						describe(result.requestOptions()) + ": the savePath function failed (" + ex
								+ "). Nothing was written and the response was discarded; fix the function.", ex))
				.doOnError(ex -> DownloadWriter.abort(body))
				.doOnCancel(() -> DownloadWriter.abort(body));
		}

		private Mono<Response<ResponseBody>> write(Response<ResponseBody> result, ResponseBody body, Path target,
				long resumedFrom) {
			boolean appendRange = resumedFrom > 0;
			long total = total(body.headers());
			DownloadFile file;
			long base = 0;
			if (appendRange) {
				file = DownloadFile.appending(target, resumedFrom, this.settings.deleteOnError());
				base = resumedFrom;
				total = (total < 0) ? -1 : resumedFrom + total;
			}
			else if (this.settings.fileAccessMode() == FileAccessMode.APPEND) {
				file = DownloadFile.appending(target, -1, this.settings.deleteOnError());
			}
			else {
				file = DownloadFile.replacing(target, !this.settings.deleteOnError());
			}
			RequestOptions sent = result.requestOptions();
			CancelToken token = sent.cancelToken();
			DownloadWriter.Cancellation cancel = (token == null) ? DownloadWriter.Cancellation.NONE
					: () -> token.isCancelled() ? DioException.requestCancelled(sent, token.reason()) : null;
			return DownloadWriter.write(body, file, this.progress, base, total, cancel, error -> explain(error, file, result))
				.thenReturn(result);
		}

		/** 416 to {@code bytes=<length>-}: the file is complete, unless the server says it has another length. */
		private Mono<Response<ResponseBody>> alreadyComplete(Response<ResponseBody> result, ResponseBody body,
				long existing) {
			body.close();
			String range = first(body.headers(), "content-range");
			Matcher m = (range != null) ? UNSATISFIED_RANGE.matcher(range.trim()) : null;
			long remote = (m != null && m.matches()) ? Long.parseLong(m.group(1)) : -1;
			if (remote >= 0 && remote != existing) {
				return Mono.error(new DioException(DioExceptionType.BAD_RESPONSE, result.requestOptions(), result,
						describe(result.requestOptions()) + ": cannot resume " + this.savePath.fixed() + ": it has "
								+ existing + " bytes but the server's file has " + remote + " (416, Content-Range '" + range
								+ "'), so it is not a part of it. It was left as it was; delete it or download without resume.",
						null));
			}
			return Mono.just(result);
		}

		private static long rangeStart(ResponseBody body) {
			String range = first(body.headers(), "content-range");
			Matcher m = (range != null) ? CONTENT_RANGE.matcher(range.trim()) : null;
			return (m != null && m.matches()) ? Long.parseLong(m.group(1)) : -1;
		}

		/** dio's rule: a compressed body's content-length is not the length of what is saved. */
		private long total(Headers headers) {
			String name = this.settings.lengthHeader().trim();
			if (Headers.CONTENT_LENGTH.equalsIgnoreCase(name)) {
				String encoding = first(headers, Headers.CONTENT_ENCODING);
				if (encoding != null && COMPRESSED.contains(encoding.trim().toLowerCase(Locale.ROOT))) {
					return -1;
				}
			}
			String value = first(headers, name);
			try {
				return (value != null) ? Long.parseLong(value.trim()) : -1;
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}

		private DioException notABody(Response<Object> response) {
			Object data = response.data();
			return new DioException(DioExceptionType.UNKNOWN, response.requestOptions(), response,
					describe(response.requestOptions()) + ": an interceptor resolved the download with "
							+ ((data != null) ? data.getClass().getName() : "no data")
							+ " instead of the response body, so there is nothing to save. An interceptor that answers "
							+ "a download must resolve it with a ResponseBody (ResponseBody.fromBytes(...)).",
					null);
		}

		/** Called once the file is cleaned up, so the message can say what was left. */
		private Throwable explain(Throwable error, DownloadFile file, Response<ResponseBody> result) {
			RequestOptions sent = result.requestOptions();
			String where = describe(sent);
			String after = file.aftermath();
			if (error instanceof DownloadWriter.FileFailure failure) {
				Throwable cause = failure.getCause();
				String message = switch (failure.stage) {
					case OPEN -> where + ": cannot save the download to " + file.target + ": " + openProblem(file.target, cause)
							+ " Nothing was written, and the response was discarded.";
					case WRITE -> where + ": writing the download to " + file.writingTo() + " failed after "
							+ file.written() + " bytes (" + cause.getMessage() + "). If the disk is full, free some space "
							+ "and try again; " + after + ".";
					case PROGRESS -> where + ": onReceiveProgress threw " + cause + ", so the download stopped after "
							+ file.written() + " bytes; " + after + ".";
					case COMMIT -> where + ": the download was complete, but moving it to " + file.target + " failed ("
							+ cause.getMessage() + "). Check that " + file.target + " can be replaced (not a directory, "
							+ "not in use); " + after + ".";
				};
				return new DioException(DioExceptionType.UNKNOWN, sent, result, message, cause);
			}
			DioException dio = DioException.from(sent, error);
			return dio.withTypeAndMessage(dio.type(), dio.getMessage() + " The download to " + file.target
					+ " stopped after " + file.written() + " bytes; " + after + ".");
		}

		private static String openProblem(Path target, Throwable cause) {
			if (cause instanceof AccessDeniedException denied) {
				return "no permission to write " + ((denied.getFile() != null) ? denied.getFile() : DownloadFile.directoryOf(target))
						+ ". Choose a directory you can write to for savePath, or fix its permissions.";
			}
			if (cause instanceof FileSystemException fs && "is a directory".equals(fs.getReason())) {
				return "savePath is a directory. Give the path of the file to write, such as " + target.resolve("file")
						+ ".";
			}
			Path blocker = fileInTheWay(target);
			if (blocker != null) {
				return blocker + " is a file, not a directory. Choose a savePath inside a directory.";
			}
			if (cause instanceof ReadOnlyFileSystemException) {
				return "the file system is read-only. Choose a savePath on a writable file system.";
			}
			return cause.getMessage() + ". Check that savePath can be created and written.";
		}

		/** The nearest existing ancestor of the target, when it is not a directory. */
		private static @Nullable Path fileInTheWay(Path target) {
			for (Path p = target.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
				if (Files.exists(p)) {
					return Files.isDirectory(p) ? null : p;
				}
			}
			return null;
		}

	}

}
