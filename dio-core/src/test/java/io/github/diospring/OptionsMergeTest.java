package io.github.diospring;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class OptionsMergeTest {

	private static final ValidateStatus SAMPLE_VALIDATE_STATUS = status -> status == 299;

	private static final RequestEncoder SAMPLE_REQUEST_ENCODER = (body, options) -> new byte[] { 1 };

	private static final ResponseDecoder SAMPLE_RESPONSE_DECODER = (body, options, status) -> "decoded";

	private static final Set<String> PER_CALL_COMPONENTS = Set.of("path", "pathVariables", "data", "cancelToken",
			"onSendProgress", "onReceiveProgress");

	/** A non-default value per component name; a name missing here fails the reflection tests. */
	private static Object sample(String name) {
		BaseOptions defaults = BaseOptions.defaults();
		return switch (name) {
			case "method" -> "PUT";
			case "baseUrl" -> "https://example.com/api";
			case "queryParameters" -> Map.of("q", "1");
			case "connectTimeout", "sendTimeout", "receiveTimeout", "callTimeout" -> Duration.ofMillis(1234);
			case "maxInMemorySize" -> 4096L;
			case "extra" -> Map.of("k", "v");
			case "headers" -> Headers.of("X-Sample", "1");
			case "preserveHeaderCase" -> !defaults.preserveHeaderCase();
			case "receiveDataWhenStatusError" -> !defaults.receiveDataWhenStatusError();
			case "followRedirects" -> !defaults.followRedirects();
			case "persistentConnection" -> !defaults.persistentConnection();
			case "forceJsonDecode" -> !defaults.forceJsonDecode();
			case "responseType" -> ResponseType.PLAIN;
			case "listFormat" -> ListFormat.PIPES;
			case "maxRedirects" -> 9;
			case "contentType" -> "text/csv";
			case "validateStatus" -> SAMPLE_VALIDATE_STATUS;
			case "requestEncoder" -> SAMPLE_REQUEST_ENCODER;
			case "responseDecoder" -> SAMPLE_RESPONSE_DECODER;
			default -> null;
		};
	}

	private static boolean isKnown(String name) {
		return sample(name) != null;
	}

	/** Checks that the resolved request carries the sample for this component name. */
	private static void assertCarried(RequestOptions ro, String name) {
		Object expected = sample(name);
		switch (name) {
			case "headers" -> assertThat(ro.headers().value("x-sample")).as(name).isEqualTo("1");
			case "extra" -> assertThat(ro.extra()).as(name).containsEntry("k", "v");
			case "queryParameters" -> assertThat(ro.queryParameters()).as(name).containsEntry("q", "1");
			case "contentType" -> assertThat(ro.contentType()).as(name).isEqualTo(expected);
			case "validateStatus", "requestEncoder", "responseDecoder" ->
				assertThat(invoke(ro, name)).as(name).isSameAs(expected);
			default -> assertThat(invoke(ro, name)).as(name).isEqualTo(expected);
		}
	}

	private static Object invoke(Object target, String accessor) {
		try {
			return target.getClass().getMethod(accessor).invoke(target);
		}
		catch (ReflectiveOperationException ex) {
			throw new AssertionError("no accessor " + accessor + "() on " + target.getClass().getSimpleName(), ex);
		}
	}

	private static <T extends Record> T construct(Class<T> type, Object[] args) {
		Class<?>[] types = Arrays.stream(type.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		try {
			Constructor<T> ctor = type.getDeclaredConstructor(types);
			return ctor.newInstance(args);
		}
		catch (InvocationTargetException ex) {
			throw new AssertionError("constructing " + type.getSimpleName() + " failed", ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new AssertionError(ex);
		}
	}

	private static Set<String> componentNames(Class<? extends Record> type) {
		return Arrays.stream(type.getRecordComponents())
			.map(RecordComponent::getName)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static void failIfUnmapped(Class<? extends Record> type) {
		for (RecordComponent c : type.getRecordComponents()) {
			if (!isKnown(c.getName())) {
				fail("unmapped " + type.getSimpleName() + " component " + c.getName()
						+ ": add it to the merge rule and to this test");
			}
		}
	}

	// ---------------------------------------------------------------- reflection: nothing forgotten

	@Test
	void everyOptionsComponentIsMergedIntoTheRequest() {
		failIfUnmapped(Options.class);
		RecordComponent[] components = Options.class.getRecordComponents();
		for (int i = 0; i < components.length; i++) {
			String name = components[i].getName();
			Object[] args = new Object[components.length];
			for (int j = 0; j < components.length; j++) {
				String other = components[j].getName();
				args[j] = switch (other) {
					case "extra" -> Map.of();
					case "headers" -> Headers.empty();
					default -> null;
				};
			}
			args[i] = sample(name);
			Options options = construct(Options.class, args);

			RequestOptions unchanged = RequestOptions.builder(BaseOptions.defaults()).build();
			RequestOptions merged = RequestOptions.builder(BaseOptions.defaults()).options(options).build();

			assertCarried(merged, name);
			assertThat(merged).as("Options with only %s set must change the request", name).isNotEqualTo(unchanged);
		}
	}

	@Test
	void everyBaseOptionsComponentFlowsIntoTheRequest() {
		failIfUnmapped(BaseOptions.class);
		BaseOptions defaults = BaseOptions.defaults();
		RecordComponent[] components = BaseOptions.class.getRecordComponents();
		for (int i = 0; i < components.length; i++) {
			String name = components[i].getName();
			Object[] args = new Object[components.length];
			for (int j = 0; j < components.length; j++) {
				args[j] = invoke(defaults, components[j].getName());
			}
			assertThat(args[i]).as("sample for %s must differ from the default", name).isNotEqualTo(sample(name));
			args[i] = sample(name);
			BaseOptions base = construct(BaseOptions.class, args);

			RequestOptions ro = RequestOptions.builder(base).build();

			assertCarried(ro, name);
		}
	}

	@Test
	void everyRequestOptionsComponentExceptPerCallOnesIsAClientDefault() {
		Set<String> request = componentNames(RequestOptions.class);
		request.removeAll(PER_CALL_COMPONENTS);

		assertThat(request).as("RequestOptions components that are not per-call must all exist on BaseOptions "
				+ "(and vice versa)").isEqualTo(componentNames(BaseOptions.class));
	}

	@Test
	void optionsOverrideEveryClientDefaultExceptUrlAndQueryAndAddContentType() {
		Set<String> expected = componentNames(BaseOptions.class);
		expected.removeAll(Set.of("baseUrl", "queryParameters"));
		expected.add("contentType");

		assertThat(componentNames(Options.class)).isEqualTo(expected);
	}

	@Test
	void toBuilderKeepsEveryComponentOfEachOptionType() {
		failIfUnmapped(BaseOptions.class);
		failIfUnmapped(Options.class);
		BaseOptions base = construct(BaseOptions.class, Arrays.stream(BaseOptions.class.getRecordComponents())
			.map(c -> sample(c.getName()))
			.toArray());
		Options options = construct(Options.class, Arrays.stream(Options.class.getRecordComponents())
			.map(c -> sample(c.getName()))
			.toArray());
		Map<String, Object> perCall = Map.of("path", "/p/{id}", "pathVariables", Map.of("id", "1"), "data", "body",
				"cancelToken", new CancelToken(), "onSendProgress", (ProgressCallback) (c, t) -> {
				}, "onReceiveProgress", (ProgressCallback) (c, t) -> {
				});
		RequestOptions request = construct(RequestOptions.class,
				Arrays.stream(RequestOptions.class.getRecordComponents())
					.map(c -> perCall.containsKey(c.getName()) ? perCall.get(c.getName()) : sample(c.getName()))
					.toArray());

		assertThat(base.toBuilder().build()).isEqualTo(base);
		assertThat(options.toBuilder().build()).isEqualTo(options);
		assertThat(request.toBuilder().build()).isEqualTo(request);
		assertThat(request.copyWith(b -> {
		})).isEqualTo(request);
	}

	// ---------------------------------------------------------------- merge rules

	@Test
	void queryCallParametersWinOverBaseOnes() {
		BaseOptions base = BaseOptions.builder().queryParameter("a", "1").queryParameter("b", "2").build();

		RequestOptions ro = RequestOptions.builder(base).queryParameter("b", "3").queryParameter("c", "4").build();

		assertThat(ro.queryParameters()).containsExactly(Map.entry("a", "1"), Map.entry("b", "3"),
				Map.entry("c", "4"));
		assertThat(base.queryParameters()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
	}

	@Test
	void optionsHeadersReplaceBaseHeadersCaseInsensitively() {
		BaseOptions base = BaseOptions.builder().header("X-Token", "a").header("X-Keep", "k").build();
		Options options = Options.builder().header("x-token", "b").header("X-New", "n").build();

		RequestOptions ro = RequestOptions.builder(base).options(options).build();

		assertThat(ro.headers().get("X-TOKEN")).containsExactly("b");
		assertThat(ro.headers().value("x-keep")).isEqualTo("k");
		assertThat(ro.headers().value("x-new")).isEqualTo("n");
		assertThat(ro.headers().names()).containsExactly("X-Token", "X-Keep", "X-New");
	}

	@Test
	void optionsContentTypeOverridesTheContentTypeHeaderOfBothMaps() {
		BaseOptions base = BaseOptions.builder().contentType("application/json").build();
		Options viaHeader = Options.builder().header("Content-Type", "text/xml").build();
		Options viaField = Options.builder().contentType("text/csv").build();

		assertThat(RequestOptions.builder(base).build().contentType()).isEqualTo("application/json");
		assertThat(RequestOptions.builder(base).options(viaHeader).build().contentType()).isEqualTo("text/xml");
		RequestOptions ro = RequestOptions.builder(base).options(viaField).build();
		assertThat(ro.contentType()).isEqualTo("text/csv");
		assertThat(ro.headers().get("content-type")).containsExactly("text/csv");
	}

	@Test
	void copyingClientOptionsWithAnotherContentTypeReplacesIt() {
		BaseOptions json = BaseOptions.builder().contentType("application/json").build();

		BaseOptions html = json.toBuilder().contentType("text/html").build();

		assertThat(html.contentType()).isEqualTo("text/html");
		assertThat(html.headers().get("content-type")).containsExactly("text/html");
		assertThat(BaseOptions.builder().contentType("text/plain").header("Content-Type", "text/xml").build().contentType())
			.isEqualTo("text/plain");
	}

	@Test
	void contentTypeWinsOverAContentTypeHeaderInTheSameOptionsWhateverTheOrder() {
		Options fieldFirst = Options.builder().contentType("text/plain").header("content-type", "text/xml").build();
		Options headerFirst = Options.builder().header("Content-Type", "text/xml").contentType("text/plain").build();

		for (Options options : List.of(fieldFirst, headerFirst)) {
			assertThat(options.contentType()).isEqualTo("text/plain");
			assertThat(RequestOptions.builder(BaseOptions.defaults()).options(options).build().contentType())
				.isEqualTo("text/plain");
		}
		assertThat(fieldFirst.toBuilder().contentType("text/csv").build().contentType()).isEqualTo("text/csv");
		RequestOptions request = RequestOptions.builder(BaseOptions.defaults()).contentType("text/plain")
			.header("content-type", "text/xml").build();
		assertThat(request.contentType()).isEqualTo("text/plain");
		assertThat(request.copyWith(b -> b.contentType("text/csv")).contentType()).isEqualTo("text/csv");
	}

	@Test
	void optionsContentTypeWinsOverAContentTypeHeaderOfOtherCase() {
		BaseOptions base = BaseOptions.builder().header("CONTENT-TYPE", "application/json").build();
		Options options = Options.builder().header("X-A", "1").contentType("text/csv").build();

		RequestOptions ro = RequestOptions.builder(base).options(options).build();

		assertThat(ro.headers().get("Content-Type")).containsExactly("text/csv");
		assertThat(ro.headers().size()).isEqualTo(2);
	}

	@Test
	void extraIsBaseThenOptionsReplacingByKey() {
		BaseOptions base = BaseOptions.builder().extra("x", 1).extra("y", 2).build();
		Options options = Options.builder().extra("y", 3).extra("z", 4).build();

		RequestOptions ro = RequestOptions.builder(base).options(options).build();

		assertThat(ro.extra()).containsExactly(Map.entry("x", 1), Map.entry("y", 3), Map.entry("z", 4));
	}

	@Test
	void methodIsUpperCasedWhereverItIsSet() {
		assertThat(BaseOptions.builder().method("post").build().method()).isEqualTo("POST");
		assertThat(Options.builder().method("patch").build().method()).isEqualTo("PATCH");
		assertThat(RequestOptions.builder(BaseOptions.defaults())
			.options(Options.builder().method("patch").build())
			.build()
			.method()).isEqualTo("PATCH");
		assertThat(RequestOptions.builder(BaseOptions.defaults()).method("delete").build().method())
			.isEqualTo("DELETE");
	}

	@Test
	void unsetOptionsKeepTheClientValues() {
		BaseOptions base = BaseOptions.builder()
			.method("POST")
			.receiveTimeout(Duration.ofSeconds(3))
			.responseType(ResponseType.BYTES)
			.maxRedirects(2)
			.followRedirects(false)
			.build();

		RequestOptions ro = RequestOptions.builder(base).options(Options.NONE).build();

		assertThat(ro.method()).isEqualTo("POST");
		assertThat(ro.receiveTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(ro.responseType()).isEqualTo(ResponseType.BYTES);
		assertThat(ro.maxRedirects()).isEqualTo(2);
		assertThat(ro.followRedirects()).isFalse();
		assertThat(ro).isEqualTo(RequestOptions.builder(base).build());
	}

	@Test
	void zeroDurationInOptionsOverridesABaseTimeoutToNone() {
		BaseOptions base = BaseOptions.builder()
			.connectTimeout(Duration.ofSeconds(1))
			.sendTimeout(Duration.ofSeconds(2))
			.receiveTimeout(Duration.ofSeconds(3))
			.build();
		Options options = Options.builder()
			.connectTimeout(Duration.ZERO)
			.sendTimeout(Duration.ZERO)
			.receiveTimeout(Duration.ZERO)
			.build();

		RequestOptions ro = RequestOptions.builder(base).options(options).build();

		assertThat(options.connectTimeout()).isEqualTo(Duration.ZERO);
		assertThat(ro.connectTimeout()).isNull();
		assertThat(ro.sendTimeout()).isNull();
		assertThat(ro.receiveTimeout()).isNull();
	}

	@Test
	void zeroDurationOnClientOrRequestMeansNoTimeout() {
		BaseOptions base = BaseOptions.builder().connectTimeout(Duration.ZERO).build();

		assertThat(base.connectTimeout()).isNull();
		assertThat(RequestOptions.builder(BaseOptions.builder().receiveTimeout(Duration.ofSeconds(1)).build())
			.receiveTimeout(Duration.ZERO)
			.build()
			.receiveTimeout()).isNull();
	}

	@Test
	void defaultsAreDiosExceptTheLimitsAProductionServiceNeeds() {
		BaseOptions d = BaseOptions.defaults();

		assertThat(d.method()).isEqualTo("GET");
		assertThat(d.baseUrl()).isEmpty();
		assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(d.sendTimeout()).isNull();
		assertThat(d.receiveTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(d.callTimeout()).isNull();
		assertThat(d.maxInMemorySize()).isEqualTo(10L * 1024 * 1024);
		assertThat(d.responseType()).isEqualTo(ResponseType.JSON);
		assertThat(d.validateStatus().validate(200)).isTrue();
		assertThat(d.validateStatus().validate(299)).isTrue();
		assertThat(d.validateStatus().validate(300)).isFalse();
		assertThat(d.validateStatus().validate(199)).isFalse();
		assertThat(d.receiveDataWhenStatusError()).isTrue();
		assertThat(d.followRedirects()).isTrue();
		assertThat(d.maxRedirects()).isEqualTo(5);
		assertThat(d.persistentConnection()).isTrue();
		assertThat(d.listFormat()).isEqualTo(ListFormat.MULTI);
		assertThat(d.preserveHeaderCase()).isFalse();
		assertThat(d.forceJsonDecode()).isFalse();
		assertThat(d.headers().isEmpty()).isTrue();
	}

	// ---------------------------------------------------------------- validation at build time

	@ParameterizedTest
	@ValueSource(strings = { "pub.dev", "https://", "ftp://x.com", "http://exa mple.com" })
	void invalidBaseUrlIsRejectedNamingBaseUrl(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> BaseOptions.builder().baseUrl(url).build())
			.withMessageStartingWith("baseUrl");
		assertThatIllegalArgumentException().isThrownBy(() -> BaseOptions.defaults().withBaseUrl(url))
			.withMessageStartingWith("baseUrl");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestOptions.builder(BaseOptions.defaults()).baseUrl(url).build())
			.withMessageStartingWith("baseUrl");
	}

	@Test
	void validBaseUrlsAreAccepted() {
		assertThat(BaseOptions.builder().baseUrl("https://example.com/api").build().baseUrl())
			.isEqualTo("https://example.com/api");
		assertThat(BaseOptions.builder().baseUrl("HTTP://localhost:8080").build().baseUrl())
			.isEqualTo("HTTP://localhost:8080");
		assertThat(BaseOptions.builder().baseUrl("").build().baseUrl()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GE T", "GET\n", "", "GET/", "G:ET" })
	void invalidMethodIsRejectedNamingMethod(String method) {
		assertThatIllegalArgumentException().isThrownBy(() -> BaseOptions.builder().method(method).build())
			.withMessageStartingWith("method");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.builder().method(method).build())
			.withMessageStartingWith("method");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestOptions.builder(BaseOptions.defaults()).method(method).build())
			.withMessageStartingWith("method");
	}

	@Test
	void nullMethodIsRejectedOnClientAndRequestButMeansUnsetOnOptions() {
		assertThatIllegalArgumentException().isThrownBy(() -> BaseOptions.builder().method(null).build())
			.withMessageStartingWith("method");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestOptions.builder(BaseOptions.defaults()).method(null).build())
			.withMessageStartingWith("method");
		assertThat(Options.builder().method(null).build().method()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "connectTimeout", "sendTimeout", "receiveTimeout" })
	void negativeTimeoutIsRejectedNamingTheField(String field) {
		Duration negative = Duration.ofMillis(-1);
		Map<String, Function<BaseOptions.Builder, BaseOptions.Builder>> base = Map.of("connectTimeout",
				b -> b.connectTimeout(negative), "sendTimeout", b -> b.sendTimeout(negative), "receiveTimeout",
				b -> b.receiveTimeout(negative));
		Map<String, Function<Options.Builder, Options.Builder>> options = Map.of("connectTimeout",
				b -> b.connectTimeout(negative), "sendTimeout", b -> b.sendTimeout(negative), "receiveTimeout",
				b -> b.receiveTimeout(negative));
		Map<String, Function<RequestOptions.Builder, RequestOptions.Builder>> request = Map.of("connectTimeout",
				b -> b.connectTimeout(negative), "sendTimeout", b -> b.sendTimeout(negative), "receiveTimeout",
				b -> b.receiveTimeout(negative));

		assertThatIllegalArgumentException().isThrownBy(() -> base.get(field).apply(BaseOptions.builder()).build())
			.withMessageStartingWith(field);
		assertThatIllegalArgumentException().isThrownBy(() -> options.get(field).apply(Options.builder()).build())
			.withMessageStartingWith(field);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> request.get(field).apply(RequestOptions.builder(BaseOptions.defaults())).build())
			.withMessageStartingWith(field);
	}

	@Test
	void negativeMaxRedirectsIsRejectedNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> BaseOptions.builder().maxRedirects(-1).build())
			.withMessageStartingWith("maxRedirects");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.builder().maxRedirects(-1).build())
			.withMessageStartingWith("maxRedirects");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestOptions.builder(BaseOptions.defaults()).maxRedirects(-1).build())
			.withMessageStartingWith("maxRedirects");
		assertThat(BaseOptions.builder().maxRedirects(0).build().maxRedirects()).isZero();
	}

	@Test
	void contentTypeAndAnEqualHeaderDoNotConflict() {
		BaseOptions base = BaseOptions.builder().contentType("text/plain").header("content-type", "TEXT/PLAIN").build();

		assertThat(base.contentType()).isEqualTo("text/plain");
	}

	@Test
	void requestContentTypeReplacesAContentTypeComingFromTheClient() {
		BaseOptions base = BaseOptions.builder().contentType("application/json").build();

		RequestOptions ro = RequestOptions.builder(base).contentType("text/plain").build();

		assertThat(ro.contentType()).isEqualTo("text/plain");
	}

	@Test
	void headerValueWithLineBreakIsRejectedNamingHeaders() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BaseOptions.builder().header("X-A", "a\r\nX-Injected: 1").build())
			.withMessageStartingWith("headers");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.builder().header("X-A", "a\r\nX-Injected: 1").build())
			.withMessageStartingWith("headers");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestOptions.builder(BaseOptions.defaults()).header("X-A", "a\nb").build())
			.withMessageStartingWith("headers");
	}

	@Test
	void invalidHeaderNameIsRejectedNamingHeaders() {
		assertThatIllegalArgumentException().isThrownBy(() -> BaseOptions.builder().header("a b", "1").build())
			.withMessageStartingWith("headers");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.builder().header("a:b", "1").build())
			.withMessageStartingWith("headers");
	}

	// ---------------------------------------------------------------- immutable copies

	@Test
	void copyWithWithHeaderAndWithPathReturnChangedCopiesAndLeaveTheOriginal() {
		RequestOptions original = RequestOptions.builder(BaseOptions.builder().baseUrl("https://a.com").build())
			.path("/one")
			.header("X-A", "1")
			.build();

		RequestOptions posted = original.copyWith(b -> b.method("post").queryParameter("q", "x"));
		RequestOptions headed = original.withHeader("x-a", "2");
		RequestOptions removed = original.withHeader("X-A", null);
		RequestOptions moved = original.withPath("/two");
		RequestOptions withBody = original.withData(List.of(1));

		assertThat(posted.method()).isEqualTo("POST");
		assertThat(posted.queryParameters()).containsEntry("q", "x");
		assertThat(headed.headers().value("X-A")).isEqualTo("2");
		assertThat(removed.headers().contains("X-A")).isFalse();
		assertThat(moved.path()).isEqualTo("/two");
		assertThat(moved.uri().toString()).isEqualTo("https://a.com/two");
		assertThat(withBody.data()).isEqualTo(List.of(1));

		assertThat(original.method()).isEqualTo("GET");
		assertThat(original.queryParameters()).isEmpty();
		assertThat(original.headers().value("X-A")).isEqualTo("1");
		assertThat(original.path()).isEqualTo("/one");
		assertThat(original.data()).isNull();
		assertThat(original.uri().toString()).isEqualTo("https://a.com/one");
	}

	@Test
	void baseOptionsCopiesLeaveTheOriginal() {
		BaseOptions original = BaseOptions.builder().baseUrl("https://a.com").header("X-A", "1").build();

		BaseOptions moved = original.withBaseUrl("https://b.com");
		BaseOptions changed = original.toBuilder().header("X-A", "2").queryParameter("q", 1).build();

		assertThat(moved.baseUrl()).isEqualTo("https://b.com");
		assertThat(changed.headers().value("x-a")).isEqualTo("2");
		assertThat(original.baseUrl()).isEqualTo("https://a.com");
		assertThat(original.headers().value("x-a")).isEqualTo("1");
		assertThat(original.queryParameters()).isEmpty();
	}

	@Test
	void mapsHandedToBuildersAreCopied() {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("a", "1");
		BaseOptions base = BaseOptions.builder().queryParameters(query).build();
		RequestOptions ro = RequestOptions.builder(base).extra("k", "v").build();

		query.put("b", "2");

		assertThat(base.queryParameters()).containsOnlyKeys("a");
		assertThatThrownBy(() -> ro.extra().put("x", "y"))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> base.queryParameters().put("x", "y"))
			.isInstanceOf(UnsupportedOperationException.class);
	}

}
