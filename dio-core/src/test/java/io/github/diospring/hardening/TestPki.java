package io.github.diospring.hardening;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificates made with the JDK's {@code keytool} for TLS tests: a CA, leaves it signs for
 * 127.0.0.1, and unrelated self-signed certificates.
 */
final class TestPki {

	private static final String PASSWORD = "changeit";

	private final Path dir;

	TestPki(Path dir) {
		this.dir = dir;
	}

	/** A self-signed certificate and its key; {@code ca} adds the CA basic constraint. */
	Entry selfSigned(String alias, String dn, boolean ca) throws Exception {
		List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
				"secp256r1", "-dname", dn, "-validity", "2"));
		if (ca) {
			args.addAll(List.of("-ext", "bc:c"));
		}
		else {
			args.addAll(List.of("-ext", "SAN=ip:127.0.0.1,dns:localhost"));
		}
		keytool(alias, args);
		return load(alias, null);
	}

	/** A leaf for 127.0.0.1 signed by the CA. */
	Entry signedBy(Entry ca, String alias, String dn) throws Exception {
		keytool(alias, List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dn,
				"-validity", "2"));
		Path csr = this.dir.resolve(alias + ".csr");
		keytool(alias, List.of("-certreq", "-alias", alias, "-file", csr.toString()));
		Path pem = this.dir.resolve(alias + ".pem");
		keytool(ca.alias(), List.of("-gencert", "-alias", ca.alias(), "-infile", csr.toString(), "-outfile",
				pem.toString(), "-rfc", "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost"));
		try (InputStream in = Files.newInputStream(pem)) {
			return load(alias, (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
	}

	private Entry load(String alias, X509Certificate signed) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store(alias))) {
			store.load(in, PASSWORD.toCharArray());
		}
		X509Certificate certificate = (signed != null) ? signed : (X509Certificate) store.getCertificate(alias);
		return new Entry(alias, certificate, (PrivateKey) store.getKey(alias, PASSWORD.toCharArray()));
	}

	private Path store(String alias) {
		return this.dir.resolve(alias + ".p12");
	}

	private void keytool(String alias, List<String> args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(args);
		command.addAll(List.of("-storetype", "PKCS12", "-keystore", store(alias).toString(), "-storepass", PASSWORD,
				"-keypass", PASSWORD));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	/** A certificate, its private key, and its alias in its own key store. */
	record Entry(String alias, X509Certificate certificate, PrivateKey key) {
	}

}
