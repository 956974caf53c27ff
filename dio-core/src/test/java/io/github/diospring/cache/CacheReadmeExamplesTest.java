package io.github.diospring.cache;

import java.time.Duration;
import java.util.Set;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.Response;
import io.github.diospring.testing.CacheOrigin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's HTTP cache examples, compiled and run against a counting origin. */
class CacheReadmeExamplesTest {

	private static final CacheOrigin origin = new CacheOrigin();

	record User(long id, String name) {
	}

	@AfterAll
	static void stopOrigin() {
		origin.close();
	}

	@Test
	void cache() {
		origin.resource("/users/1").json("{\"id\":1,\"name\":\"Ann\"}").etag("\"u1\"").cacheControl("max-age=60");
		String baseUrl = origin.baseUrl();
		// tag::cache[]
		Dio dio = Dio.create(BaseOptions.builder().baseUrl(baseUrl).build());
		dio.interceptors().add(new CacheInterceptor(CacheOptions.builder(MemoryCaches.create("http", 1000, 10 * 1024 * 1024))
				.hitCacheOnErrorCodes(Set.of(500, 502, 503, 504))  // answer these with the stored response, even stale
				.hitCacheOnNetworkFailure(true)                     // and connection failures too
				.maxStale(Duration.ofDays(1))                       // but nothing stale for more than a day
				.build()));

		Response<User> user = dio.get("/users/1", User.class).block();   // the network; stored (max-age=60, ETag)
		user = dio.get("/users/1", User.class).block();                  // fresh: from the cache, nothing sent
		Object status = user.extra().get(CacheInterceptor.STATUS);        // CacheStatus.HIT (header x-dio-cache: HIT)
		// end::cache[]
		assertThat(user.data()).isEqualTo(new User(1, "Ann"));
		assertThat(status).isEqualTo(CacheStatus.HIT);
		assertThat(origin.count("/users/1")).isEqualTo(1);

		origin.resource("/prices").body("p").etag("\"p\"").cacheControl("max-age=60");
		// tag::cachePolicies[]
		dio.get("/prices", r -> r.extra(CacheInterceptor.POLICY, CachePolicy.REFRESH)).block();      // ask the network, store
		dio.get("/prices", r -> r.extra(CacheInterceptor.POLICY, CachePolicy.FORCE_CACHE)).block();  // any stored entry, even stale
		dio.get("/prices", r -> r.extra(CacheInterceptor.POLICY, CachePolicy.NO_CACHE)).block();     // the cache stays out
		dio.get("/prices", r -> r.header("Cache-Control", "no-cache")).block();                      // revalidate (ETag → 304)
		// end::cachePolicies[]
		assertThat(origin.count("/prices")).isEqualTo(3);
		assertThat(origin.requests("/prices").get(2).get("If-None-Match")).isEqualTo("\"p\"");
		dio.close();
	}

}
