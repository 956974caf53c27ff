package io.github.diospring.cache;

import java.time.Clock;
import java.util.List;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioExceptionType;
import io.github.diospring.Response;
import io.github.diospring.envelope.BizException;
import io.github.diospring.envelope.DefaultErrorAdaptor;
import io.github.diospring.envelope.EnvelopeFields;
import io.github.diospring.envelope.EnvelopeSettings;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.envelope.ErrorNotifier;
import io.github.diospring.envelope.Page;
import io.github.diospring.testing.CacheOrigin;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.github.diospring.observation.DioObservationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cached answer passes through the rest of the pipeline like a fresh one: the envelope is
 * unwrapped into typed results (and its business errors raised again), and the request is one
 * observation that tells how the cache answered.
 */
class CacheEnvelopeAndObservationTest {

	private static final CacheOrigin origin = new CacheOrigin();

	private final List<String> notified = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final List<DioObservationContext> observed = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final Dio dio = dio();

	@AfterAll
	static void stopOrigin() {
		origin.close();
	}

	@AfterEach
	void close() {
		this.dio.close(true);
	}

	@Test
	void aCachedEnvelopeIsUnwrappedLikeAFreshOne() {
		origin.resource("/envelope/user").json("{\"success\":true,\"data\":{\"id\":7,\"name\":\"Ann\"}}")
			.cacheControl("max-age=60");
		origin.resource("/envelope/page")
			.json("{\"success\":true,\"data\":{\"list\":[{\"id\":1,\"name\":\"A\"}],\"current\":1,\"pageSize\":10,\"total\":1}}")
			.cacheControl("max-age=60");
		for (int i = 0; i < 2; i++) {
			Response<User> user = this.dio.get("/envelope/user", User.class).block();
			assertThat(user.data()).isEqualTo(new User(7, "Ann"));
			Page<User> page = this.dio.get("/envelope/page", new ParameterizedTypeReference<Page<User>>() {
			}).block().data();
			assertThat(page.list()).containsExactly(new User(1, "A"));
		}
		assertThat(origin.count("/envelope/user")).isEqualTo(1);
		assertThat(origin.count("/envelope/page")).isEqualTo(1);
		assertThat(this.dio.get("/envelope/user").block().data()).as("untyped calls get the whole envelope")
			.isInstanceOf(java.util.Map.class);
	}

	@Test
	void aCachedBusinessErrorIsRaisedAgain() {
		origin.resource("/envelope/failure")
			.json("{\"success\":false,\"errorCode\":\"E1\",\"errorMessage\":\"nope\",\"showType\":2}")
			.cacheControl("max-age=60");
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> this.dio.get("/envelope/failure", User.class).block())
				.isInstanceOfSatisfying(BizException.class, e -> {
					assertThat(e.type()).isEqualTo(DioExceptionType.BIZ_ERROR);
					assertThat(e.errorInfo().errorMessage()).isEqualTo("nope");
				});
		}
		assertThat(origin.count("/envelope/failure")).isEqualTo(1);
		assertThat(this.notified).hasSize(2);
	}

	@Test
	void aRevalidationIsOneObservationOfTheLogicalResponse() {
		origin.resource("/observed").body("o").etag("\"o\"").cacheControl("no-cache");
		this.dio.get("/observed", String.class).block();
		this.dio.get("/observed", String.class).block();
		assertThat(origin.count("/observed")).isEqualTo(2);
		assertThat(this.observed).hasSize(2);
		assertThat(this.observed).extracting(DioObservationContext::cacheStatus).containsExactly("MISS", "REVALIDATED");
		assertThat(this.observed.get(1).getResponse().statusCode()).isEqualTo(200);
		Observation.Context context = this.observed.get(1);
		assertThat(context.getHighCardinalityKeyValue("dio.cache").getValue()).isEqualTo("REVALIDATED");
	}

	private Dio dio() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<DioObservationContext>() {

			@Override
			public void onStop(DioObservationContext context) {
				CacheEnvelopeAndObservationTest.this.observed.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof DioObservationContext;
			}

		});
		JsonMapper mapper = JsonMapper.builder().build();
		ErrorNotifier notifier = (info, error) -> this.notified.add(info.errorMessage());
		Dio dio = Dio.builder()
			.name("cached")
			.observationRegistry(registry)
			.options(BaseOptions.builder().baseUrl(origin.baseUrl()).build())
			.build();
		dio.interceptors().add(new ErrorAdaptorInterceptor(new DefaultErrorAdaptor(EnvelopeFields.UMI, 4, mapper),
				notifier, EnvelopeSettings.DEFAULTS, mapper));
		dio.interceptors().add(new CacheInterceptor(CacheOptions.builder(MemoryCaches.create("envelope", 100, 1_000_000))
			.clock(Clock.systemUTC())
			.build()));
		return dio;
	}

	record User(int id, String name) {
	}

}
