package io.github.diospring.adapter;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Certificate pins per host, checked during the TLS handshake (so a mismatch fails before any
 * request byte is sent, unlike dio's {@code validateCertificate}). A pin is
 * {@code sha256/<base64>} of a certificate's SubjectPublicKeyInfo, as OkHttp writes them; the
 * handshake succeeds when the chain is trusted as usual <em>and</em> one certificate of the
 * <em>verified</em> chain matches a pin of the host. Hosts without pins are not affected. A host
 * pattern {@code *.example.com} matches one label.
 *
 * <p>The verified chain is the one that links the server's leaf, signature by signature, to a
 * certificate the trust manager trusts (its accepted issuers): the leaf, its intermediates and
 * that trusted root. Certificates the server merely appended are ignored, so a server holding a
 * certificate from any trusted CA cannot pass by also sending a copy of the pinned one
 * (CVE-2016-2402, fixed the same way in OkHttp). Pin the leaf, an intermediate or the root.
 *
 * <pre>{@code
 * CertificatePinner pinner = CertificatePinner.of(Map.of(
 *         "api.example.com", List.of("sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")));
 * X509ExtendedTrustManager trust = pinner.wrap(defaultTrustManager);
 * }</pre>
 */
public final class CertificatePinner {

	private final Map<String, Set<String>> pins;

	private CertificatePinner(Map<String, Set<String>> pins) {
		this.pins = pins;
	}

	/**
	 * @param pins host (or {@code *.domain}) to its {@code sha256/...} pins
	 * @return the pinner
	 * @throws IllegalArgumentException naming a pin that is not {@code sha256/} + base64 of 32 bytes
	 */
	public static CertificatePinner of(Map<String, ? extends List<String>> pins) {
		Map<String, Set<String>> checked = new LinkedHashMap<>();
		pins.forEach((host, values) -> {
			for (String pin : values) {
				if (!pin.startsWith("sha256/") || decodedLength(pin.substring(7)) != 32) {
					throw new IllegalArgumentException("pins: '" + pin + "' for " + host
							+ " is not a pin; write sha256/<base64 of the SHA-256 of the public key>");
				}
			}
			checked.put(host.toLowerCase(Locale.ROOT), Set.copyOf(values));
		});
		return new CertificatePinner(Map.copyOf(checked));
	}

	/**
	 * @param certificate a certificate
	 * @return its pin, {@code sha256/<base64>}
	 */
	public static String pin(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
			return "sha256/" + Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return whether no pin is configured */
	public boolean isEmpty() {
		return this.pins.isEmpty();
	}

	/**
	 * @param delegate the trust manager that validates chains as usual
	 * @return a trust manager that also checks the pins of the host being connected to
	 */
	public X509ExtendedTrustManager wrap(X509TrustManager delegate) {
		return new Pinning(delegate, this);
	}

	void check(@Nullable String host, X509Certificate[] sent, VerifiedChain trusted) throws CertificateException {
		Set<String> expected = pinsFor(host);
		if (expected.isEmpty()) {
			return;
		}
		List<X509Certificate> chain;
		try {
			chain = trusted.build(sent);
		}
		catch (CertificateException ex) {
			throw new CertificateException("Certificate pinning failure for " + host
					+ ": no verified chain to a trusted certificate (" + ex.getMessage() + ")", ex);
		}
		List<String> actual = new ArrayList<>();
		for (X509Certificate certificate : chain) {
			String pin = pin(certificate);
			if (expected.contains(pin)) {
				return;
			}
			actual.add(pin);
		}
		throw new CertificateException("Certificate pinning failure for " + host + ": the verified chain's pins " + actual
				+ " match none of the configured pins " + expected);
	}

	private Set<String> pinsFor(@Nullable String host) {
		if (host == null) {
			return Set.of();
		}
		String h = host.toLowerCase(Locale.ROOT);
		Set<String> exact = this.pins.get(h);
		if (exact != null) {
			return exact;
		}
		int dot = h.indexOf('.');
		return (dot > 0) ? this.pins.getOrDefault("*" + h.substring(dot), Set.of()) : Set.of();
	}

	private static int decodedLength(String base64) {
		try {
			return Base64.getDecoder().decode(base64).length;
		}
		catch (IllegalArgumentException ex) {
			return -1;
		}
	}

	/** Validates as the delegate does, then checks the pins of the peer host. */
	private static final class Pinning extends X509ExtendedTrustManager {

		private final X509TrustManager delegate;

		private final CertificatePinner pinner;

		private final VerifiedChain trusted;

		Pinning(X509TrustManager delegate, CertificatePinner pinner) {
			this.delegate = delegate;
			this.pinner = pinner;
			this.trusted = VerifiedChain.trusting(delegate.getAcceptedIssuers());
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			if (this.delegate instanceof X509ExtendedTrustManager extended) {
				extended.checkServerTrusted(chain, authType, engine);
			}
			else {
				this.delegate.checkServerTrusted(chain, authType);
			}
			this.pinner.check((engine != null) ? engine.getPeerHost() : null, chain, this.trusted);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			if (this.delegate instanceof X509ExtendedTrustManager extended) {
				extended.checkServerTrusted(chain, authType, socket);
			}
			else {
				this.delegate.checkServerTrusted(chain, authType);
			}
			this.pinner.check(peerHost(socket), chain, this.trusted);
		}

		/** The host the socket was opened for, without a reverse DNS look-up of its address. */
		private static @Nullable String peerHost(@Nullable Socket socket) {
			if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null
					&& ssl.getHandshakeSession().getPeerHost() != null) {
				return ssl.getHandshakeSession().getPeerHost();
			}
			return (socket != null && socket.getInetAddress() != null) ? socket.getInetAddress().getHostName() : null;
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("Certificate pins need the peer host; use an SSLEngine-based client");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.delegate.getAcceptedIssuers();
		}

	}

}
