package io.github.diospring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.testing.LocalServer;
import io.github.diospring.transformer.DefaultTransformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** dio's {@code clone()} and turning content-type implication off, over real HTTP. */
class DioCloneTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	private final List<String> seen = new CopyOnWriteArrayList<>();

	private Interceptor recorder(String name) {
		return InterceptorsWrapper.builder().onRequest((o, h) -> {
			this.seen.add(name + " " + o.path());
			h.next(o);
		}).build();
	}

	private Dio original() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")));
		Dio dio = server.dio(BaseOptions.builder().baseUrl(server.baseUrl()).header("X-Client", "original"));
		dio.interceptors().add(recorder("A"));
		return dio;
	}

	@Test
	void aCloneSharesOptionsInterceptorsAdapterAndTransformerButNotTheList() {
		Dio dio = original();

		Dio clone = server.track(dio.clone());
		clone.interceptors().add(recorder("B"));
		clone.get("/from-clone").block();
		dio.get("/from-original").block();

		assertThat(clone.options()).isSameAs(dio.options());
		assertThat(clone.httpClientAdapter()).isSameAs(dio.httpClientAdapter());
		assertThat(clone.transformer()).isSameAs(dio.transformer());
		assertThat(clone.interceptors().get(0)).isSameAs(dio.interceptors().get(0));
		assertThat(dio.interceptors().size()).isEqualTo(1);
		assertThat(this.seen).containsExactly("A /from-clone", "B /from-clone", "A /from-original");
		server.wireMock().verify(getRequestedFor(urlEqualTo("/from-clone")).withHeader("X-Client", equalTo("original")));
	}

	@Test
	void replacedPartsAreTheClonesOwnAndTheRestIsShared() {
		Dio dio = original();
		DefaultTransformer transformer = new DefaultTransformer();

		Dio clone = server.track(dio.clone(c -> c.interceptors(List.of())
			.options(dio.options().toBuilder().header("X-Client", "refresh").build())
			.transformer(transformer)));
		clone.get("/refresh").block();

		assertThat(this.seen).isEmpty();
		assertThat(clone.transformer()).isSameAs(transformer);
		assertThat(clone.httpClientAdapter()).isSameAs(dio.httpClientAdapter());
		assertThat(dio.options().headers().value("X-Client")).isEqualTo("original");
		server.wireMock().verify(getRequestedFor(urlEqualTo("/refresh")).withHeader("X-Client", equalTo("refresh")));
	}

	@Test
	void closingACloneLeavesTheSharedAdapterOpenButClosesItsOwn() {
		Dio dio = original();
		Dio shared = dio.clone();
		WebClientAdapter own = WebClientAdapter.create();
		Dio owning = dio.clone(c -> c.httpClientAdapter(own));

		shared.close();
		owning.close();

		assertThat(catchThrowableOfType(DioException.class, () -> shared.get("/x").block()).type())
			.isEqualTo(DioExceptionType.CONNECTION_ERROR);
		assertThat(dio.get("/still-open").block().data()).isEqualTo(Map.of("ok", true));
		assertThat(owning.httpClientAdapter()).isSameAs(own);
	}

	@Test
	void jsonIsImpliedUntilTheImplicationIsRemoved() {
		Dio dio = original();
		Dio clone = dio.clone();

		dio.post("/implied", "{\"a\":1}").block();
		dio.interceptors().removeImplyContentTypeInterceptor();
		dio.post("/plain", "{\"a\":1}").block();
		clone.post("/clone-still-implies", "{\"a\":1}").block();

		server.wireMock().verify(postRequestedFor(urlEqualTo("/implied")).withHeader("Content-Type", equalTo("application/json")));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/plain")).withHeader("Content-Type", absent()));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/clone-still-implies"))
			.withHeader("Content-Type", equalTo("application/json")));
		assertThat(dio.interceptors().impliesContentType()).isFalse();
		assertThat(dio.clone().interceptors().impliesContentType()).isFalse();
	}

	@Test
	void aClientCanBeBuiltWithoutTheImplication() {
		server.wireMock().stubFor(any(anyUrl()).willReturn(okJson("{}")));
		Dio dio = server.track(Dio.builder().options(BaseOptions.builder().baseUrl(server.baseUrl()).build())
			.implyContentType(false).build());

		dio.post("/built", "{\"a\":1}").block();

		server.wireMock().verify(postRequestedFor(urlEqualTo("/built")).withHeader("Content-Type", absent()));
		assertThat(server.track(Dio.create()).interceptors().impliesContentType()).isTrue();
	}

	@Test
	void clearKeepsTheImplicationUnlessToldNotTo() {
		Dio dio = original();

		dio.interceptors().clear();
		dio.post("/kept", Map.of("a", 1)).block();
		dio.interceptors().clear(false);
		dio.post("/gone", Map.of("a", 1)).block();

		server.wireMock().verify(postRequestedFor(urlEqualTo("/kept")).withHeader("Content-Type", equalTo("application/json")));
		server.wireMock().verify(postRequestedFor(urlEqualTo("/gone")).withHeader("Content-Type", absent()));
		assertThat(this.seen).isEmpty();
	}

}
