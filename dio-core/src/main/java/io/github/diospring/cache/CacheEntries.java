package io.github.diospring.cache;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.diospring.Headers;
import io.github.diospring.cache.CachedResponse.VaryIndex;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Where entries live in the store. A URI's key ({@code GET <uri>}, plus a digest of the
 * {@code Authorization} value when credentials are allowed — never the credential itself) holds
 * either the response, or, when responses vary, a {@link VaryIndex} naming the request headers
 * that pick a variant; each variant then has its own key. Replacing or evicting the index makes
 * its variants unreachable, so invalidating a URI is one eviction.
 */
final class CacheEntries {

	private static final Logger logger = LoggerFactory.getLogger(CacheEntries.class);

	private final CacheStore store;

	CacheEntries(CacheStore store) {
		this.store = store;
	}

	CacheStore store() {
		return this.store;
	}

	/**
	 * @param uri the request URI
	 * @param authorization the request's Authorization values, or null
	 * @return the base key
	 */
	static String key(URI uri, @Nullable List<String> authorization) {
		String key = "GET " + uri;
		return (authorization == null) ? key : key + " auth:" + digest(String.join("\n", authorization));
	}

	/** What the store holds for a request: the matching entry (or none), the index, and the key to write to. */
	record Found(@Nullable CachedResponse entry, @Nullable VaryIndex index, String baseKey) {
	}

	Mono<Found> lookup(String baseKey, Headers request) {
		return read(baseKey).flatMap(record -> {
			if (record instanceof VaryIndex index) {
				String variant = variantKey(baseKey, index, CachedResponse.varyValues(index.names(), request));
				return read(variant).map(r -> new Found(matching(r, request), index, baseKey))
					.defaultIfEmpty(new Found(null, index, baseKey));
			}
			return Mono.just(new Found(matching(record, request), null, baseKey));
		}).defaultIfEmpty(new Found(null, null, baseKey));
	}

	/** Stores a response at its URI's key, or as a variant when it varies; a {@code Vary: *} is never stored. */
	Mono<Void> write(Found found, CachedResponse entry, List<String> varyNames) {
		if (varyNames.contains("*")) {
			return Mono.empty();
		}
		if (varyNames.isEmpty()) {
			return this.store.put(found.baseKey(), CacheRecords.encode(entry));
		}
		VaryIndex current = found.index();
		VaryIndex index = (current != null && current.names().equals(varyNames)) ? current
				: new VaryIndex(UUID.randomUUID().toString(), List.copyOf(varyNames));
		Mono<Void> writeIndex = (index == current) ? Mono.empty()
				: this.store.put(found.baseKey(), CacheRecords.encodeVaryIndex(index));
		return writeIndex.then(this.store.put(variantKey(found.baseKey(), index, entry.varyValues), CacheRecords.encode(entry)));
	}

	Mono<Void> evict(String baseKey) {
		return this.store.evict(baseKey);
	}

	private Mono<Object> read(String key) {
		return this.store.get(key).flatMap(bytes -> {
			try {
				return Mono.just(CacheRecords.decode(bytes));
			}
			catch (java.io.IOException | RuntimeException ex) {
				logger.debug("dio cache '{}': an unreadable entry is ignored ({})", this.store.cache().getName(), ex.toString());
				return Mono.empty();
			}
		});
	}

	private static @Nullable CachedResponse matching(Object record, Headers request) {
		return (record instanceof CachedResponse entry && entry.matches(request)) ? entry : null;
	}

	private static String variantKey(String baseKey, VaryIndex index, Map<String, @Nullable String> values) {
		StringBuilder selected = new StringBuilder();
		values.forEach((name, value) -> selected.append(name).append('=').append((value != null) ? value : "\u0000").append('\n'));
		return baseKey + " #" + index.generation() + ":" + digest(selected.toString());
	}

	static String digest(String value) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
