package io.github.diospring.bench;

import java.nio.file.Path;
import java.util.List;

import io.github.diospring.bench.Payloads.PostReply;
import io.github.diospring.bench.Payloads.User;

/** One client under test, blocking view. Thread-safe: one instance serves all benchmark threads. */
public interface BenchClient extends AutoCloseable {

	User getSmall() throws Exception;

	List<User> getLarge() throws Exception;

	PostReply postSmall() throws Exception;

	/** @return bytes written to {@code target} */
	long download(Path target) throws Exception;

	@Override
	void close() throws Exception;

}
