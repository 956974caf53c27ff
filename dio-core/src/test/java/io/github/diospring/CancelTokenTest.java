package io.github.diospring;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.diospring.adapter.ResponseBody;
import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.interceptor.InterceptorsWrapper;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CancelTokenTest {

	@RegisterExtension
	static final LocalServer server = new LocalServer();

	@Test
	void oneTokenCancelsManyRequestsWithTheFirstReason() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}").withFixedDelay(10_000)));
		Dio dio = server.dio();
		CancelToken token = new CancelToken();
		List<Throwable> errors = new CopyOnWriteArrayList<>();

		for (String path : List.of("/a", "/b", "/c")) {
			dio.get(path, r -> r.cancelToken(token)).subscribe(ok -> {
			}, errors::add);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> server.wireMock().countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount() == 3);
		token.cancel("user left");
		token.cancel("second reason is ignored");

		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 3);
		assertThat(errors).allSatisfy(e -> {
			assertThat(CancelToken.isCancel(e)).isTrue();
			assertThat(e.getMessage()).contains("user left");
			// dio's error field: the reason, also when it is not a Throwable
			assertThat(((DioException) e).error()).isEqualTo("user left");
		});
		assertThat(token.isCancelled()).isTrue();
		assertThat(token.reason()).isEqualTo("user left");
		assertThat(token.cancelError().type()).isEqualTo(DioExceptionType.CANCEL);
		assertThat(token.cancelError().error()).isEqualTo("user left");
	}

	@Test
	void aCancelledTokenFailsNewRequestsWithoutSendingAnything() {
		server.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{}")));
		Dio dio = server.dio();
		AtomicInteger interceptorCalls = new AtomicInteger();
		dio.interceptors().add(InterceptorsWrapper.builder().onRequest((o, h) -> {
			interceptorCalls.incrementAndGet();
			h.next(o);
		}).build());
		CancelToken token = new CancelToken();
		token.cancel();

		Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> dio.get("/x", r -> r.cancelToken(token)).block());

		assertThat(CancelToken.isCancel(error)).isTrue();
		assertThat(interceptorCalls).hasValue(0);
		assertThat(server.wireMock().getAllServeEvents()).isEmpty();
	}

	@Test
	void cancellingReleasesTheConnectionForTheNextRequest() {
		server.wireMock().stubFor(get("/stuck").willReturn(okJson("{}").withFixedDelay(20_000)));
		server.wireMock().stubFor(get("/quick").willReturn(okJson("{\"ok\":true}")));
		ConnectionProvider onlyOne = ConnectionProvider.builder("one").maxConnections(1).pendingAcquireMaxCount(10).build();
		try {
			Dio dio = server.track(Dio.builder().options(BaseOptions.builder().baseUrl(server.baseUrl()).build())
				.adapter(WebClientAdapter.create(HttpClient.create(onlyOne))).build());
			CancelToken token = new CancelToken();
			List<Throwable> errors = new CopyOnWriteArrayList<>();
			dio.get("/stuck", r -> r.cancelToken(token)).subscribe(ok -> {
			}, errors::add);
			await().atMost(Duration.ofSeconds(10)).until(() -> !server.wireMock().getAllServeEvents().isEmpty());

			token.cancel("enough");

			await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);
			assertThat(dio.get("/quick").block(Duration.ofSeconds(10)).data()).isNotNull();
		}
		finally {
			onlyOne.dispose();
		}
	}

	@Test
	void cancellationInterruptsARequestWaitingInAnInterceptor() {
		Dio dio = server.dio();
		dio.interceptors().add(InterceptorsWrapper.builder().onRequest((options, handler) -> {
			// never completes: waits for something that does not come
		}).build());
		CancelToken token = new CancelToken();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		dio.get("/never", r -> r.cancelToken(token)).subscribe(ok -> {
		}, errors::add);

		token.cancel("stop waiting");

		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);
		assertThat(CancelToken.isCancel(errors.get(0))).isTrue();
	}

	@Test
	void cancellingAStreamedBodyErrorsTheStream() {
		server.wireMock().stubFor(get("/big").willReturn(aResponse().withBody("x".repeat(10_000))
			.withChunkedDribbleDelay(10, 20_000)));
		Dio dio = server.dio();
		CancelToken token = new CancelToken();

		Response<ResponseBody> response = dio.get("/big", ResponseBody.class, r -> r.cancelToken(token))
			.block(Duration.ofSeconds(20));
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		response.data().stream().subscribe(buffer -> DataBufferUtils.release(buffer), errors::add);
		token.cancel("closed tab");

		await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 1);
		assertThat(CancelToken.isCancel(errors.get(0))).isTrue();
		assertThat(errors.get(0).getMessage()).contains("closed tab");
	}

}
