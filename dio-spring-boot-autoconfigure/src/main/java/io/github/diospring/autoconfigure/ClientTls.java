package io.github.diospring.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.github.diospring.adapter.CertificatePinner;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;

/**
 * A client's {@code ssl.*} settings: the named SSL bundle, and certificate pins wrapped around
 * its trust managers (or the JDK's) so they are checked during the handshake. Verification is
 * never turned off here.
 */
final class ClientTls {

	private final @Nullable SslBundles sslBundles;

	ClientTls(@Nullable SslBundles sslBundles) {
		this.sslBundles = sslBundles;
	}

	HttpClientSettings apply(ClientSettings settings, HttpClientSettings base) {
		String bundleName = settings.sslBundle();
		Map<String, List<String>> pins = settings.pins();
		if (bundleName == null && pins.isEmpty()) {
			return base;
		}
		SslBundle bundle = (bundleName != null) ? bundle(settings, bundleName) : SslBundle.systemDefault();
		if (!pins.isEmpty()) {
			bundle = pinned(settings, bundle, pins);
		}
		return base.withSslBundle(bundle);
	}

	private SslBundle bundle(ClientSettings settings, String name) {
		String property = settings.property("ssl.bundle", p -> p.getSsl().getBundle());
		if (this.sslBundles == null) {
			throw new DioConfigurationException(property, name, "names an SSL bundle, but SSL bundles are not configured",
					"Define it under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name + ".");
		}
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new DioConfigurationException(property, name, "names no SSL bundle; known bundles: "
					+ this.sslBundles.getBundleNames(),
					"Define it under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name + ".");
		}
	}

	private static SslBundle pinned(ClientSettings settings, SslBundle bundle, Map<String, List<String>> pins) {
		CertificatePinner pinner;
		try {
			pinner = CertificatePinner.of(pins);
		}
		catch (IllegalArgumentException ex) {
			throw new DioConfigurationException(settings.property("ssl.pins", p -> p.getSsl().getPins().isEmpty() ? null : "set"),
					pins, ex.getMessage().substring(ex.getMessage().indexOf(':') + 1).trim(),
					"Compute a pin with: openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64");
		}
		SslManagerBundle managers = bundle.getManagers();
		X509TrustManager delegate = Arrays.stream(managers.getTrustManagers())
			.filter(X509TrustManager.class::isInstance)
			.map(X509TrustManager.class::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The SSL bundle has no X509TrustManager"));
		TrustManagerFactory pinning = SslManagerBundle.from(new TrustManager[] { pinner.wrap(delegate) })
			.getTrustManagerFactory();
		KeyManagerFactory keys = managers.getKeyManagerFactory();
		SslManagerBundle pinnedManagers = SslManagerBundle.of(keys, pinning);
		return SslBundle.of(bundle.getStores(), bundle.getKey(), bundle.getOptions(), bundle.getProtocol(), pinnedManagers);
	}

}
