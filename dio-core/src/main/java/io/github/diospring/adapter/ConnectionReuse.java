package io.github.diospring.adapter;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientRequest;

/**
 * Whether one exchange ran on a connection that had carried a request before (taken back from the
 * pool) or on a new one. The adapter puts an instance into the exchange's Reactor context; the
 * Netty client {@link WebClientAdapter#prepare readied} for the adapter records into it when the
 * request starts. Unknown (nothing recorded) when the connector was not readied.
 */
final class ConnectionReuse {

	/** Set on a channel once it has carried a request. */
	private static final AttributeKey<Boolean> USED = AttributeKey.valueOf(ConnectionReuse.class.getName() + ".used");

	private volatile int state;

	/** Called by Reactor Netty before each request is written. */
	static void record(HttpClientRequest request, Connection connection) {
		request.currentContextView().<ConnectionReuse>getOrEmpty(ConnectionReuse.class).ifPresent(reuse -> reuse.record(connection));
	}

	/** Notes whether {@code connection} carried a request before this one, and marks it as used. */
	void record(Connection connection) {
		Channel channel = connection.channel();
		boolean reused = channel.attr(USED).getAndSet(Boolean.TRUE) != null;
		this.state = reused ? 2 : 1;
	}

	/** @return whether the request is known to have used a connection that carried one before */
	boolean wasReused() {
		return this.state == 2;
	}

	/** @return whether the request is known to have used a new connection */
	boolean wasNew() {
		return this.state == 1;
	}

}
