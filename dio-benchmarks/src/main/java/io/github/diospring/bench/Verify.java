package io.github.diospring.bench;

import java.util.List;

import io.github.diospring.bench.Payloads.PostReply;
import io.github.diospring.bench.Payloads.User;

/** Fails a benchmark before it starts when a client does not get the expected data. */
final class Verify {

	private Verify() {
	}

	static void responses(BenchClient client) throws Exception {
		User small = client.getSmall();
		check(small != null && "Ada Lovelace".equals(small.name()) && small.address() != null
				&& small.tags().size() == 3, "small: " + small);
		List<User> large = client.getLarge();
		check(large != null && large.size() >= 400 && large.get(large.size() - 1).address() != null,
				"large: " + ((large != null) ? large.size() + " records" : null));
		PostReply reply = client.postSmall();
		check(reply != null && "created".equals(reply.status()), "post: " + reply);
	}

	private static void check(boolean ok, String what) {
		if (!ok) {
			throw new IllegalStateException("Unexpected response, " + what);
		}
	}

}
