package io.github.diospring.bench;

import java.nio.file.Path;
import java.util.List;

import io.github.diospring.bench.Payloads.PostReply;
import io.github.diospring.bench.Payloads.User;
import reactor.core.publisher.Mono;

/** A non-blocking client: its blocking view is {@code .block()} on the reactive one. */
public interface ReactiveBenchClient extends BenchClient {

	Mono<User> getSmallMono();

	Mono<List<User>> getLargeMono();

	Mono<PostReply> postSmallMono();

	/** @param path a JSON array of users ({@code /list-10k.json}, {@code /large.json}, {@code /list-1m.json}) */
	Mono<List<User>> getListMono(String path);

	/** @return bytes written */
	Mono<Long> downloadMono(Path target);

	@Override
	default User getSmall() {
		return getSmallMono().block();
	}

	@Override
	default List<User> getLarge() {
		return getLargeMono().block();
	}

	@Override
	default PostReply postSmall() {
		return postSmallMono().block();
	}

	@Override
	default long download(Path target) {
		Long n = downloadMono(target).block();
		return (n != null) ? n : -1;
	}

}
