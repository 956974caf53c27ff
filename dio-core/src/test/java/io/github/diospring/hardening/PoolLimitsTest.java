package io.github.diospring.hardening;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.adapter.PoolSettings;
import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.testing.CrowdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The default pool carries a production load, and an exhausted pool is a clear
 * {@link DioExceptionType#CONNECTION_ERROR}, not an UNKNOWN "Pending acquire queue has reached its
 * maximum size".
 */
class PoolLimitsTest {

	private static CrowdServer server;

	@BeforeAll
	static void startServer() {
		server = CrowdServer.start(64);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void dioCreateCarries2000RequestsAt256InFlightWithoutErrors() {
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		try (Dio dio = Dio.create(BaseOptions.builder().baseUrl("http://127.0.0.1:" + server.port()).build())) {
			Long answered = Flux.range(0, 2000)
				.flatMap(i -> dio.get("/load", String.class).onErrorResume(e -> {
					errors.add(e);
					return Mono.empty();
				}), 256)
				.filter(response -> "ok".equals(response.data()))
				.count()
				// generous: with paranoid leak detection a busy 2-core machine serves ~100 requests/s
				.block(Duration.ofMinutes(5));

			assertThat(errors).isEmpty();
			assertThat(answered).isEqualTo(2000);
			assertThat(server.peakInFlight()).as("concurrent requests the server saw").isGreaterThanOrEqualTo(64);
		}
	}

	@Test
	void aFullWaitingQueueIsAConnectionErrorNamingTheLimitAndTheProperty() throws IOException {
		PoolSettings tiny = PoolSettings.builder().maxConnections(1).pendingAcquireMaxCount(1).build();
		try (RawServer silent = RawServer.start((socket, n) -> socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream()));
				Dio dio = Dio.builder().adapter(WebClientAdapter.create(tiny)).build()) {
			dio.get(silent.url("/busy")).subscribe(r -> { }, e -> { });
			dio.get(silent.url("/waiting")).subscribe(r -> { }, e -> { });
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> silent.connections() == 1);

			DioException e = catchThrowableOfType(DioException.class,
					() -> dio.get(silent.url("/third")).block(Duration.ofSeconds(20)));

			assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR);
			assertThat(e.getMessage()).contains("maximum size of 1").contains("pending-acquire-max-count")
				.contains("dio.pool.").contains("PoolSettings");
		}
	}

	@Test
	void waitingLongerThanThePoolAllowsIsAConnectionErrorNamingTheTimeout() throws IOException {
		PoolSettings tiny = PoolSettings.builder().maxConnections(1).pendingAcquireTimeout(Duration.ofMillis(200)).build();
		try (RawServer silent = RawServer.start((socket, n) -> socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream()));
				Dio dio = Dio.builder().adapter(WebClientAdapter.create(tiny)).build()) {
			dio.get(silent.url("/busy")).subscribe(r -> { }, e -> { });
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> silent.connections() == 1);

			DioException e = catchThrowableOfType(DioException.class,
					() -> dio.get(silent.url("/second")).block(Duration.ofSeconds(20)));

			assertThat(e.type()).isEqualTo(DioExceptionType.CONNECTION_ERROR);
			assertThat(e.getMessage()).contains("200ms").contains("pending-acquire-timeout");
		}
	}

	@Test
	void defaultPoolIsSizedLikeSpringBootsConnector() {
		PoolSettings defaults = PoolSettings.defaults();

		assertThat(defaults.maxConnections()).isEqualTo(500);
		assertThat(defaults.pendingAcquireMaxCount()).isEqualTo(1000);
		assertThat(defaults.pendingAcquireTimeout()).isEqualTo(Duration.ofSeconds(45));
		assertThat(defaults.maxIdleTime()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void invalidPoolSettingsNameTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> PoolSettings.builder().maxConnections(0).build())
			.withMessageStartingWith("maxConnections: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> PoolSettings.builder().pendingAcquireMaxCount(0).build())
			.withMessageStartingWith("pendingAcquireMaxCount: 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolSettings.builder().maxIdleTime(Duration.ofSeconds(-1)).build())
			.withMessageStartingWith("maxIdleTime: ");
	}

}
