package io.github.diospring.demo.bff;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.Response;
import io.github.diospring.demo.User;
import io.github.diospring.envelope.EnvelopeResponse;
import io.github.diospring.envelope.Page;
import io.github.diospring.form.FormData;
import io.github.diospring.form.MultipartFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The backend-for-frontend of an Ant Design Pro front end: every endpoint calls the upstream
 * through a named {@link Dio} from {@code application.yml} and answers with the envelope
 * ({@link EnvelopeResponse}): results as {@code {success: true, data}} (pages in umi's
 * {@code {list, current, pageSize, total}}), failures through the starter's server-side support —
 * an upstream's business error numbered for the front end, timeouts and refused connections with a
 * safe message, a traceId on each. Each browser has its own upstream session (the {@code upstream}
 * client keeps cookies per web session) and its own upstream tokens, which never reach it.
 *
 * <pre>{@code
 * curl localhost:8080/api/users/1   # {"success":true,"data":{"id":1,"name":"Ann",...}}
 * }</pre>
 */
@RestController
@RequestMapping("/api")
@EnvelopeResponse
class BffController {

	private static final Logger logger = LoggerFactory.getLogger(BffController.class);

	private final Dio upstream;

	private final Dio secure;

	private final Dio files;

	private final TokenStore tokens;

	BffController(@Qualifier("upstream") Dio upstream, @Qualifier("secure") Dio secure, @Qualifier("files") Dio files,
			TokenStore tokens) {
		this.upstream = upstream;
		this.secure = secure;
		this.files = files;
		this.tokens = tokens;
	}

	/** A typed call: the envelope's data becomes a User. */
	@GetMapping("/users/{id}")
	Mono<User> user(@PathVariable long id) {
		return this.upstream.get("/users/{id}", User.class, r -> r.pathVariable("id", id)).map(Response::data);
	}

	/** The envelope's page, unwrapped. */
	@GetMapping("/users")
	Mono<Page<User>> users(@RequestParam(defaultValue = "1") int current) {
		return this.upstream.get("/users", new ParameterizedTypeReference<Page<User>>() {
		}, r -> r.queryParameter("current", current)).map(Response::data);
	}

	/**
	 * Logs this browser's user in upstream: the upstream's session cookie goes into the jar in the
	 * user's web session, its refresh token into the session; the browser gets neither.
	 */
	@PostMapping("/login")
	Mono<Map<String, Object>> login(@RequestBody Map<String, String> credentials, WebSession session) {
		return this.upstream.post("/login", credentials, LoginResult.class).flatMap(r -> {
			this.tokens.loggedIn(session, r.data().refreshToken());
			// a new session id at login: a session id planted before it is worth nothing after
			return session.changeSessionId().thenReturn(Map.<String, Object>of("user", r.data().user()));
		});
	}

	/** Sent with the session cookie from the login. */
	@GetMapping("/orders")
	Mono<List<Map<String, Object>>> orders() {
		return this.upstream.get("/orders", new ParameterizedTypeReference<List<Map<String, Object>>>() {
		}).map(Response::data);
	}

	/**
	 * The first call meets no valid token: the interceptor refreshes this user's token once and
	 * retries. The browser gets the profile, not the token.
	 */
	@GetMapping("/profile")
	Mono<Profile> profile() {
		return this.secure.get("/profile", Profile.class).map(Response::data);
	}

	/** The upstream's notice arrives as a business error the front end shows as a notification. */
	@GetMapping("/announcements")
	Mono<Object> announcements() {
		return this.upstream.get("/announcements", Object.class).map(Response::data);
	}

	/** A multipart upload: a generated file, bytes and fields, with send progress logged. */
	@PostMapping("/upload")
	Mono<List<Map<String, Object>>> upload() {
		return Mono.fromCallable(() -> {
			Path file = Files.createTempFile("dio-demo", ".txt");
			Files.writeString(file, "hello from a file\n".repeat(1000));
			file.toFile().deleteOnExit();
			return FormData.fromMap(Map.of("name", "wendux", "age", 25, "file1", MultipartFile.fromFile(file, "upload.txt"),
					"file2", MultipartFile.fromBytes("hello world".getBytes(StandardCharsets.UTF_8), "word.txt")));
		})
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(form -> this.files.post("/files", form, new ParameterizedTypeReference<List<Map<String, Object>>>() {
			}, r -> r.onSendProgress((sent, total) -> logger.debug("upload {}/{}", sent, total))))
			.map(Response::data);
	}

	/** A 5 MB report downloaded to a temporary file (moved into place when complete), progress logged. */
	@GetMapping("/download")
	Mono<Map<String, Object>> download() {
		AtomicInteger progressEvents = new AtomicInteger();
		return Mono.fromCallable(() -> Files.createTempDirectory("dio-demo").resolve("report.bin"))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(target -> this.files.download("/reports/big", target, r -> r.onReceiveProgress((received, total) -> {
				if (progressEvents.incrementAndGet() % 20 == 0 || received == total) {
					logger.info("download {}/{} bytes", received, total);
				}
			})).then(Mono.fromCallable(() -> {
				long size = Files.size(target);
				Files.delete(target);
				Files.delete(target.getParent());
				return Map.<String, Object>of("bytes", size, "progressEvents", progressEvents.get());
			}).subscribeOn(Schedulers.boundedElastic())));
	}

	/** A slow upstream and a 1 s receive timeout: a RECEIVE_TIMEOUT, answered as an envelope with a safe message. */
	@GetMapping("/slow")
	Mono<Object> slow() {
		return this.upstream.get("/slow", r -> r.receiveTimeout(Duration.ofSeconds(1))).map(Response::data);
	}

	/** A slow request cancelled after 200 ms through a CancelToken. */
	@GetMapping("/cancel")
	Mono<Map<String, Object>> cancel() {
		CancelToken token = new CancelToken();
		Mono.delay(Duration.ofMillis(200)).subscribe(t -> token.cancel("the user closed the page"));
		return this.upstream.get("/slow", r -> r.cancelToken(token))
			.map(r -> Map.<String, Object>of("cancelled", false))
			.onErrorResume(DioException.class, e -> CancelToken.isCancel(e)
					? Mono.just(Map.of("cancelled", true, "message", e.getMessage())) : Mono.error(e));
	}

	/**
	 * What the browser may know about its user (the upstream also answers with the token it
	 * accepted: not a field here, so it is never passed on).
	 *
	 * @param name the user's name
	 */
	record Profile(String name) {
	}

	/**
	 * What the upstream's login answers.
	 *
	 * @param user who logged in
	 * @param refreshToken the credential that gets new access tokens: kept in the session only
	 */
	record LoginResult(String user, String refreshToken) {
	}

}
