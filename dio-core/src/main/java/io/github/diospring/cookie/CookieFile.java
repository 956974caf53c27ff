package io.github.diospring.cookie;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file a {@link PersistCookieJar} keeps its cookies in by default: {@code cookies.json}, written
 * to a temporary file in the same directory and moved over the old one atomically (a crash leaves
 * the old file or the new one, never half of one), readable by the owner only where the file
 * system has POSIX permissions. A file that cannot be read is set aside as
 * {@code cookies.json.corrupt-<timestamp>}, never deleted. The directory is held (see
 * {@link DirectoryLock}) from construction until {@link #close()}; temporary files a crash left
 * behind are deleted then.
 */
final class CookieFile implements CookieStorage {

	static final String FILE_NAME = "cookies.json";

	private static final Logger logger = LoggerFactory.getLogger(CookieFile.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
		.withZone(ZoneOffset.UTC);

	private final Path directory;

	private final Path file;

	private final Clock clock;

	private final @Nullable DirectoryLock lock;

	CookieFile(Path directory, Clock clock) {
		this.directory = directory;
		this.file = directory.resolve(FILE_NAME);
		this.clock = clock;
		this.lock = open();
	}

	Path path() {
		return this.file;
	}

	/**
	 * Creates the directory, takes it for this jar, and deletes the temporary files a crash left
	 * between writing and moving (only once no other jar can be writing them).
	 * @return the lock, or null when the directory cannot be created (writes will fail and be logged)
	 * @throws IllegalStateException when another jar uses the directory
	 */
	private @Nullable DirectoryLock open() {
		try {
			Files.createDirectories(this.directory, ownerOnly("rwx------"));
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not create the cookie directory {} ({}); cookies are kept in memory", this.directory,
					ex.toString());
			return null;
		}
		DirectoryLock lock = DirectoryLock.acquire(this.directory);
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.directory, FILE_NAME + ".*.tmp")) {
			for (Path leftover : leftovers) {
				Files.deleteIfExists(leftover);
				logger.debug("Deleted {}, left by an interrupted write", leftover.getFileName());
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not clean up temporary files in {} ({})", this.directory, ex.toString());
		}
		return lock;
	}

	@Override
	public byte @Nullable [] read() throws IOException {
		return Files.exists(this.file) ? Files.readAllBytes(this.file) : null;
	}

	@Override
	public void write(byte[] document) throws IOException {
		Files.createDirectories(this.directory, ownerOnly("rwx------"));
		Path temp = Files.createTempFile(this.directory, FILE_NAME + ".", ".tmp", ownerOnly("rw-------"));
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				channel.write(ByteBuffer.wrap(document));
				// On disk before the rename, or a crash could leave an empty file under the real name.
				channel.force(true);
			}
			try {
				Files.move(temp, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	@Override
	public String setAside() throws IOException {
		Path aside = this.directory.resolve(FILE_NAME + ".corrupt-" + STAMP.format(this.clock.instant()));
		Files.move(this.file, aside);
		return "moved it to " + aside.getFileName();
	}

	@Override
	public void close() {
		if (this.lock != null) {
			this.lock.close();
		}
	}

	@Override
	public String toString() {
		return this.file.toString();
	}

	private FileAttribute<?>[] ownerOnly(String permissions) {
		if (this.directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) };
		}
		return new FileAttribute<?>[0];
	}

}
