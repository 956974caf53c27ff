package io.github.diospring.cookie;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link PersistCookieJar} keeps its cookies: one document (JSON, written whole after each
 * change) in a store of yours. The default is a file in a directory ({@link PersistCookieJar#builder(Path)}:
 * atomic writes, owner-only permissions, a lock against a second jar). Implement it to keep cookies
 * elsewhere (a database, a secrets store), or wrap a storage with {@link #transformed} to encrypt
 * what is written, as dio's {@code FileStorage} read and write handlers do.
 *
 * <p>A store shared by several application instances (a database row all instances read) works
 * through this interface: each jar reads the document when it is built and on
 * {@link PersistCookieJar#reload()}, and writes its whole state after each change, so the last
 * writer wins; reload when another instance may have changed it, or give each instance its own key.
 *
 * <pre>{@code
 * // encrypt and decrypt: your AES-GCM functions, byte[] to byte[], with a key from your key store
 * CookieStorage encrypted = CookieStorage.transformed(CookieStorage.directory(Path.of("cookies")),
 *         plain -> encrypt(key, plain), stored -> decrypt(key, stored));
 * PersistCookieJar jar = PersistCookieJar.builder(encrypted).build();
 * }</pre>
 */
public interface CookieStorage extends AutoCloseable {

	/**
	 * @return the stored document, or null when nothing was stored yet
	 * @throws IOException when the store cannot be read
	 */
	byte @Nullable [] read() throws IOException;

	/**
	 * Replaces the stored document; a reader must see the old document or the new one, never part.
	 * @param document the new document
	 * @throws IOException when the store cannot be written (the jar logs it and retries with the next change)
	 */
	void write(byte[] document) throws IOException;

	/**
	 * The stored document cannot be read (corrupt, or encrypted with another key): keep it for
	 * inspection, out of the way of the next write. The default leaves it, to be overwritten.
	 * @return what was done, for the log
	 * @throws IOException when it cannot be moved
	 */
	default String setAside() throws IOException {
		return "left in place, to be replaced by the next change";
	}

	/** Releases what the storage holds (the file store's directory lock). */
	@Override
	default void close() {
	}

	/**
	 * The file store: {@code cookies.json} in the directory, created when missing.
	 * @param directory the directory
	 * @return the storage, holding the directory until closed
	 * @throws IllegalStateException when another open storage holds the directory
	 */
	static CookieStorage directory(Path directory) {
		return new CookieFile(directory, Clock.systemUTC());
	}

	/**
	 * A storage whose document is transformed on the way (encrypted, compressed, signed).
	 * @param storage where the transformed document is kept
	 * @param beforeWrite applied to the document before it is written
	 * @param afterRead applied to what was read, undoing {@code beforeWrite}; an exception means unreadable
	 * @return the storage
	 */
	static CookieStorage transformed(CookieStorage storage, UnaryOperator<byte[]> beforeWrite,
			UnaryOperator<byte[]> afterRead) {
		Objects.requireNonNull(storage, "storage");
		Objects.requireNonNull(beforeWrite, "beforeWrite");
		Objects.requireNonNull(afterRead, "afterRead");
		return new CookieStorage() {

			@Override
			public byte @Nullable [] read() throws IOException {
				byte[] stored = storage.read();
				return (stored != null) ? afterRead.apply(stored) : null;
			}

			@Override
			public void write(byte[] document) throws IOException {
				storage.write(beforeWrite.apply(document));
			}

			@Override
			public String setAside() throws IOException {
				return storage.setAside();
			}

			@Override
			public void close() {
				storage.close();
			}

			@Override
			public String toString() {
				return "transformed " + storage;
			}

		};
	}

}
