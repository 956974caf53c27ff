package io.github.diospring.adapter;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;

/**
 * Rebuilds, from the certificates a server sent, the chain that leads from its leaf to a trusted
 * certificate, following signatures only (OkHttp's {@code BasicCertificateChainCleaner}, the fix of
 * CVE-2016-2402). Pins are checked against this chain, never against everything the server sent:
 * a server may append any certificate, a pinned one included, that no signature links to its own.
 *
 * <p>Only signatures and CA constraints are checked here; expiry, revocation and host names are
 * the trust manager's job, which runs first.
 */
final class VerifiedChain {

	/** Longest chain followed; real chains have 2 to 4 certificates. */
	private static final int MAX_SIGNERS = 9;

	private final Map<X500Principal, List<X509Certificate>> trustedBySubject;

	private VerifiedChain(Map<X500Principal, List<X509Certificate>> trustedBySubject) {
		this.trustedBySubject = trustedBySubject;
	}

	/**
	 * @param trusted the trust manager's accepted issuers
	 * @return a chain builder on them
	 */
	static VerifiedChain trusting(X509Certificate[] trusted) {
		Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
		for (X509Certificate certificate : trusted) {
			bySubject.computeIfAbsent(certificate.getSubjectX500Principal(), s -> new ArrayList<>()).add(certificate);
		}
		return new VerifiedChain(bySubject);
	}

	/**
	 * @param sent the certificates the server sent, its leaf first
	 * @return the leaf, the intermediates that signed it, and the trusted certificate that signed
	 * the last of them
	 * @throws CertificateException when no trusted certificate signs the chain
	 */
	List<X509Certificate> build(X509Certificate[] sent) throws CertificateException {
		LinkedList<X509Certificate> unused = new LinkedList<>(Arrays.asList(sent));
		List<X509Certificate> result = new ArrayList<>();
		result.add(unused.removeFirst());
		boolean foundTrusted = false;
		follow: for (int i = 0; i < MAX_SIGNERS; i++) {
			X509Certificate toVerify = result.get(result.size() - 1);
			X509Certificate trusted = trustedIssuer(toVerify);
			if (trusted != null) {
				if (result.size() > 1 || !toVerify.equals(trusted)) {
					result.add(trusted);
				}
				if (signs(trusted, trusted, result.size() - 2)) {
					return result;
				}
				foundTrusted = true;
				continue;
			}
			for (Iterator<X509Certificate> it = unused.iterator(); it.hasNext();) {
				X509Certificate signer = it.next();
				if (signs(signer, toVerify, result.size() - 1)) {
					it.remove();
					result.add(signer);
					continue follow;
				}
			}
			if (foundTrusted) {
				return result;
			}
			throw new CertificateException("no trusted certificate signs " + toVerify.getSubjectX500Principal());
		}
		throw new CertificateException("the certificate chain is longer than " + MAX_SIGNERS);
	}

	private @Nullable X509Certificate trustedIssuer(X509Certificate certificate) {
		List<X509Certificate> candidates = this.trustedBySubject.get(certificate.getIssuerX500Principal());
		if (candidates != null) {
			for (X509Certificate candidate : candidates) {
				if (signs(candidate, certificate, -1)) {
					return candidate;
				}
			}
		}
		return null;
	}

	/**
	 * @param signer the supposed issuer
	 * @param certificate the certificate it should have signed
	 * @param intermediatesBelow CA certificates between the signer and the leaf; -1 when the signer
	 * need not be a CA (a trusted certificate checked against itself)
	 */
	private static boolean signs(X509Certificate signer, X509Certificate certificate, int intermediatesBelow) {
		if (!certificate.getIssuerX500Principal().equals(signer.getSubjectX500Principal())) {
			return false;
		}
		if (intermediatesBelow >= 0 && signer.getBasicConstraints() < intermediatesBelow) {
			return false;
		}
		try {
			certificate.verify(signer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
