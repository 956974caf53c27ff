package io.github.diospring.demo.upstream;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.diospring.demo.User;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The "upstream" API the BFF calls, served under {@code /upstream} by this same application so the
 * demo needs no network. It speaks the envelope (numbered for umi 3: NOTIFICATION = 4), sets a
 * session cookie at login and hands out a refresh token, wants a bearer token per user, accepts
 * uploads, serves a large report, and has a slow endpoint.
 *
 * <pre>{@code
 * curl http://localhost:8080/upstream/users/1
 * }</pre>
 */
@RestController
@RequestMapping("/upstream")
class UpstreamController {

	static final int REPORT_SIZE = 5 * 1024 * 1024;

	private static final Map<Long, User> USERS = Map.of(1L, new User(1, "Ann", "ann@example.com"), 2L,
			new User(2, "Bo", "bo@example.com"), 3L, new User(3, "Cy", "cy@example.com"));

	private final Map<String, String> sessions = new ConcurrentHashMap<>();

	/** Refresh token to user. */
	private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

	/** User to the one access token the upstream accepts for them now. */
	private final Map<String, String> accessTokens = new ConcurrentHashMap<>();

	/** User to how often their token was refreshed. */
	private final Map<String, AtomicInteger> refreshes = new ConcurrentHashMap<>();

	private final AtomicInteger tokenGeneration = new AtomicInteger();

	@GetMapping("/users/{id}")
	Map<String, Object> user(@PathVariable long id) {
		User user = USERS.get(id);
		return (user != null) ? Envelope.ok(user) : Envelope.fail("USER_NOT_FOUND", "用户不存在: " + id, 2);
	}

	@GetMapping("/users")
	Map<String, Object> users(@RequestParam(defaultValue = "1") int current, @RequestParam(defaultValue = "2") int pageSize) {
		List<User> all = USERS.values().stream().sorted(Comparator.comparingLong(User::id)).toList();
		List<User> page = all.stream().skip((long) (current - 1) * pageSize).limit(pageSize).toList();
		return Envelope.ok(Map.of("list", page, "current", current, "pageSize", pageSize, "total", all.size()));
	}

	@PostMapping("/login")
	ResponseEntity<Map<String, Object>> login(@RequestBody Map<String, String> credentials) {
		String user = credentials.getOrDefault("user", "?");
		String session = "s-" + UUID.randomUUID();
		String refreshToken = "refresh-" + UUID.randomUUID();
		this.sessions.put(session, user);
		this.refreshTokens.put(refreshToken, user);
		return ResponseEntity.ok()
			.header(HttpHeaders.SET_COOKIE, ResponseCookie.from("SESSION", session).path("/").httpOnly(true).build().toString())
			.body(Envelope.ok(Map.of("user", user, "refreshToken", refreshToken)));
	}

	@GetMapping("/orders")
	ResponseEntity<Map<String, Object>> orders(@CookieValue(name = "SESSION", required = false) String session) {
		if (session == null || !this.sessions.containsKey(session)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Envelope.fail("NOT_LOGGED_IN", "请先登录", 9));
		}
		return ResponseEntity.ok(Envelope.ok(List.of(Map.of("id", 1001, "owner", this.sessions.get(session)))));
	}

	/** A new access token for the user of a refresh token; the user's previous one stops working. */
	@PostMapping("/token/refresh")
	ResponseEntity<Map<String, Object>> refresh(@RequestBody(required = false) Map<String, String> body) {
		String user = (body != null && body.get("refreshToken") != null) ? this.refreshTokens.get(body.get("refreshToken")) : null;
		if (user == null) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Envelope.fail("NOT_LOGGED_IN", "请先登录", 9));
		}
		this.refreshes.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
		String token = "token-" + user + "-" + this.tokenGeneration.incrementAndGet();
		this.accessTokens.put(user, token);
		return ResponseEntity.ok(Envelope.ok(Map.of("token", token)));
	}

	@GetMapping("/token/refreshes")
	Map<String, Object> refreshCount(@RequestParam String user) {
		AtomicInteger count = this.refreshes.get(user);
		return Envelope.ok((count != null) ? count.get() : 0);
	}

	/** Who the bearer token belongs to; any token but the user's current one has expired. */
	@GetMapping("/profile")
	ResponseEntity<Map<String, Object>> profile(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
		String token = (auth != null && auth.startsWith("Bearer ")) ? auth.substring(7) : "";
		return this.accessTokens.entrySet().stream().filter(e -> e.getValue().equals(token)).findFirst()
			.map(e -> ResponseEntity.ok(Envelope.ok(Map.<String, Object>of("name", e.getKey(), "token", token))))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Envelope.fail("TOKEN_EXPIRED", "令牌已过期", 0)));
	}

	/** A business notice: a failure the front end shows as a notification (umi 3 numbering: 4). */
	@GetMapping("/announcements")
	Map<String, Object> announcements() {
		return Envelope.fail("MAINTENANCE", "系统将于今晚 22:00 维护，请提前保存", 4);
	}

	@PostMapping(path = "/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<Map<String, Object>> upload(@RequestBody Mono<MultiValueMap<String, Part>> parts) {
		return parts.flatMap(map -> Flux.fromIterable(map.toSingleValueMap().entrySet())
			.flatMap(entry -> size(entry.getValue()).map(size -> Map.of("name", entry.getKey(), "bytes", size,
					"filename", (entry.getValue() instanceof FilePart file) ? file.filename() : "")))
			.collectList()
			.map(Envelope::ok));
	}

	private static Mono<Long> size(Part part) {
		return part.content().map(buffer -> {
			long n = buffer.readableByteCount();
			org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
			return n;
		}).reduce(0L, Long::sum);
	}

	@GetMapping("/reports/big")
	ResponseEntity<Flux<DataBuffer>> report() {
		byte[] chunk = new byte[64 * 1024];
		java.util.Arrays.fill(chunk, (byte) 'r');
		Flux<DataBuffer> body = Flux.range(0, REPORT_SIZE / chunk.length)
			.map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.clone()));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).contentLength(REPORT_SIZE).body(body);
	}

	@GetMapping("/slow")
	Mono<Map<String, Object>> slow() {
		return Mono.delay(Duration.ofSeconds(10)).thenReturn(Envelope.ok("late"));
	}

}
