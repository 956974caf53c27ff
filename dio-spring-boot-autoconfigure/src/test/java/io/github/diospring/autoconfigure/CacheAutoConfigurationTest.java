package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.diospring.Dio;
import io.github.diospring.cache.CacheInterceptor;
import io.github.diospring.cache.CacheOptions;
import io.github.diospring.cache.CachePolicy;
import io.github.diospring.cache.CacheStatus;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.interceptor.LogInterceptor;
import io.github.diospring.testing.CacheOrigin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dio.cache.*}: off by default, per client, on memory or a CacheManager, validated at startup, observed. */
class CacheAutoConfigurationTest {

	private static final CacheOrigin origin = new CacheOrigin();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, DioAutoConfiguration.class, DioObservabilityAutoConfiguration.class))
		.withPropertyValues("dio.base-url=" + origin.baseUrl());

	@AfterAll
	static void stopOrigin() {
		origin.close();
	}

	@BeforeEach
	void reset() {
		origin.reset();
	}

	@Test
	void theCacheIsOffByDefault() {
		this.runner.run(context -> {
			Dio dio = context.getBean(Dio.class);
			assertThat(dio.interceptors().toList()).noneMatch(CacheInterceptor.class::isInstance);
			origin.resource("/off").body("o").cacheControl("max-age=60");
			dio.get("/off").block();
			dio.get("/off").block();
			assertThat(origin.count("/off")).isEqualTo(2);
		});
	}

	@Test
	void enabledItAnswersFreshEntriesAndSitsBetweenTheApplicationsInterceptorsAndTheLog() {
		origin.resource("/on").json("{\"v\":1}").cacheControl("max-age=60");
		this.runner.withUserConfiguration(AuthConfig.class)
			.withPropertyValues("dio.cache.enabled=true", "dio.log.enabled=true")
			.run(context -> {
				Dio dio = context.getBean(Dio.class);
				List<Interceptor> chain = dio.interceptors().toList();
				assertThat(chain).hasSize(4);
				assertThat(chain.get(0)).isSameAs(context.getBean("auth"));
				assertThat(chain.get(1)).isInstanceOf(ErrorAdaptorInterceptor.class);
				assertThat(chain.get(2)).isInstanceOf(CacheInterceptor.class);
				assertThat(chain.get(3)).isInstanceOf(LogInterceptor.class);
				CacheOptions options = ((CacheInterceptor) chain.get(2)).options();
				assertThat(options.policy()).isEqualTo(CachePolicy.REQUEST);
				assertThat(options.maxEntrySize()).isEqualTo(1024 * 1024);
				assertThat(options.hitCacheOnErrorCodes()).isEmpty();
				assertThat(options.hitCacheOnNetworkFailure()).isFalse();
				assertThat(options.allowAuthorization()).isFalse();
				assertThat(options.store().getName()).isEqualTo("dio-default");
				dio.get("/on").block();
				assertThat(dio.get("/on").block().extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
				assertThat(origin.count("/on")).isEqualTo(1);
			});
	}

	@Test
	void everyPropertyReachesTheOptionsAndNamedClientsInheritWithTheirOwnStore() {
		origin.resource("/own").body("o").cacheControl("max-age=60");
		this.runner.withPropertyValues("dio.cache.enabled=true", "dio.cache.policy=force-cache",
				"dio.cache.max-entry-size=2KB", "dio.cache.max-stale=1h", "dio.cache.hit-cache-on-error-codes=500,503",
				"dio.cache.hit-cache-on-network-failure=true", "dio.cache.heuristic-fraction=0.1",
				"dio.cache.heuristic-max-age=2h", "dio.cache.allow-authorization=true", "dio.cache.cache-streams=true",
				"dio.clients.users.base-url=" + origin.baseUrl(), "dio.clients.users.cache.policy=refresh",
				"dio.clients.plain.base-url=" + origin.baseUrl(), "dio.clients.plain.cache.enabled=false")
			.run(context -> {
				CacheOptions top = cache(context.getBean(Dio.class)).options();
				assertThat(top.policy()).isEqualTo(CachePolicy.FORCE_CACHE);
				assertThat(top.maxEntrySize()).isEqualTo(2048);
				assertThat(top.maxStale()).isEqualTo(Duration.ofHours(1));
				assertThat(top.hitCacheOnErrorCodes()).isEqualTo(Set.of(500, 503));
				assertThat(top.hitCacheOnNetworkFailure()).isTrue();
				assertThat(top.heuristicFraction()).isEqualTo(0.1);
				assertThat(top.heuristicMaxAge()).isEqualTo(Duration.ofHours(2));
				assertThat(top.allowAuthorization()).isTrue();
				assertThat(top.cacheStreams()).isTrue();
				DioClients clients = context.getBean(DioClients.class);
				CacheOptions users = cache(clients.get("users")).options();
				assertThat(users.policy()).isEqualTo(CachePolicy.REFRESH);
				assertThat(users.maxStale()).isEqualTo(Duration.ofHours(1));
				assertThat(users.store()).isNotSameAs(top.store());
				assertThat(clients.get("plain").interceptors().toList()).noneMatch(CacheInterceptor.class::isInstance);
				assertThat(clients.interceptorChain("users")).contains("cacheInterceptor");
			});
	}

	@Test
	void clientsNamingTheSameStoreInACacheManagerShareEntries() {
		origin.resource("/shared").body("s").cacheControl("max-age=60");
		this.runner.withUserConfiguration(CacheManagerConfig.class)
			.withPropertyValues("dio.cache.enabled=true", "dio.cache.store=http",
					"dio.clients.other.base-url=" + origin.baseUrl())
			.run(context -> {
				context.getBean(Dio.class).get("/shared").block();
				Dio other = context.getBean("otherDio", Dio.class);
				assertThat(other.get("/shared").block().extra().get(CacheInterceptor.STATUS)).isEqualTo(CacheStatus.HIT);
				assertThat(origin.count("/shared")).isEqualTo(1);
				Map<String, Object> shown = new DioEndpoint(context.getBean(DioClients.class)).client("other");
				assertThat(shown.get("cache")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsEntry("store", "http")
					.containsEntry("storeType", "ConcurrentMapCache")
					.containsEntry("statistics", Map.of("hits", 1L, "misses", 0L, "revalidations", 0L, "staleServes", 0L));
			});
	}

	@Test
	void theEndpointShowsTheInMemoryStoreAndAClientWithoutCache() {
		this.runner.withPropertyValues("dio.cache.enabled=true", "dio.clients.none.cache.enabled=false").run(context -> {
			origin.resource("/shown").body("s").cacheControl("max-age=60");
			context.getBean(Dio.class).get("/shown").block();
			DioEndpoint endpoint = new DioEndpoint(context.getBean(DioClients.class));
			assertThat(endpoint.client("default").get("cache")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("store", "dio-default")
				.containsEntry("entries", 1L)
				.containsEntry("policy", "REQUEST");
			assertThat(endpoint.client("none").get("cache")).isEqualTo(Map.of("enabled", false));
		});
	}

	@Test
	void cacheOutcomesAreCountedAsMetersPerClient() {
		origin.resource("/metered").body("m").etag("\"m\"").cacheControl("no-cache");
		origin.resource("/hit").body("h").cacheControl("max-age=60");
		this.runner.withUserConfiguration(MetricsConfig.class).withPropertyValues("dio.cache.enabled=true").run(context -> {
			Dio dio = context.getBean(Dio.class);
			dio.get("/metered").block();
			dio.get("/metered").block();
			dio.get("/hit").block();
			dio.get("/hit").block();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("dio.client.cache.misses").tag("client", "default").counter().count()).isEqualTo(2);
			assertThat(meters.get("dio.client.cache.revalidations").tag("client", "default").counter().count()).isEqualTo(1);
			assertThat(meters.get("dio.client.cache.hits").tag("client", "default").counter().count()).isEqualTo(1);
		});
	}

	@Test
	void aCacheInterceptorBeanReplacesTheBuiltIn() {
		this.runner.withUserConfiguration(OwnCacheConfig.class).withPropertyValues("dio.cache.enabled=true").run(context -> {
			List<Interceptor> chain = context.getBean(Dio.class).interceptors().toList();
			assertThat(chain.stream().filter(CacheInterceptor.class::isInstance)).containsExactly(context.getBean(CacheInterceptor.class));
		});
	}

	@Test
	void invalidSettingsStopTheApplicationNamingTheProperty() {
		this.runner.withPropertyValues("dio.cache.enabled=true", "dio.cache.max-entries=0")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.cache.max-entries"));
		this.runner.withPropertyValues("dio.cache.enabled=true", "dio.clients.x.cache.heuristic-fraction=2")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.clients.x.cache.heuristic-fraction"));
		this.runner.withPropertyValues("dio.cache.enabled=true", "dio.cache.hit-cache-on-error-codes=42")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.cache.hit-cache-on-error-codes"));
		this.runner.withPropertyValues("dio.cache.enabled=true", "dio.cache.max-stale=-1s")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.cache.max-stale"));
		this.runner.withPropertyValues("dio.cache.enabled=true", "dio.cache.store=users")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getAction())
				.contains("CacheManager"));
		this.runner.withUserConfiguration(CacheManagerConfig.class)
			.withPropertyValues("dio.cache.enabled=true", "dio.cache.store=unknown")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.cache.store = 'unknown'").contains("[http]"));
		this.runner.withUserConfiguration(CacheManagerConfig.class)
			.withPropertyValues("dio.cache.enabled=true", "dio.cache.store=http", "dio.cache.cache-manager=nope")
			.run(context -> assertThat(DioAutoConfigurationTest.analysis(context).getDescription())
				.contains("dio.cache.cache-manager"));
	}

	private static CacheInterceptor cache(Dio dio) {
		return dio.interceptors().toList().stream()
			.filter(CacheInterceptor.class::isInstance)
			.map(CacheInterceptor.class::cast)
			.findFirst()
			.orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	static class AuthConfig {

		@Bean
		@Order(0)
		Interceptor auth() {
			return InterceptorsWrapper.builder().onRequest((options, handler) -> handler.next(options)).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCacheConfig {

		@Bean
		CacheInterceptor ownCache() {
			return new CacheInterceptor(CacheOptions.builder(new org.springframework.cache.concurrent.ConcurrentMapCache("own")).build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CacheManagerConfig {

		@Bean
		CacheManager cacheManager() {
			return new ConcurrentMapCacheManager("http");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MetricsConfig {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DioMetricsObservationHandler(meters, false, 10));
			return registry;
		}

	}

}
