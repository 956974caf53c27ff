package io.github.diospring.demo;

import io.netty.handler.codec.quic.Quic;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter leaves out the 12 MB of QUIC native libraries (only HTTP/3 would load them), and
 * Reactor Netty still works without them: its HTTP/3 classes are there and find QUIC unavailable.
 */
class FootprintTest {

	@Test
	void theQuicNativeLibrariesAreNotOnTheClassPath() {
		assertThat(getClass().getClassLoader().getResource("META-INF/native/libnetty_quiche42_linux_x86_64.so")).isNull();
		assertThat(Quic.isAvailable()).isFalse();
		assertThat(Quic.unavailabilityCause()).isNotNull();
	}

	@Test
	void reactorNettysSecureClientStillLoads() {
		assertThat(HttpClient.create().secure().configuration().isSecure()).isTrue();
	}

}
