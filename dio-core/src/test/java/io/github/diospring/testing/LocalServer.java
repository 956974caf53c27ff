package io.github.diospring.testing;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One WireMock server on 127.0.0.1 (dynamic port) per test class, reset before each test, plus
 * the {@link Dio} clients a test creates, closed after it. Register with
 * {@code @RegisterExtension static final LocalServer server = new LocalServer();}.
 */
public final class LocalServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final WireMockServer wireMock = new WireMockServer(
			WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(20));

	private final List<Dio> clients = new ArrayList<>();

	@Override
	public void beforeAll(ExtensionContext context) {
		this.wireMock.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.wireMock.stop();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.wireMock.resetAll();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.clients.forEach(dio -> dio.close(true));
		this.clients.clear();
	}

	/** @return the WireMock server, for stubs and verifications */
	public WireMockServer wireMock() {
		return this.wireMock;
	}

	/** @return {@code http://127.0.0.1:<port>} */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.wireMock.port();
	}

	/** @return the same server under another origin ({@code localhost} instead of the IP) */
	public String otherOriginBaseUrl() {
		return "http://localhost:" + this.wireMock.port();
	}

	/** @return a client on this server, closed after the test */
	public Dio dio() {
		return dio(BaseOptions.builder().baseUrl(baseUrl()));
	}

	/**
	 * @param options the client's options
	 * @return a client, closed after the test
	 */
	public Dio dio(BaseOptions.Builder options) {
		return track(Dio.create(options.build()));
	}

	/**
	 * @param dio a client to close after the test
	 * @return the client
	 */
	public Dio track(Dio dio) {
		this.clients.add(dio);
		return dio;
	}

}
