package io.github.diospring.cache;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.diospring.BaseOptions;
import io.github.diospring.CancelToken;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import io.github.diospring.Response;
import io.github.diospring.ResponseType;
import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.testing.CacheOrigin;
import io.github.diospring.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The cache against a real origin that counts requests and serves ETag, Last-Modified,
 * Cache-Control, Expires and Vary. Time moves by a clock the test advances, never by sleeping.
 */
class CacheInterceptorTest {

	private static final CacheOrigin origin = new CacheOrigin();

	private final MutableClock clock = new MutableClock();

	private final List<Dio> clients = new ArrayList<>();

	@AfterAll
	static void stopOrigin() {
		origin.close();
	}

	@BeforeEach
	void resetOrigin() {
		origin.reset();
		origin.clock(this.clock);
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(dio -> dio.close(true));
	}

	@Test
	void freshEntryAnswersWithoutARequest() {
		origin.resource("/fresh").json("{\"id\":1,\"name\":\"Ann\"}").cacheControl("max-age=60");
		Dio dio = dio(cache());
		Response<User> first = dio.get("/fresh", User.class).block();
		Response<User> second = dio.get("/fresh", User.class).block();
		assertThat(origin.count("/fresh")).isEqualTo(1);
		assertThat(first.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.MISS);
		assertThat(second.data()).isEqualTo(new User(1, "Ann"));
		assertThat(second.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
		assertThat(second.headers().value("x-dio-cache")).isEqualTo("HIT");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.headers().value("age")).isNotNull();
		// the untyped call decodes the same stored bytes into a Map
		assertThat(dio.get("/fresh").block().data()).isEqualTo(Map.of("id", 1, "name", "Ann"));
		assertThat(origin.count("/fresh")).isEqualTo(1);
	}

	@Test
	void staleEntryIsRevalidatedAndA304AnswersFromTheCache() {
		origin.resource("/etag").body("v1").etag("\"v1\"").cacheControl("max-age=10");
		Dio dio = dio(cache());
		dio.get("/etag", String.class).block();
		this.clock.advance(Duration.ofSeconds(11));
		origin.resource("/etag").header("X-Checked", "yes");
		Response<String> revalidated = dio.get("/etag", String.class).block();
		assertThat(origin.count("/etag")).isEqualTo(2);
		assertThat(origin.requests("/etag").get(1).get("If-None-Match")).isEqualTo("\"v1\"");
		assertThat(revalidated.statusCode()).isEqualTo(200);
		assertThat(revalidated.data()).isEqualTo("v1");
		assertThat(revalidated.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.REVALIDATED);
		assertThat(revalidated.headers().value("x-checked")).as("the 304's headers are merged").isEqualTo("yes");
		// the 304 made the entry fresh again
		assertThat(dio.get("/etag", String.class).block().extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
		assertThat(origin.count("/etag")).isEqualTo(2);
	}

	@Test
	void lastModifiedIsRevalidatedWithIfModifiedSince() {
		String date = CachedResponse.formatDate(System.currentTimeMillis() - 3_600_000);
		origin.resource("/dated").body("d1").lastModified(date);
		Dio dio = dio(cache());
		dio.get("/dated", String.class).block();
		Response<String> second = dio.get("/dated", String.class).block();
		assertThat(origin.requests("/dated").get(1).get("If-Modified-Since")).isEqualTo(date);
		assertThat(second.data()).isEqualTo("d1");
		assertThat(second.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.REVALIDATED);
	}

	@Test
	void aChangedResourceReplacesTheEntry() {
		origin.resource("/changing").body("v1").etag("\"v1\"").cacheControl("max-age=10");
		Dio dio = dio(cache());
		dio.get("/changing", String.class).block();
		this.clock.advance(Duration.ofSeconds(11));
		origin.resource("/changing").body("v2").etag("\"v2\"");
		Response<String> changed = dio.get("/changing", String.class).block();
		assertThat(changed.data()).isEqualTo("v2");
		assertThat(changed.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.MISS);
		Response<String> cached = dio.get("/changing", String.class).block();
		assertThat(cached.data()).isEqualTo("v2");
		assertThat(cached.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
		assertThat(origin.count("/changing")).isEqualTo(2);
	}

	@Test
	void noStoreIsNeverStoredAndNoHeadersMeansNothingToReuse() {
		origin.resource("/secret").body("s").cacheControl("no-store, max-age=60");
		origin.resource("/plain").body("p");
		Dio dio = dio(cache());
		for (int i = 0; i < 2; i++) {
			assertThat(dio.get("/secret", String.class).block().extra().get(CacheInterceptor.STATUS))
				.isEqualTo(CacheStatus.MISS);
			dio.get("/plain", String.class).block();
		}
		assertThat(origin.count("/secret")).isEqualTo(2);
		assertThat(origin.count("/plain")).isEqualTo(2);
	}

	@Test
	void expiresGivesFreshnessAndSMaxAgeIsIgnored() {
		origin.resource("/expires").body("e").expires(CachedResponse.formatDate(System.currentTimeMillis() + 60_000));
		origin.resource("/shared").body("s").cacheControl("s-maxage=60").etag("\"s\"");
		Dio dio = dio(cache());
		dio.get("/expires", String.class).block();
		dio.get("/expires", String.class).block();
		dio.get("/shared", String.class).block();
		dio.get("/shared", String.class).block();
		assertThat(origin.count("/expires")).isEqualTo(1);
		assertThat(origin.count("/shared")).as("s-maxage is for shared caches: revalidated").isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(61));
		dio.get("/expires", String.class).block();
		assertThat(origin.count("/expires")).isEqualTo(2);
	}

	@Test
	void heuristicFreshnessIsOffUnlessConfigured() {
		String tenDaysAgo = CachedResponse.formatDate(System.currentTimeMillis() - Duration.ofDays(10).toMillis());
		origin.resource("/old").body("o").lastModified(tenDaysAgo);
		Dio strict = dio(cache());
		strict.get("/old", String.class).block();
		strict.get("/old", String.class).block();
		assertThat(origin.count("/old")).isEqualTo(2);
		Dio heuristic = dio(cache().heuristicFraction(0.1));
		heuristic.get("/old", String.class).block();
		assertThat(heuristic.get("/old", String.class).block().extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
		this.clock.advance(Duration.ofDays(2));
		heuristic.get("/old", String.class).block();
		assertThat(origin.count("/old")).as("10% of 10 days is one day").isEqualTo(4);
	}

	@Test
	void varyKeepsOneEntryPerLanguage() {
		origin.resource("/greeting").body("hello in {Accept-Language}").echo("Accept-Language")
			.cacheControl("max-age=60").vary("Accept-Language");
		Dio dio = dio(cache());
		for (int round = 0; round < 2; round++) {
			assertThat(dio.get("/greeting", String.class, r -> r.header("Accept-Language", "en")).block().data())
				.isEqualTo("hello in en");
			assertThat(dio.get("/greeting", String.class, r -> r.header("Accept-Language", "de")).block().data())
				.isEqualTo("hello in de");
		}
		assertThat(origin.count("/greeting")).isEqualTo(2);
		assertThat(dio.get("/greeting", String.class).block().data()).as("no language is a third variant")
			.isEqualTo("hello in null");
		assertThat(origin.count("/greeting")).isEqualTo(3);
	}

	@Test
	void responsesToAuthorizedRequestsAreNotStoredByDefault() {
		origin.resource("/me").body("user {Authorization}").echo("Authorization").cacheControl("private, max-age=60");
		Dio dio = dio(cache());
		dio.get("/me", String.class, r -> r.header("Authorization", "Bearer ann")).block();
		Response<String> again = dio.get("/me", String.class, r -> r.header("Authorization", "Bearer ann")).block();
		assertThat(origin.count("/me")).isEqualTo(2);
		assertThat(again.extra()).doesNotContainKey(CacheInterceptor.STATUS);
		assertThat(dio.get("/me", String.class, r -> r.header("Authorization", "Bearer bob")).block().data())
			.isEqualTo("user Bearer bob");
	}

	@Test
	void anAuthorizationAddedByAnInterceptorAfterTheCacheIsStillSeen() {
		origin.resource("/late").body("user {Authorization}").echo("Authorization").cacheControl("max-age=60");
		Dio dio = dio(cache());
		dio.interceptors().add(io.github.diospring.interceptor.InterceptorsWrapper.builder()
			.onRequest((options, handler) -> handler.next(options.withHeader("Authorization", "Bearer late")))
			.build());
		dio.get("/late", String.class).block();
		assertThat(dio.get("/late", String.class).block().data()).isEqualTo("user Bearer late");
		assertThat(origin.count("/late")).as("never stored: the request as sent had credentials").isEqualTo(2);
	}

	@Test
	void allowedAuthorizationKeysEntriesByCredential() {
		origin.resource("/mine").body("user {Authorization}").echo("Authorization").cacheControl("private, max-age=60");
		Dio dio = dio(cache().allowAuthorization(true));
		assertThat(get(dio, "/mine", "Bearer ann").data()).isEqualTo("user Bearer ann");
		assertThat(get(dio, "/mine", "Bearer bob").data()).isEqualTo("user Bearer bob");
		Response<String> ann = get(dio, "/mine", "Bearer ann");
		Response<String> bob = get(dio, "/mine", "Bearer bob");
		assertThat(ann.data()).isEqualTo("user Bearer ann");
		assertThat(bob.data()).isEqualTo("user Bearer bob");
		assertThat(ann.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
		assertThat(origin.count("/mine")).isEqualTo(2);
		assertThat(dio.get("/mine", String.class).block().data()).as("anonymous shares nothing").isEqualTo("user null");
	}

	@Test
	void refreshAlwaysAsksTheNetworkAndStores() {
		origin.resource("/refresh").body("r1").etag("\"r1\"").cacheControl("max-age=60");
		Dio dio = dio(cache());
		dio.get("/refresh", String.class).block();
		origin.resource("/refresh").body("r2").etag("\"r2\"");
		Response<String> refreshed = dio.get("/refresh", String.class, policy(CachePolicy.REFRESH)).block();
		assertThat(refreshed.data()).isEqualTo("r2");
		assertThat(origin.requests("/refresh").get(1).get("If-None-Match")).as("unconditional").isNull();
		assertThat(dio.get("/refresh", String.class).block().data()).isEqualTo("r2");
		assertThat(origin.count("/refresh")).isEqualTo(2);
	}

	@Test
	void forcePoliciesStoreWhatTheHeadersDoNotAllowAndForceCacheAnswersStale() {
		origin.resource("/forced").body("f1");
		Dio dio = dio(cache());
		dio.get("/forced", String.class, policy(CachePolicy.REFRESH_FORCE_CACHE)).block();
		origin.resource("/forced").body("f2");
		this.clock.advance(Duration.ofDays(1));
		Response<String> forced = dio.get("/forced", String.class, policy(CachePolicy.FORCE_CACHE)).block();
		assertThat(forced.data()).isEqualTo("f1");
		assertThat(forced.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
		assertThat(origin.count("/forced")).isEqualTo(1);
		assertThat(dio.get("/forced", String.class).block().data()).as("REQUEST: stale without validators")
			.isEqualTo("f2");
		// FORCE_CACHE on a miss asks the network and stores
		dio.get("/forced-miss", String.class, policy(CachePolicy.FORCE_CACHE)).block();
		dio.get("/forced-miss", String.class, policy(CachePolicy.FORCE_CACHE)).block();
		assertThat(origin.count("/forced-miss")).isEqualTo(1);
	}

	@Test
	void noCacheNeitherReadsNorWrites() {
		origin.resource("/nocache").body("n1").cacheControl("max-age=60");
		Dio dio = dio(cache().policy(CachePolicy.NO_CACHE));
		dio.get("/nocache", String.class).block();
		Response<String> second = dio.get("/nocache", String.class).block();
		assertThat(origin.count("/nocache")).isEqualTo(2);
		assertThat(second.extra()).doesNotContainKey(CacheInterceptor.STATUS);
		Response<String> requested = dio.get("/nocache", String.class, policy("request")).block();
		assertThat(requested.extra().get(CacheInterceptor.STATUS)).as("nothing was stored").isEqualTo(CacheStatus.MISS);
	}

	@Test
	void aStaleEntryAnswersAConfiguredErrorStatus() {
		origin.resource("/flaky").body("good").etag("\"g\"").cacheControl("max-age=10");
		Dio lenient = dio(cache().hitCacheOnErrorCodes(Set.of(503)));
		lenient.get("/flaky", String.class).block();
		this.clock.advance(Duration.ofSeconds(30));
		origin.resource("/flaky").status(503).body("down");
		Response<String> stale = lenient.get("/flaky", String.class).block();
		assertThat(stale.data()).isEqualTo("good");
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(stale.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.STALE);
		assertThat(stale.headers().value("x-dio-cache")).isEqualTo("STALE");
		// not configured: the error goes to the caller
		origin.resource("/flaky").status(200);
		Dio strict = dio(cache());
		strict.get("/flaky", String.class).block();
		this.clock.advance(Duration.ofSeconds(30));
		origin.resource("/flaky").status(503);
		assertThatThrownBy(() -> strict.get("/flaky", String.class).block()).isInstanceOfSatisfying(DioException.class,
				e -> assertThat(e.response().statusCode()).isEqualTo(503));
	}

	@Test
	void maxStaleLimitsHowOldAStaleAnswerMayBe() {
		origin.resource("/limited").body("old").etag("\"o\"").cacheControl("max-age=10");
		Dio dio = dio(cache().hitCacheOnErrorCodes(Set.of(503)).maxStale(Duration.ofMinutes(1)));
		dio.get("/limited", String.class).block();
		origin.resource("/limited").status(503);
		this.clock.advance(Duration.ofSeconds(50));
		assertThat(dio.get("/limited", String.class).block().data()).isEqualTo("old");
		this.clock.advance(Duration.ofMinutes(1));
		assertThatThrownBy(() -> dio.get("/limited", String.class).block()).isInstanceOf(DioException.class);
		assertThat(dio.get("/limited", String.class, r -> r.extra(CacheInterceptor.MAX_STALE, Duration.ofHours(1)))
			.block().data()).as("per request").isEqualTo("old");
	}

	@Test
	void mustRevalidateForbidsStaleAnswers() {
		origin.resource("/strict").body("s").etag("\"s\"").cacheControl("max-age=10, must-revalidate");
		Dio dio = dio(cache().hitCacheOnErrorCodes(Set.of(503)));
		dio.get("/strict", String.class).block();
		this.clock.advance(Duration.ofSeconds(30));
		origin.resource("/strict").status(503);
		assertThatThrownBy(() -> dio.get("/strict", String.class).block()).isInstanceOf(DioException.class);
	}

	@Test
	void aStaleEntryAnswersWhenTheConnectionIsRefused() throws Exception {
		try (CacheOrigin doomed = new CacheOrigin()) {
			doomed.resource("/offline").body("last known").cacheControl("max-age=10");
			Dio dio = dio(cache().hitCacheOnNetworkFailure(true), doomed.baseUrl());
			Dio strict = dio(cache(), doomed.baseUrl());
			dio.get("/offline", String.class).block();
			strict.get("/offline", String.class).block();
			doomed.close();
			this.clock.advance(Duration.ofMinutes(5));
			Response<String> stale = dio.get("/offline", String.class).block();
			assertThat(stale.data()).isEqualTo("last known");
			assertThat(stale.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.STALE);
			assertThatThrownBy(() -> strict.get("/offline", String.class).block()).isInstanceOfSatisfying(
					DioException.class, e -> assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR));
		}
	}

	@Test
	void aFailureWithoutAnEntryStaysAFailure() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Dio dio = dio(cache().hitCacheOnNetworkFailure(true), "http://127.0.0.1:" + port);
		assertThatThrownBy(() -> dio.get("/nothing", String.class).block()).isInstanceOfSatisfying(DioException.class,
				e -> assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR));
	}

	@Test
	void cancellingARevalidationFailsWithCancelAndKeepsTheEntry() {
		origin.resource("/slow").body("kept").etag("\"k\"").cacheControl("max-age=10");
		Dio dio = dio(cache().hitCacheOnNetworkFailure(true));
		dio.get("/slow", String.class).block();
		this.clock.advance(Duration.ofSeconds(30));
		origin.resource("/slow").stall();
		CancelToken token = new CancelToken();
		List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
		Disposable call = dio.get("/slow", String.class, r -> r.cancelToken(token)).subscribe(r -> {
		}, errors::add);
		await().atMost(Duration.ofSeconds(20)).until(() -> origin.count("/slow") == 2);
		token.cancel("user left");
		await().atMost(Duration.ofSeconds(20)).until(() -> !errors.isEmpty());
		call.dispose();
		assertThat(errors.get(0)).isInstanceOfSatisfying(DioException.class,
				e -> assertThat(e.type()).as("never answered stale").isEqualTo(DioExceptionType.CANCEL));
		Response<String> kept = dio.get("/slow", String.class, policy(CachePolicy.FORCE_CACHE)).block();
		assertThat(kept.data()).isEqualTo("kept");
		// a cancelled token fails at once, even when a fresh entry could answer
		CancelToken cancelled = new CancelToken();
		cancelled.cancel("gone");
		assertThatThrownBy(() -> dio.get("/slow", String.class, r -> r.cancelToken(cancelled)
			.extra(CacheInterceptor.POLICY, CachePolicy.FORCE_CACHE)).block()).isInstanceOfSatisfying(DioException.class,
					e -> assertThat(e.type()).isEqualTo(DioExceptionType.CANCEL));
	}

	@Test
	void largeBodiesAreNotStored() {
		origin.resource("/large").body("x".repeat(2048)).cacheControl("max-age=60");
		Dio dio = dio(cache().maxEntrySize(1024));
		dio.get("/large", String.class).block();
		assertThat(dio.get("/large", String.class).block().data()).hasSize(2048);
		assertThat(origin.count("/large")).isEqualTo(2);
	}

	@Test
	void aBodyOfUnknownLengthIsStoredOnlyIfItStaysUnderTheLimit() {
		origin.resource("/chunked-large").body("y".repeat(4096)).chunked().cacheControl("max-age=60");
		origin.resource("/chunked-small").body("small").chunked().cacheControl("max-age=60");
		Dio dio = dio(cache().maxEntrySize(1024));
		for (int i = 0; i < 2; i++) {
			Response<String> large = dio.get("/chunked-large", String.class).block();
			assertThat(large.data()).hasSize(4096);
			assertThat(large.headers().contains("content-length")).as("length unknown in advance").isFalse();
			assertThat(dio.get("/chunked-small", String.class).block().data()).isEqualTo("small");
		}
		assertThat(origin.count("/chunked-large")).isEqualTo(2);
		assertThat(origin.count("/chunked-small")).isEqualTo(1);
	}

	@Test
	void streamsAreNotStoredUnlessAsked() {
		origin.resource("/stream").body("streamed").cacheControl("max-age=60");
		Dio dio = dio(cache());
		assertThat(read(dio.get("/stream", ResponseBody.class).block())).isEqualTo("streamed");
		assertThat(read(dio.get("/stream", ResponseBody.class).block())).isEqualTo("streamed");
		assertThat(origin.count("/stream")).isEqualTo(2);
		Consumer<RequestOptions.Builder> asked = r -> r.extra(CacheInterceptor.CACHE_STREAM, true);
		assertThat(read(dio.get("/stream", ResponseBody.class, asked).block())).isEqualTo("streamed");
		Response<ResponseBody> cached = dio.get("/stream", ResponseBody.class, asked).block();
		assertThat(cached.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
		assertThat(read(cached)).isEqualTo("streamed");
		assertThat(origin.count("/stream")).isEqualTo(3);
	}

	@Test
	void downloadsAreNotStoredUnlessAsked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		origin.resource("/report").body("report body").cacheControl("max-age=60");
		Dio dio = dio(cache());
		dio.download("/report", dir.resolve("a.txt")).block();
		dio.download("/report", dir.resolve("b.txt")).block();
		assertThat(origin.count("/report")).isEqualTo(2);
		Consumer<RequestOptions.Builder> asked = r -> r.extra(CacheInterceptor.CACHE_STREAM, true);
		dio.download("/report", dir.resolve("c.txt"), asked).block();
		Response<ResponseBody> cached = dio.download("/report", dir.resolve("d.txt"), asked).block();
		assertThat(cached.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
		assertThat(java.nio.file.Files.readString(dir.resolve("d.txt"))).isEqualTo("report body");
		assertThat(origin.count("/report")).isEqualTo(3);
	}

	@Test
	void aSuccessfulUnsafeRequestInvalidatesTheUri() {
		origin.resource("/items").body("[1]").cacheControl("max-age=60");
		Dio dio = dio(cache());
		dio.get("/items", String.class).block();
		dio.post("/items", Map.of("id", 2)).block();
		dio.get("/items", String.class).block();
		assertThat(origin.count("/items")).isEqualTo(3);
	}

	@Test
	void onlyIfCachedWithoutAnEntryIs504() {
		Dio dio = dio(cache());
		assertThatThrownBy(() -> dio.get("/absent", String.class, r -> r.header("Cache-Control", "only-if-cached"))
			.block()).isInstanceOfSatisfying(DioException.class, e -> assertThat(e.response().statusCode()).isEqualTo(504));
		assertThat(origin.count("/absent")).isZero();
	}

	@Test
	void theCallersOwnConditionalRequestIsLeftAlone() {
		origin.resource("/own").body("o").etag("\"o\"").cacheControl("max-age=60");
		Dio dio = dio(cache());
		dio.get("/own", String.class).block();
		Response<String> notModified = dio.get("/own", String.class,
				r -> r.header("If-None-Match", "\"o\"").validateStatus(s -> s == 200 || s == 304)).block();
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(origin.count("/own")).isEqualTo(2);
	}

	@Test
	void corruptOrForeignValuesInTheStoreAreMisses() {
		origin.resource("/corrupt").body("fresh").cacheControl("max-age=60");
		org.springframework.cache.Cache store = MemoryCaches.create("corrupt", 10, 10_000);
		store.put("GET " + origin.baseUrl() + "/corrupt", new byte[] { 1, 'R', 0 });
		Dio dio = dio(CacheOptions.builder(store).clock(this.clock));
		assertThat(dio.get("/corrupt", String.class).block().data()).isEqualTo("fresh");
		assertThat(dio.get("/corrupt", String.class).block().extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
	}

	@Test
	void theStatisticsCountEachLogicalRequestOnce() {
		origin.resource("/counted").body("c").etag("\"c\"").cacheControl("max-age=10");
		CacheInterceptor interceptor = new CacheInterceptor(cache().hitCacheOnErrorCodes(Set.of(500)).build());
		Dio dio = track(Dio.create(BaseOptions.builder().baseUrl(origin.baseUrl()).build()));
		dio.interceptors().add(interceptor);
		dio.get("/counted").block();
		dio.get("/counted").block();
		this.clock.advance(Duration.ofSeconds(11));
		dio.get("/counted").block();
		this.clock.advance(Duration.ofSeconds(11));
		origin.resource("/counted").status(500);
		dio.get("/counted").block();
		assertThat(interceptor.statistics().asMap())
			.containsExactly(Map.entry("hits", 1L), Map.entry("misses", 1L), Map.entry("revalidations", 1L),
					Map.entry("staleServes", 1L));
	}

	@Test
	void anEarlierExchangeDecoratorRunsInsideTheCacheAlsoForARequestSentAgain() {
		origin.resource("/decorated").body("d").cacheControl("max-age=60");
		java.util.concurrent.atomic.AtomicInteger exchanges = new java.util.concurrent.atomic.AtomicInteger();
		io.github.diospring.adapter.ExchangeDecorator counting = (options, exchange) -> exchange
			.apply(options.withHeader("X-Counted", "yes"))
			.doOnSubscribe(s -> exchanges.incrementAndGet());
		Dio dio = track(Dio.create(BaseOptions.builder().baseUrl(origin.baseUrl()).build()));
		dio.interceptors().add(io.github.diospring.interceptor.InterceptorsWrapper.builder()
			.onRequest((options, handler) -> handler.next(options.extra().containsKey(io.github.diospring.adapter.ExchangeDecorator.EXTRA_KEY)
					? options : options.copyWith(b -> b.extra(io.github.diospring.adapter.ExchangeDecorator.EXTRA_KEY, counting))))
			.build());
		dio.interceptors().add(new CacheInterceptor(cache().build()));
		Response<Object> first = dio.get("/decorated").block();
		Response<Object> second = dio.fetch(first.requestOptions(), null).block();
		assertThat(origin.requests("/decorated").get(0).get("X-Counted")).isEqualTo("yes");
		assertThat(second.extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
		assertThat(exchanges.get()).as("the hit never reached the inner decorator").isEqualTo(1);
	}

	@Test
	void aStoreThatMayBlockIsNeverCalledOnAnEventLoopThread() {
		origin.resource("/remote").body("r").etag("\"r\"").cacheControl("max-age=10");
		List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
		org.springframework.cache.Cache remote = new org.springframework.cache.concurrent.ConcurrentMapCache("remote") {

			@Override
			public ValueWrapper get(Object key) {
				threads.add(Thread.currentThread().getName());
				return super.get(key);
			}

			@Override
			public void put(Object key, Object value) {
				threads.add(Thread.currentThread().getName());
				super.put(key, value);
			}

		};
		Dio dio = dio(CacheOptions.builder(remote).clock(this.clock));
		dio.get("/remote", String.class).block();
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(dio.get("/remote", String.class).block().extra().get(CacheInterceptor.STATUS))
			.isEqualTo(CacheStatus.REVALIDATED);
		assertThat(dio.get("/remote", String.class).block().extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
		assertThat(threads).hasSizeGreaterThanOrEqualTo(5).allMatch(name -> name.startsWith("boundedElastic"));
	}

	private Response<String> get(Dio dio, String path, String authorization) {
		return dio.get(path, String.class, r -> r.header("Authorization", authorization)).block();
	}

	private static String read(Response<ResponseBody> response) {
		return DataBufferUtils.join(response.data().stream())
			.map(buffer -> {
				String text = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
				DataBufferUtils.release(buffer);
				return text;
			})
			.block();
	}

	private static Consumer<RequestOptions.Builder> policy(Object policy) {
		return r -> r.extra(CacheInterceptor.POLICY, policy);
	}

	private CacheOptions.Builder cache() {
		return CacheOptions.builder(MemoryCaches.create("test", 100, 1_000_000)).clock(this.clock);
	}

	private Dio dio(CacheOptions.Builder cache) {
		return dio(cache, origin.baseUrl());
	}

	private Dio dio(CacheOptions.Builder cache, String baseUrl) {
		Dio dio = track(Dio.create(BaseOptions.builder().baseUrl(baseUrl).responseType(ResponseType.JSON).build()));
		dio.interceptors().add(new CacheInterceptor(cache.build()));
		return dio;
	}

	private Dio track(Dio dio) {
		this.clients.add(dio);
		return dio;
	}

	record User(int id, String name) {
	}

}
