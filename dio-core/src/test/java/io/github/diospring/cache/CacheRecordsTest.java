package io.github.diospring.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diospring.Headers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored form and the directives, as values: round trips, damaged records, RFC 9111's parsing rules. */
class CacheRecordsTest {

	@Test
	void aResponseSurvivesTheRoundTripCompactly() throws IOException {
		Map<String, @Nullable String> vary = new LinkedHashMap<>();
		vary.put("accept-language", "zh-CN");
		vary.put("x-absent", null);
		byte[] body = "{\"name\":\"安\"}".getBytes(StandardCharsets.UTF_8);
		CachedResponse response = new CachedResponse(200, "OK",
				Headers.builder().set("ETag", "\"v1\"").set("X-Many", List.of("a", "b")).build(), vary, 1000, 2000, body);
		byte[] stored = CacheRecords.encode(response);
		CachedResponse read = (CachedResponse) CacheRecords.decode(stored);
		assertThat(read.status).isEqualTo(200);
		assertThat(read.statusMessage).isEqualTo("OK");
		assertThat(read.headers.get("x-many")).containsExactly("a", "b");
		assertThat(read.varyValues).isEqualTo(vary);
		assertThat(read.requestTime).isEqualTo(1000);
		assertThat(read.responseTime).isEqualTo(2000);
		assertThat(read.body).isEqualTo(body);
		assertThat(stored.length).as("a few bytes of framing around the body").isLessThan(body.length + 120);
	}

	@Test
	void aVaryIndexSurvivesTheRoundTrip() throws IOException {
		CachedResponse.VaryIndex index = new CachedResponse.VaryIndex("g1", List.of("accept-language", "accept"));
		assertThat(CacheRecords.decode(CacheRecords.encodeVaryIndex(index))).isEqualTo(index);
	}

	@Test
	void damagedOrForeignRecordsAreRefused() {
		byte[] stored = CacheRecords.encode(new CachedResponse(200, "", Headers.empty(), Map.of(), 0, 0, new byte[100]));
		assertThatThrownBy(() -> CacheRecords.decode(Arrays.copyOf(stored, stored.length - 10))).isInstanceOf(IOException.class);
		stored[0] = 9;
		assertThatThrownBy(() -> CacheRecords.decode(stored)).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> CacheRecords.decode(new byte[] { 1, 'X' })).isInstanceOf(IOException.class);
	}

	@Test
	void directivesAreParsedAsRfc9111Says() {
		CacheControl cc = CacheControl.parse(List.of("private=\"X-Secret, Set-Cookie\", max-age=60", "must-revalidate"));
		assertThat(cc.maxAge).isEqualTo(60);
		assertThat(cc.mustRevalidate).isTrue();
		assertThat(cc.noCache).isFalse();
		assertThat(cc.excludedFields).containsExactly("x-secret", "set-cookie");
		assertThat(CacheControl.parse(List.of("max-age=60, max-age=120")).maxAge).as("duplicates mean stale").isZero();
		assertThat(CacheControl.parse(List.of("max-age=abc")).maxAge).isZero();
		assertThat(CacheControl.parse(List.of("max-age=99999999999999999999")).maxAge).isEqualTo(Integer.MAX_VALUE);
		assertThat(CacheControl.parse(List.of("max-stale")).maxStale).isEqualTo(Long.MAX_VALUE);
		assertThat(CacheControl.parse(List.of("NO-STORE")).noStore).isTrue();
		assertThat(CacheControl.parse(List.of("s-maxage=60, public")).maxAge).isNull();
	}

	@Test
	void storedHeadersLeaveOutCookiesHopByHopAndExcludedFields() {
		Headers stored = CachedResponse.storable(Headers.builder()
			.set("Set-Cookie", "sid=1")
			.set("Connection", "keep-alive, X-Hop")
			.set("X-Hop", "1")
			.set("Transfer-Encoding", "chunked")
			.set("Cache-Control", "no-cache=\"X-Private\", max-age=5")
			.set("X-Private", "p")
			.set("ETag", "\"e\"")
			.build());
		assertThat(stored.names()).containsExactlyInAnyOrder("Cache-Control", "ETag");
	}

}
