package io.github.diospring.adapter;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.security.cert.CertificateException;
import java.security.cert.CertPathValidatorException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.github.diospring.DioException;
import io.github.diospring.RequestOptions;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/** Turns transport failures (Netty, JDK, WebClient wrappers) into typed {@link DioException}s. */
final class TransportErrors {

	private TransportErrors() {
	}

	static DioException translate(Throwable error, RequestOptions options) {
		return translate(error, options, false);
	}

	/**
	 * @param error what the transport raised
	 * @param options the request
	 * @param inBody whether the body was being read (for the receive timeout's message)
	 * @return the typed error
	 */
	static DioException translate(Throwable error, RequestOptions options, boolean inBody) {
		for (Throwable t = error; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof DioException dio) {
				return dio;
			}
			// Netty's per-request response timeout (dio's receiveTimeout) says only "read timed out"
			Duration receiveTimeout = options.receiveTimeout();
			if (t instanceof ReadTimeoutException && receiveTimeout != null) {
				return DioException.receiveTimeout(options, receiveTimeout, inBody);
			}
			if (t instanceof ConnectTimeoutException) {
				return DioException.connectionTimeout(options, options.connectTimeout(), t);
			}
			if (t instanceof SSLHandshakeException || t instanceof SSLException) {
				return isCertificateProblem(t) ? DioException.badCertificate(options, t)
						: DioException.connectionError(options, t);
			}
			if (isPoolLimit(t)) {
				return DioException.poolExhausted(options, String.valueOf(t.getMessage()), t);
			}
			if (isTransportFailure(t)) {
				return DioException.connectionError(options, t);
			}
		}
		return DioException.from(options, error);
	}

	/**
	 * A connection that broke before any response arrived: closed, reset or refused to write, but
	 * not one that could not be opened (refused, unknown host, TLS), where a new connection fails
	 * the same way.
	 */
	static boolean isBrokenBeforeResponse(Throwable error) {
		for (Throwable t = error; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof DioException || t instanceof ConnectException || t instanceof UnknownHostException
					|| t instanceof NoRouteToHostException || t instanceof SSLException || isPoolLimit(t)) {
				return false;
			}
			if (t instanceof PrematureCloseException) {
				return String.valueOf(t.getMessage()).contains("BEFORE");
			}
			if (isTransportFailure(t)) {
				return true;
			}
		}
		return false;
	}

	/** Reactor Netty's pool refusals; the classes are shaded, so they are known by name. */
	private static boolean isPoolLimit(Throwable t) {
		String name = t.getClass().getSimpleName();
		return name.equals("PoolAcquirePendingLimitException") || name.equals("PoolAcquireTimeoutException");
	}

	/**
	 * A connection that could not be opened or broke: refused, unknown host, reset, broken pipe,
	 * closed early. Netty's native transports (epoll, kqueue, io_uring) report reset and broken pipe
	 * as their own {@link IOException}s and NIO as plain ones thrown from the socket channel, so an
	 * {@code IOException} counts when Netty or the JDK's socket code raised it (a body source's own
	 * I/O error, such as a file that cannot be read, does not).
	 */
	private static boolean isTransportFailure(Throwable t) {
		if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
				|| t instanceof PrematureCloseException || t instanceof ClosedChannelException
				|| t instanceof SocketException || t instanceof AbortedException) {
			return true;
		}
		if (!(t instanceof IOException)) {
			return false;
		}
		if (t.getClass().getName().startsWith("io.netty.")) {
			return true;
		}
		StackTraceElement[] frames = t.getStackTrace();
		for (int i = 0; i < Math.min(frames.length, 8); i++) {
			String origin = frames[i].getClassName();
			if (origin.startsWith("sun.nio.ch.") || origin.startsWith("io.netty.channel.")) {
				return true;
			}
		}
		return false;
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
