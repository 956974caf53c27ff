package io.github.diospring.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Boot-only HTTP cache example, compiled and checked. */
class CacheReadmeExamplesTest {

	// tag::cacheRedis[]
	@Configuration
	static class HttpCacheRetention {

		/** Redis keeps dio's entries a day at most; dio decides freshness from the HTTP headers. */
		@Bean
		RedisCacheManagerBuilderCustomizer dioHttpCacheRetention() {
			return builder -> builder.withCacheConfiguration("dio-http",
					RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofDays(1)));
		}

	}
	// end::cacheRedis[]

	@Test
	void theRetentionAppliesToDiosCache() {
		RedisCacheManager.RedisCacheManagerBuilder builder = RedisCacheManager
			.builder(new LettuceConnectionFactory("127.0.0.1", 1));
		new HttpCacheRetention().dioHttpCacheRetention().customize(builder);
		assertThat(builder.getCacheConfigurationFor("dio-http")).hasValueSatisfying(
				configuration -> assertThat(configuration.getTtlFunction().getTimeToLive("k", "v")).isEqualTo(Duration.ofDays(1)));
	}

}
