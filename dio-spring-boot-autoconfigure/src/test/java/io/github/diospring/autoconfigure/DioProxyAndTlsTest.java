package io.github.diospring.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.diospring.Dio;
import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.adapter.CertificatePinner;
import io.github.diospring.testing.LocalServer;
import io.github.diospring.testing.TunnelProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Proxy through a real forward proxy, and TLS against a server whose certificate the test makes. */
class DioProxyAndTlsTest {

	@RegisterExtension
	static final LocalServer target = new LocalServer();

	@TempDir
	static Path dir;

	static TunnelProxy proxy;

	static WireMockServer https;

	static String certificatePem;

	static String pin;

	@BeforeAll
	static void startServers() throws Exception {
		Path keystore = dir.resolve("server.p12");
		keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
				"-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
		Path pem = dir.resolve("server.pem");
		keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
				"-file", pem.toString());
		certificatePem = pem.toUri().toString();
		try (InputStream in = Files.newInputStream(pem)) {
			pin = CertificatePinner.pin((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		https = new WireMockServer(WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").httpDisabled(true)
			.dynamicHttpsPort().keystorePath(keystore.toString()).keystorePassword("changeit")
			.keyManagerPassword("changeit").keystoreType("PKCS12"));
		https.start();
		proxy = new TunnelProxy();
	}

	@AfterAll
	static void stopServers() throws Exception {
		https.stop();
		proxy.close();
	}

	@BeforeEach
	void reset() {
		https.resetAll();
		proxy.tunnels().clear();
		https.stubFor(get(anyUrl()).willReturn(okJson("{\"secure\":true}")));
		target.wireMock().stubFor(get(anyUrl()).willReturn(okJson("{\"direct\":true}")));
	}

	private static void keytool(String... args) throws Exception {
		List<String> command = new java.util.ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	private static String httpsUrl() {
		return "https://127.0.0.1:" + https.httpsPort();
	}

	private static DioException failure(Dio dio, String url) {
		return catchThrowableOfType(DioException.class, () -> dio.get(url).block(Duration.ofSeconds(20)));
	}

	@Test
	void requestsGoThroughTheConfiguredProxyExceptForNonProxyHosts() {
		String targetUrl = "http://localhost:" + target.wireMock().port();
		DioAutoConfigurationTest.runner
			.withPropertyValues("dio.clients.proxied.proxy.type=http", "dio.clients.proxied.proxy.host=127.0.0.1",
					"dio.clients.proxied.proxy.port=" + proxy.port(), "dio.clients.bypass.proxy.host=127.0.0.1",
					"dio.clients.bypass.proxy.port=" + proxy.port(), "dio.clients.bypass.proxy.non-proxy-hosts=localhost")
			.run(context -> {
				DioClients clients = context.getBean(DioClients.class);

				Object viaProxy = clients.get("proxied").get(targetUrl + "/via-proxy").block(Duration.ofSeconds(20)).data();
				assertThat(viaProxy).isEqualTo(Map.of("direct", true));
				assertThat(proxy.tunnels()).containsExactly("localhost:" + target.wireMock().port());

				proxy.tunnels().clear();
				clients.get("bypass").get(targetUrl + "/bypassed").block(Duration.ofSeconds(20));
				assertThat(proxy.tunnels()).isEmpty();
				assertThat(target.wireMock().getAllServeEvents()).anySatisfy(
						e -> assertThat(e.getRequest().getUrl()).isEqualTo("/bypassed"));
			});
	}

	@Test
	void httpsTargetsAreTunnelledThroughTheProxyWithTheirTlsIntact() {
		DioAutoConfigurationTest.runner
			.withPropertyValues("spring.ssl.bundle.pem.test.truststore.certificate=" + certificatePem,
					"dio.ssl.bundle=test", "dio.proxy.host=127.0.0.1", "dio.proxy.port=" + proxy.port())
			.run(context -> {
				assertThat(context.getBean(Dio.class).get(httpsUrl() + "/tunnelled").block(Duration.ofSeconds(20)).data())
					.isEqualTo(Map.of("secure", true));
				assertThat(proxy.tunnels()).containsExactly("127.0.0.1:" + https.httpsPort());
			});
	}

	@Test
	void anUntrustedCertificateIsABadCertificate() {
		DioAutoConfigurationTest.runner.run(context -> {
			DioException e = failure(context.getBean(Dio.class), httpsUrl() + "/x");
			assertThat(e.type()).isEqualTo(DioExceptionType.BAD_CERTIFICATE);
			assertThat(e.getMessage()).contains("not trusted").contains("SSL bundle");
		});
	}

	@Test
	void anSslBundleTrustsTheCertificate() {
		DioAutoConfigurationTest.runner
			.withPropertyValues("spring.ssl.bundle.pem.test.truststore.certificate=" + certificatePem,
					"dio.ssl.bundle=test")
			.run(context -> assertThat(context.getBean(Dio.class).get(httpsUrl() + "/x").block(Duration.ofSeconds(20))
				.data()).isEqualTo(Map.of("secure", true)));
	}

	@Test
	void aMatchingPinPassesAndAWrongPinFailsBeforeAnyRequestByte() {
		DioAutoConfigurationTest.runner
			.withPropertyValues("spring.ssl.bundle.pem.test.truststore.certificate=" + certificatePem,
					"dio.ssl.bundle=test", "dio.ssl.pins.[127.0.0.1]=" + pin,
					"dio.clients.wrong.ssl.pins.[127.0.0.1]=sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
			.run(context -> {
				DioClients clients = context.getBean(DioClients.class);
				assertThat(clients.get("default").get(httpsUrl() + "/pinned").block(Duration.ofSeconds(20)).data())
					.isEqualTo(Map.of("secure", true));
				https.resetRequests();

				DioException e = failure(clients.get("wrong"), httpsUrl() + "/pinned");

				assertThat(e.type()).isEqualTo(DioExceptionType.BAD_CERTIFICATE);
				assertThat(e.getCause()).hasStackTraceContaining("Certificate pinning failure");
				assertThat(https.getAllServeEvents()).isEmpty();
			});
	}

}
