package io.github.diospring.cookie;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one {@link PersistCookieJar} the only user of its directory: in this JVM through a
 * registry of open directories, across processes through an OS file lock on {@code cookies.lock}.
 * Two jars on one directory would silently overwrite each other's cookies; the second is refused.
 */
final class DirectoryLock implements AutoCloseable {

	static final String FILE_NAME = "cookies.lock";

	private static final Logger logger = LoggerFactory.getLogger(DirectoryLock.class);

	/** Directories (real paths) held by an open jar of this JVM. */
	private static final Map<Path, DirectoryLock> HELD = new ConcurrentHashMap<>();

	private final Path key;

	private final @Nullable FileChannel channel;

	private DirectoryLock(Path key, @Nullable FileChannel channel) {
		this.key = key;
		this.channel = channel;
	}

	/**
	 * @param directory an existing directory
	 * @return the lock, held until closed
	 * @throws IllegalStateException when another jar, here or in another process, holds it
	 */
	static DirectoryLock acquire(Path directory) {
		Path key = realPath(directory);
		DirectoryLock placeholder = new DirectoryLock(key, null);
		if (HELD.putIfAbsent(key, placeholder) != null) {
			throw inUse(directory, "by another PersistCookieJar in this application");
		}
		FileChannel channel = null;
		try {
			channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				HELD.remove(key, placeholder);
				throw inUse(directory, "by another process");
			}
		}
		catch (IOException | UnsupportedOperationException | OverlappingFileLockException ex) {
			// A file system without locks still gets the in-JVM guard; cookies keep working either way.
			logger.warn("Could not lock the cookie store {} against other processes ({})", directory, ex.toString());
			closeQuietly(channel);
			channel = null;
		}
		DirectoryLock held = new DirectoryLock(key, channel);
		HELD.replace(key, placeholder, held);
		return held;
	}

	private static IllegalStateException inUse(Path directory, String by) {
		return new IllegalStateException("The cookie directory " + directory + " is already in use " + by
				+ ". Two jars on one directory would overwrite each other's cookies: share that jar instance "
				+ "(one CookieManager, or dio.clients.<name>.cookie.share=true), give each jar its own directory, "
				+ "or close the other jar first.");
	}

	private static Path realPath(Path directory) {
		try {
			return directory.toRealPath();
		}
		catch (IOException ex) {
			return directory.toAbsolutePath().normalize();
		}
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing left to release
			}
		}
	}

	/** Releases the lock; idempotent. */
	@Override
	public void close() {
		if (HELD.remove(this.key, this)) {
			closeQuietly(this.channel);
		}
	}

}
