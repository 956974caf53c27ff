package io.github.diospring.hardening;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.adapter.CertificatePinner;
import io.github.diospring.adapter.WebClientAdapter;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * CVE-2016-2402 against our pins: a TLS server presents its own leaf, signed by a CA the client
 * trusts, with the pinned certificate appended to the chain it sends. Pins must be checked against
 * the chain that validation built, so the handshake fails and no request reaches the server.
 */
class CertificatePinningAttackTest {

	@TempDir
	static Path dir;

	static TestPki.Entry ca;

	static TestPki.Entry attacker;

	static TestPki.Entry pinned;

	static HttpsServer server;

	static ExecutorService executor;

	static final AtomicInteger requests = new AtomicInteger();

	@BeforeAll
	static void startServer() throws Exception {
		TestPki pki = new TestPki(dir);
		ca = pki.selfSigned("ca", "CN=Trusted Test CA", true);
		attacker = pki.signedBy(ca, "attacker", "CN=attacker");
		pinned = pki.selfSigned("pinned", "CN=the pinned service", false);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(new KeyManager[] { new FixedChain(attacker.key(), attacker.certificate(), pinned.certificate()) },
				null, null);
		server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(context));
		executor = Executors.newFixedThreadPool(2);
		server.setExecutor(executor);
		server.createContext("/", exchange -> {
			requests.incrementAndGet();
			byte[] body = "{\"reached\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
		executor.shutdownNow();
	}

	@BeforeEach
	void resetCount() {
		requests.set(0);
	}

	@Test
	void anAppendedCopyOfThePinnedCertificateDoesNotPassThePin() throws Exception {
		try (Dio dio = client(CertificatePinner.pin(pinned.certificate()))) {
			DioException e = catchThrowableOfType(DioException.class,
					() -> dio.get(url(), r -> r.header("Authorization", "Bearer secret")).block(Duration.ofSeconds(30)));

			assertThat(e.type()).isEqualTo(DioExceptionType.BAD_CERTIFICATE);
			assertThat(e.getCause()).hasStackTraceContaining("Certificate pinning failure");
			assertThat(requests).hasValue(0);
		}
	}

	@Test
	void theVerifiedChainsLeafAndTrustedRootPass() throws Exception {
		for (TestPki.Entry pin : List.of(attacker, ca)) {
			try (Dio dio = client(CertificatePinner.pin(pin.certificate()))) {
				assertThat(dio.get(url()).block(Duration.ofSeconds(30)).data()).isEqualTo(Map.of("reached", true));
			}
		}
		assertThat(requests).hasValue(2);
	}

	private static String url() {
		return "https://127.0.0.1:" + server.getAddress().getPort() + "/account";
	}

	private static Dio client(String pin) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("ca", ca.certificate());
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
		CertificatePinner pinner = CertificatePinner.of(Map.of("127.0.0.1", List.of(pin)));
		HttpClient http = HttpClient.create()
			.secure(spec -> spec.sslContext(buildContext(pinner, trust)));
		return Dio.builder().adapter(WebClientAdapter.create(http)).build();
	}

	private static io.netty.handler.ssl.SslContext buildContext(CertificatePinner pinner, X509TrustManager trust) {
		try {
			return SslContextBuilder.forClient().trustManager(pinner.wrap(trust)).build();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Presents one certificate chain, whatever it is, as a hostile server would. */
	private static final class FixedChain extends X509ExtendedKeyManager {

		private final PrivateKey key;

		private final X509Certificate[] chain;

		FixedChain(PrivateKey key, X509Certificate... chain) {
			this.key = key;
			this.chain = chain;
		}

		@Override
		public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			return "server";
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return "server";
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.chain.clone();
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.key;
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return new String[] { "server" };
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return new String[0];
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			return null;
		}

	}

}
