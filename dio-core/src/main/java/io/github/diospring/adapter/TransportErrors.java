package io.github.diospring.adapter;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.security.cert.CertPathValidatorException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.netty.channel.ConnectTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

/** Turns transport failures (Netty, JDK, WebClient wrappers) into typed {@link DioException}s. */
final class TransportErrors {

	private TransportErrors() {
	}

	static DioException translate(Throwable error, RequestOptions options) {
		for (Throwable t = error; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof DioException dio) {
				return dio;
			}
			if (t instanceof ConnectTimeoutException) {
				return DioException.connectionTimeout(options, options.connectTimeout(), t);
			}
			if (t instanceof SSLHandshakeException || t instanceof SSLException) {
				return isCertificateProblem(t) ? DioException.badCertificate(options, t)
						: DioException.connectionError(options, t);
			}
			if (t instanceof ConnectException || t instanceof UnknownHostException
					|| t instanceof NoRouteToHostException || t instanceof PrematureCloseException
					|| t instanceof ClosedChannelException || t instanceof SocketException) {
				return DioException.connectionError(options, t);
			}
		}
		return DioException.from(options, error);
	}

	private static boolean isCertificateProblem(Throwable ssl) {
		for (Throwable t = ssl; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof CertificateException || t instanceof CertPathValidatorException) {
				return true;
			}
			String message = t.getMessage();
			if (message != null && (message.contains("certificate") || message.contains("PKIX"))) {
				return true;
			}
		}
		return false;
	}

}
