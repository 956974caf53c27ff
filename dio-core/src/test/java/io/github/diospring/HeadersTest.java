package io.github.diospring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeadersTest {

	@Test
	void lookUpsIgnoreCase() {
		Headers h = Headers.of("Content-Type", "application/json");

		assertThat(h.get("content-type")).containsExactly("application/json");
		assertThat(h.get("CONTENT-TYPE")).containsExactly("application/json");
		assertThat(h.value("Content-type")).isEqualTo("application/json");
		assertThat(h.contains("cOnTeNt-TyPe")).isTrue();
		assertThat(h.contains("accept")).isFalse();
		assertThat(h.get("accept")).isNull();
		assertThat(h.value("accept")).isNull();
	}

	@Test
	void addAppendsValuesWhileSetReplacesThem() {
		Headers added = Headers.builder().add("Accept", "text/plain").add("accept", "text/html").build();
		Headers set = Headers.builder().set("Accept", "text/plain").set("accept", "text/html").build();

		assertThat(added.get("ACCEPT")).containsExactly("text/plain", "text/html");
		assertThat(set.get("ACCEPT")).containsExactly("text/html");
		assertThat(added.size()).isOne();
	}

	@Test
	void collectionValuesBecomeSeveralValues() {
		Headers h = Headers.of("X-Tag", List.of("a", 2, true));

		assertThat(h.get("x-tag")).containsExactly("a", "2", "true");
	}

	@Test
	void valueThrowsWhenTheHeaderHasSeveralValues() {
		Headers h = Headers.of("X-Tag", List.of("a", "b"));

		assertThatIllegalStateException().isThrownBy(() -> h.value("x-tag")).withMessageContaining("x-tag");
	}

	@Test
	void nullValuesAreSkipped() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("X-A", "1");
		map.put("X-Null", null);
		map.put("X-List", Arrays.asList("a", null, "b"));

		Headers h = Headers.of(map);

		assertThat(h.names()).containsExactly("X-A", "X-List");
		assertThat(h.contains("x-null")).isFalse();
		assertThat(h.get("x-list")).containsExactly("a", "b");
		assertThat(Headers.builder().add("X-A", null).build().isEmpty()).isTrue();
	}

	@Test
	void settingNullOrAnEmptyListRemovesTheHeader() {
		Headers h = Headers.of("X-A", "1").with("X-B", "2");

		assertThat(h.with("x-a", null).names()).containsExactly("X-B");
		assertThat(h.with("x-a", List.of()).names()).containsExactly("X-B");
	}

	@Test
	void namesKeepTheCaseTheyWereFirstWrittenIn() {
		Headers h = Headers.builder()
			.set("X-Request-Id", "1")
			.set("x-request-id", "2")
			.add("X-REQUEST-ID", "3")
			.add("x-Other", "o")
			.set("X-OTHER", "p")
			.build();

		assertThat(h.names()).containsExactly("X-Request-Id", "x-Other");
		assertThat(h.get("x-request-id")).containsExactly("2", "3");
		assertThat(h.map()).containsOnlyKeys("x-request-id", "x-other");
	}

	@Test
	void namesAndValuesAreTrimmed() {
		Headers h = Headers.of(" X-A ", " 1 ");

		assertThat(h.names()).containsExactly("X-A");
		assertThat(h.value("x-a")).isEqualTo("1");
	}

	@Test
	void toStringIsOneNameValueLinePerValue() {
		Headers h = Headers.builder().add("Accept", "text/plain").add("accept", "text/html").set("X-A", 1).build();

		assertThat(h.toString()).isEqualTo("Accept: text/plain\nAccept: text/html\nX-A: 1\n");
		assertThat(Headers.empty().toString()).isEmpty();
	}

	@Test
	void forEachVisitsNamesAsWrittenWithAllValues() {
		Headers h = Headers.builder().add("Accept", "a").add("ACCEPT", "b").set("X-B", "c").build();
		List<String> seen = new ArrayList<>();

		h.forEach((name, values) -> seen.add(name + "=" + values));

		assertThat(seen).containsExactly("Accept=[a, b]", "X-B=[c]");
	}

	@Test
	void withAndWithoutReturnCopiesAndLeaveTheOriginal() {
		Headers original = Headers.of("X-A", "1");

		Headers with = original.with("X-B", "2");
		Headers replaced = original.with("x-a", "9");
		Headers without = with.without("X-A");

		assertThat(original.names()).containsExactly("X-A");
		assertThat(original.value("x-a")).isEqualTo("1");
		assertThat(with.names()).containsExactly("X-A", "X-B");
		assertThat(replaced.value("X-A")).isEqualTo("9");
		assertThat(without.names()).containsExactly("X-B");
		assertThat(with.names()).containsExactly("X-A", "X-B");
		assertThat(original.without("X-Missing")).isSameAs(original);
	}

	@Test
	void withAllReplacesByNameAndKeepsTheFirstCase() {
		Headers base = Headers.builder().set("X-A", "1").set("X-B", "2").build();
		Headers other = Headers.builder().set("x-b", "3").set("X-C", "4").build();

		Headers merged = base.withAll(other);

		assertThat(merged.names()).containsExactly("X-A", "X-B", "X-C");
		assertThat(merged.value("x-b")).isEqualTo("3");
		assertThat(base.value("x-b")).isEqualTo("2");
		assertThat(base.withAll(Headers.empty())).isSameAs(base);
	}

	@Test
	void returnedCollectionsAreUnmodifiable() {
		Headers h = Headers.of("X-A", List.of("1", "2"));

		assertThatThrownBy(() -> h.get("x-a").add("3")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> h.names().add("X-B")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> h.map().put("x-b", List.of())).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void builderChangesAfterBuildDoNotLeakIntoTheHeaders() {
		Headers.Builder builder = Headers.builder().add("X-A", "1");
		Headers built = builder.build();

		builder.add("X-A", "2").set("X-B", "3");

		assertThat(built.get("x-a")).containsExactly("1");
		assertThat(built.contains("x-b")).isFalse();
	}

	@Test
	void toBuilderDoesNotShareValueListsWithTheOriginal() {
		Headers original = Headers.of("X-A", "1");

		Headers changed = original.toBuilder().add("x-a", "2").build();

		assertThat(original.get("x-a")).containsExactly("1");
		assertThat(changed.get("x-a")).containsExactly("1", "2");
	}

	@Test
	void equalityIgnoresNameCase() {
		assertThat(Headers.of("X-A", "1")).isEqualTo(Headers.of("x-a", "1"));
		assertThat(Headers.of("X-A", "1")).hasSameHashCodeAs(Headers.of("x-a", "1"));
		assertThat(Headers.of("X-A", "1")).isNotEqualTo(Headers.of("X-A", "2"));
		assertThat(Headers.of("X-A", "1")).isNotEqualTo(Headers.of("X-A", List.of("1", "1")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b", "", " ", "a:b", "a\nb", "(x)", "ä" })
	void invalidHeaderNamesAreRejectedNamingHeaders(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> Headers.of(name, "1"))
			.withMessageStartingWith("headers");
		assertThatIllegalArgumentException().isThrownBy(() -> Headers.builder().add(name, "1"))
			.withMessageStartingWith("headers");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u0000b" })
	void valuesThatWouldSplitTheHeaderAreRejectedNamingHeaders(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> Headers.of("X-A", value))
			.withMessageStartingWith("headers");
		assertThatIllegalArgumentException().isThrownBy(() -> Headers.of("X-A", List.of("ok", value)))
			.withMessageStartingWith("headers");
	}

	@Test
	void emptyHeadersAreEmpty() {
		assertThat(Headers.empty().isEmpty()).isTrue();
		assertThat(Headers.empty().size()).isZero();
		assertThat(Headers.builder().build()).isSameAs(Headers.empty());
		assertThat(Headers.of(Map.of())).isEqualTo(Headers.empty());
	}

	@Test
	void aViewReadsOnlyTheHeadersAskedFor() {
		Map<String, List<String>> received = new LinkedHashMap<>();
		received.put("Content-Type", List.of("application/json"));
		received.put("Set-Cookie", List.of("a=1", "b=2"));
		List<String> asked = new ArrayList<>();
		Headers headers = Headers.view(source(received, asked, new ArrayList<>()));

		assertThat(asked).isEmpty();
		assertThat(headers.value("CONTENT-TYPE")).isEqualTo("application/json");
		assertThat(headers.get("set-cookie")).containsExactly("a=1", "b=2");
		assertThat(headers.contains("X-Missing")).isFalse();
		assertThat(asked).containsExactly("content-type", "set-cookie", "x-missing");
	}

	@Test
	void aViewHoldsWhatBuiltHeadersHoldAndLeavesOutTheRest() {
		Map<String, List<String>> received = new LinkedHashMap<>();
		received.put("Set-Cookie", List.of("good=1", "bad=a\nb", " other=2 "));
		received.put("Bad Name", List.of("x"));
		received.put("X-Nul", List.of("a\u0000b"));
		received.put("X-Ctl", List.of("a\u0001b"));
		List<String> dropped = new ArrayList<>();
		Headers headers = Headers.view(source(received, new ArrayList<>(), dropped));

		assertThat(headers.get("Set-Cookie")).containsExactly("good=1", "other=2");
		assertThat(headers.contains("x-nul")).isFalse();
		assertThat(headers.value("x-ctl")).isEqualTo("a\u0001b");
		assertThat(headers.names()).containsExactly("Set-Cookie", "X-Ctl");
		assertThat(headers).isEqualTo(Headers.builder().add("set-cookie", List.of("good=1", "other=2"))
			.add("X-Ctl", "a\u0001b").build());
		assertThat(headers.toBuilder().set("X-New", "1").build().size()).isEqualTo(3);
		assertThat(dropped).contains("Set-Cookie", "Bad Name", "X-Nul");
		assertThatThrownBy(() -> headers.get("set-cookie").add("c=3")).isInstanceOf(UnsupportedOperationException.class);
	}

	private static Headers.Source source(Map<String, List<String>> received, List<String> asked, List<String> dropped) {
		return new Headers.Source() {

			@Override
			public List<String> get(String name) {
				asked.add(name);
				return received.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
					.map(Map.Entry::getValue).orElse(null);
			}

			@Override
			public void forEach(java.util.function.BiConsumer<String, List<String>> action) {
				received.forEach(action);
			}

			@Override
			public void dropped(String name) {
				dropped.add(name);
			}

		};
	}

}
