package io.github.diospring;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diospring.transformer.Transformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UrlBuildingTest {

	private static String url(String baseUrl, String path) {
		return RequestOptions.builder(BaseOptions.builder().baseUrl(baseUrl).build()).path(path).build().uri().toString();
	}

	/** dio's test data: {"a":"你好","b":[5,"6"],"c":{"d":8,"e":{"a":5,"b":[66,8]}}}. */
	private static Map<String, Object> dioData() {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("a", 5);
		e.put("b", List.of(66, 8));
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("d", 8);
		c.put("e", e);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("a", "你好");
		data.put("b", List.of(5, "6"));
		data.put("c", c);
		return data;
	}

	/** dio's "custom" test data, with a ListParam of every format. */
	private static Map<String, Object> customData() {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("a", 5);
		e.put("b", new ListParam(List.of("foo", "bar"), ListFormat.CSV));
		e.put("c", new ListParam(List.of("foo", "bar"), ListFormat.SSV));
		e.put("d", new ListParam(List.of("foo", "bar"), ListFormat.MULTI));
		e.put("e", new ListParam(List.of("foo", "bar"), ListFormat.TSV));
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("d", 8);
		c.put("e", e);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("a", "你好");
		data.put("b", new ListParam(List.of(5, 6), ListFormat.PIPES));
		data.put("c", c);
		return data;
	}

	/** Decoded name/value pairs of a query string, in order. */
	private static List<String> pairs(String query) {
		List<String> out = new ArrayList<>();
		for (String pair : query.split("&")) {
			out.add(URLDecoder.decode(pair, StandardCharsets.UTF_8));
		}
		return out;
	}

	private static URI uriWithQuery(Map<String, ?> query, ListFormat format) {
		return RequestOptions.builder(BaseOptions.builder().baseUrl("https://a.com").build())
			.path("/p")
			.queryParameters(query)
			.listFormat(format)
			.build()
			.uri();
	}

	// ---------------------------------------------------------------- base URL + path

	@Test
	void absolutePathOverridesTheBaseUrl() {
		assertThat(url("http://a.com/api/", "https://other.com/x")).isEqualTo("https://other.com/x");
		assertThat(url("http://a.com/api/", "HTTP://other.com/x")).isEqualTo("HTTP://other.com/x");
	}

	@Test
	void slashOnBothSidesIsJoinedOnce() {
		assertThat(url("http://a.com/api/", "/users")).isEqualTo("http://a.com/api/users");
	}

	@Test
	void baseUrlAndPathAreConcatenatedAsTextAsDioDoes() {
		assertThat(url("http://a.com/api", "users")).isEqualTo("http://a.com/apiusers");
	}

	@Test
	void dotSegmentsAreResolved() {
		assertThat(url("http://a.com/api/", "users/../teams")).isEqualTo("http://a.com/api/teams");
	}

	@Test
	void doubleSlashesAfterTheSchemeCollapse() {
		assertThat(url("http://a.com//api//", "/x")).isEqualTo("http://a.com/api/x");
	}

	@Test
	void queryParametersAreAppendedWithAmpersandWhenThePathHasAQuery() {
		RequestOptions ro = RequestOptions.builder(BaseOptions.builder().baseUrl("http://a.com").build())
			.path("/search?a=1")
			.queryParameter("b", "2")
			.build();

		assertThat(ro.uri().toString()).isEqualTo("http://a.com/search?a=1&b=2");
	}

	@Test
	void queryParametersAreAppendedWithQuestionMarkOtherwise() {
		RequestOptions ro = RequestOptions.builder(BaseOptions.builder().baseUrl("http://a.com").build())
			.path("/search")
			.queryParameter("b", "2")
			.build();

		assertThat(ro.uri().toString()).isEqualTo("http://a.com/search?b=2");
	}

	@Test
	void baseQueryParametersComeFirstAndCallOnesWinPerKey() {
		BaseOptions base = BaseOptions.builder()
			.baseUrl("http://a.com")
			.queryParameter("key", "k")
			.queryParameter("lang", "en")
			.build();

		RequestOptions ro = RequestOptions.builder(base).path("/x").queryParameter("lang", "zh").build();

		assertThat(ro.uri().getRawQuery()).isEqualTo("key=k&lang=zh");
	}

	@Test
	void pathVariablesAreEncodedAsOneSegment() {
		RequestOptions ro = RequestOptions.builder(BaseOptions.builder().baseUrl("http://a.com").build())
			.path("/users/{id}")
			.pathVariable("id", "a b/c")
			.build();

		assertThat(ro.uri().toString()).isEqualTo("http://a.com/users/a%20b%2Fc");
		assertThat(ro.uri().getRawPath()).isEqualTo("/users/a%20b%2Fc");
	}

	@Test
	void severalPathVariablesAreAllFilled() {
		RequestOptions ro = RequestOptions.builder(BaseOptions.builder().baseUrl("http://a.com").build())
			.path("/orgs/{org}/users/{id}")
			.pathVariable("org", "acme")
			.pathVariable("id", 42)
			.build();

		assertThat(ro.uri().toString()).isEqualTo("http://a.com/orgs/acme/users/42");
	}

	@Test
	void missingPathVariableIsRejectedNamingPathVariables() {
		RequestOptions ro = RequestOptions.builder(BaseOptions.builder().baseUrl("http://a.com").build())
			.path("/users/{id}/{other}")
			.pathVariable("id", 1)
			.build();

		assertThatIllegalArgumentException().isThrownBy(ro::uri).withMessageContaining("pathVariables");
	}

	@Test
	void missingPathVariableIsRejectedEvenWhenNoVariableIsGiven() {
		RequestOptions ro = RequestOptions.builder(BaseOptions.builder().baseUrl("http://a.com").build())
			.path("/users/{id}")
			.build();

		assertThatIllegalArgumentException().isThrownBy(ro::uri).withMessageContaining("pathVariables");
	}

	@ParameterizedTest
	@ValueSource(strings = { "users", "/users", "" })
	void relativePathWithoutBaseUrlIsRejected(String path) {
		RequestOptions ro = RequestOptions.builder(BaseOptions.defaults()).path(path).build();

		assertThatIllegalArgumentException().isThrownBy(ro::uri).withMessageContaining("path");
	}

	// ---------------------------------------------------------------- query encoding

	@Test
	void queryMultiGolden() {
		assertThat(Transformer.urlEncodeQueryMap(dioData(), ListFormat.MULTI))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5&b=6&c[d]=8&c[e][a]=5&c[e][b]=66&c[e][b]=8");
	}

	@Test
	void queryMultiCompatibleGolden() {
		assertThat(Transformer.urlEncodeQueryMap(dioData(), ListFormat.MULTI_COMPATIBLE))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b[]=5&b[]=6&c[d]=8&c[e][a]=5&c[e][b][]=66&c[e][b][]=8");
	}

	@Test
	void queryCsvGolden() {
		assertThat(Transformer.urlEncodeQueryMap(dioData(), ListFormat.CSV))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5,6&c[d]=8&c[e][a]=5&c[e][b]=66,8");
	}

	@Test
	void querySsvGolden() {
		assertThat(Transformer.urlEncodeQueryMap(dioData(), ListFormat.SSV))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5%206&c[d]=8&c[e][a]=5&c[e][b]=66%208");
	}

	@Test
	void queryTsvUsesARealTab() {
		assertThat(Transformer.urlEncodeQueryMap(dioData(), ListFormat.TSV))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5%096&c[d]=8&c[e][a]=5&c[e][b]=66%098");
	}

	@Test
	void queryPipesGolden() {
		assertThat(Transformer.urlEncodeQueryMap(dioData(), ListFormat.PIPES))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5|6&c[d]=8&c[e][a]=5&c[e][b]=66|8");
	}

	@ParameterizedTest
	@EnumSource(ListFormat.class)
	void uriCarriesTheSameQueryParametersAsUrlEncodeQueryMap(ListFormat format) {
		URI uri = uriWithQuery(dioData(), format);

		assertThat(pairs(uri.getRawQuery())).isEqualTo(pairs(Transformer.urlEncodeQueryMap(dioData(), format)));
		assertThat(uri.getHost()).isEqualTo("a.com");
		assertThat(uri.getRawPath()).isEqualTo("/p");
	}

	@Test
	void uriKeepsQueryBracketsReadable() {
		URI uri = uriWithQuery(dioData(), ListFormat.MULTI);

		assertThat(uri.getRawQuery())
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5&b=6&c[d]=8&c[e][a]=5&c[e][b]=66&c[e][b]=8");
	}

	@Test
	void uriPercentEncodesPipesThatJavaNetUriRejects() {
		URI uri = uriWithQuery(Map.of("b", List.of(5, 6)), ListFormat.PIPES);

		assertThat(uri.getRawQuery()).isEqualTo("b=5%7C6");
		assertThat(uri.getQuery()).isEqualTo("b=5|6");
	}

	@Test
	void spaceInAQueryValueIsAPlus() {
		assertThat(Transformer.urlEncodeQueryMap(Map.of("q", "a b"), ListFormat.MULTI)).isEqualTo("q=a+b");
		assertThat(uriWithQuery(Map.of("q", "a b"), ListFormat.MULTI).getRawQuery()).isEqualTo("q=a+b");
	}

	@Test
	void reservedCharactersInQueryValuesAreEncoded() {
		assertThat(Transformer.urlEncodeQueryMap(Map.of("q", "a&b=c?d#e/f+g"), ListFormat.MULTI))
			.isEqualTo("q=a%26b%3Dc%3Fd%23e%2Ff%2Bg");
	}

	@Test
	void nullQueryValueIsABareKey() {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("k", null);
		query.put("x", "1");

		assertThat(Transformer.urlEncodeQueryMap(query, ListFormat.MULTI)).isEqualTo("k&x=1");
		assertThat(uriWithQuery(query, ListFormat.MULTI).getRawQuery()).isEqualTo("k&x=1");
	}

	@Test
	void listParamOverridesTheFormatForOneQueryParameter() {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("ids", new ListParam(List.of(1, 2), ListFormat.PIPES));
		query.put("tags", List.of("a", "b"));

		assertThat(Transformer.urlEncodeQueryMap(query, ListFormat.MULTI)).isEqualTo("ids=1|2&tags=a&tags=b");
		assertThat(Transformer.urlEncodeQueryMap(query, ListFormat.CSV)).isEqualTo("ids=1|2&tags=a,b");
	}

	@Test
	void queryListParamFormatsOverrideTheDefaultPerParameter() {
		assertThat(Transformer.urlEncodeQueryMap(customData(), ListFormat.MULTI_COMPATIBLE))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5|6&c[d]=8&c[e][a]=5&c[e][b]=foo,bar&c[e][c]=foo%20bar"
					+ "&c[e][d]=foo&c[e][d]=bar&c[e][e]=foo%09bar");
	}

	@Test
	void listElementsAreEncodedBeforeBeingJoined() {
		assertThat(Transformer.urlEncodeQueryMap(Map.of("t", List.of("a,b", "c d")), ListFormat.CSV))
			.isEqualTo("t=a%2Cb,c+d");
	}

	@Test
	void requestListFormatAppliesToTheUri() {
		RequestOptions ro = RequestOptions.builder(BaseOptions.builder().baseUrl("http://a.com").build())
			.path("/x")
			.queryParameter("t", List.of("a", "b"))
			.listFormat(ListFormat.CSV)
			.build();

		assertThat(ro.uri().getRawQuery()).isEqualTo("t=a,b");
	}

	// ---------------------------------------------------------------- form bodies (dio's goldens)

	@Test
	void formMultiGolden() {
		assertThat(Transformer.urlEncodeMap(dioData(), ListFormat.MULTI)).isEqualTo(
				"a=%E4%BD%A0%E5%A5%BD&b=5&b=6&c%5Bd%5D=8&c%5Be%5D%5Ba%5D=5&c%5Be%5D%5Bb%5D=66&c%5Be%5D%5Bb%5D=8");
	}

	@Test
	void formCsvGolden() {
		assertThat(Transformer.urlEncodeMap(dioData(), ListFormat.CSV))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5%2C6&c%5Bd%5D=8&c%5Be%5D%5Ba%5D=5&c%5Be%5D%5Bb%5D=66%2C8");
	}

	@Test
	void formSsvGolden() {
		assertThat(Transformer.urlEncodeMap(dioData(), ListFormat.SSV))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5+6&c%5Bd%5D=8&c%5Be%5D%5Ba%5D=5&c%5Be%5D%5Bb%5D=66+8");
	}

	@Test
	void formTsvUsesARealTab() {
		assertThat(Transformer.urlEncodeMap(dioData(), ListFormat.TSV))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5%096&c%5Bd%5D=8&c%5Be%5D%5Ba%5D=5&c%5Be%5D%5Bb%5D=66%098");
	}

	@Test
	void formPipesGolden() {
		assertThat(Transformer.urlEncodeMap(dioData(), ListFormat.PIPES))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5%7C6&c%5Bd%5D=8&c%5Be%5D%5Ba%5D=5&c%5Be%5D%5Bb%5D=66%7C8");
	}

	@Test
	void formMultiCompatibleGolden() {
		assertThat(Transformer.urlEncodeMap(dioData(), ListFormat.MULTI_COMPATIBLE))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b%5B%5D=5&b%5B%5D=6&c%5Bd%5D=8&c%5Be%5D%5Ba%5D=5"
					+ "&c%5Be%5D%5Bb%5D%5B%5D=66&c%5Be%5D%5Bb%5D%5B%5D=8");
	}

	@Test
	void formMultiCompatibleWithSingleElementList() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("a", "string");
		data.put("b", "another_string");
		data.put("z", List.of("string"));

		assertThat(Transformer.urlEncodeMap(data, ListFormat.MULTI_COMPATIBLE))
			.isEqualTo("a=string&b=another_string&z%5B%5D=string");
	}

	@Test
	void formListParamFormatsOverrideTheDefaultPerField() {
		Map<String, Object> data = customData();

		// dio's golden has "c%5Be%5D%5Bd%5D%5B%5D=foo&c%5Be%5D%5Bd%5D%5B%5D=bar" (d[]=foo) here: dio's encodeMap
		// picks the bracket style from the request's format, not from the ListParam's. We honour the
		// ListParam's MULTI (repeated keys without brackets); the rest is dio's golden (with a real tab).
		assertThat(Transformer.urlEncodeMap(data, ListFormat.MULTI_COMPATIBLE))
			.isEqualTo("a=%E4%BD%A0%E5%A5%BD&b=5%7C6&c%5Bd%5D=8&c%5Be%5D%5Ba%5D=5&c%5Be%5D%5Bb%5D=foo%2Cbar"
					+ "&c%5Be%5D%5Bc%5D=foo+bar&c%5Be%5D%5Bd%5D=foo&c%5Be%5D%5Bd%5D=bar"
					+ "&c%5Be%5D%5Be%5D=foo%09bar");
	}

	@Test
	void listParamMultiCompatibleInsideAMultiRequestKeepsItsBrackets() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("a", new ListParam(List.of("x", "y"), ListFormat.MULTI_COMPATIBLE));
		data.put("b", List.of("x", "y"));

		assertThat(Transformer.urlEncodeMap(data, ListFormat.MULTI)).isEqualTo("a%5B%5D=x&a%5B%5D=y&b=x&b=y");
		assertThat(Transformer.urlEncodeQueryMap(data, ListFormat.MULTI)).isEqualTo("a[]=x&a[]=y&b=x&b=y");
	}

	@Test
	void formListOfMapsIsIndexed() {
		Map<String, Object> data = Map.of("items", List.of(Map.of("name", "x"), Map.of("name", "y")));

		assertThat(Transformer.urlEncodeMap(data, ListFormat.MULTI))
			.isEqualTo("items%5B0%5D%5Bname%5D=x&items%5B1%5D%5Bname%5D=y");
		assertThat(Transformer.urlEncodeQueryMap(data, ListFormat.MULTI)).isEqualTo("items[0][name]=x&items[1][name]=y");
	}

	@Test
	void formNullValueIsABareKeyAndSpaceIsAPlus() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("k", null);
		data.put("q", "a b");

		assertThat(Transformer.urlEncodeMap(data, ListFormat.MULTI)).isEqualTo("k&q=a+b");
	}

	@Test
	void objectArraysAreListsToo() {
		assertThat(Transformer.urlEncodeMap(Map.of("b", new Object[] { 1, 2 }), ListFormat.CSV)).isEqualTo("b=1%2C2");
	}

	// ---------------------------------------------------------------- JSON content types

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json; charset=utf-8", "text/json",
			"application/problem+json", "APPLICATION/JSON", " application/json " })
	void jsonMimeTypesAreRecognised(String contentType) {
		assertThat(Transformer.isJsonMimeType(contentType)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/jsonx", "", "+json", "application/xml; x=+json" })
	void otherMimeTypesAreNotJson(String contentType) {
		assertThat(Transformer.isJsonMimeType(contentType)).isFalse();
	}

	@Test
	void nullMimeTypeIsNotJson() {
		assertThat(Transformer.isJsonMimeType(null)).isFalse();
	}

}
