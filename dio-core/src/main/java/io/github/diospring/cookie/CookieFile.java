package io.github.diospring.cookie;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON file a {@link PersistCookieJar} keeps its cookies in: {@code cookies.json}, written
 * to a temporary file in the same directory and moved over the old one atomically (a crash leaves
 * the old file or the new one, never half of one), readable by the owner only where the file
 * system has POSIX permissions. A file that cannot be read is set aside as
 * {@code cookies.json.corrupt-<timestamp>}, never deleted. Temporary files a crash left behind
 * are deleted when a jar opens the directory.
 */
final class CookieFile {

	static final String FILE_NAME = "cookies.json";

	private static final int FORMAT = 1;

	private static final Logger logger = LoggerFactory.getLogger(CookieFile.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
		.withZone(ZoneOffset.UTC);

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Path directory;

	private final Path file;

	private final Clock clock;

	CookieFile(Path directory, Clock clock) {
		this.directory = directory;
		this.file = directory.resolve(FILE_NAME);
		this.clock = clock;
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
	@Nullable DirectoryLock open() {
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

	/** @return the stored cookies; none when there is no file or it is set aside as unreadable */
	List<Cookie> read() {
		if (!Files.exists(this.file)) {
			return List.of();
		}
		try {
			Content content = MAPPER.readValue(Files.readAllBytes(this.file), Content.class);
			if (content.format() != FORMAT || content.cookies() == null
					|| content.cookies().stream().anyMatch(Objects::isNull)) {
				throw new IllegalStateException("not a cookie store of format " + FORMAT);
			}
			return content.cookies();
		}
		catch (IOException | RuntimeException ex) {
			setAside(ex);
			return List.of();
		}
	}

	/**
	 * Replaces the file's content.
	 * @param cookies what to store
	 * @throws IOException when the directory or the file cannot be written
	 */
	void write(List<Cookie> cookies) throws IOException {
		Files.createDirectories(this.directory, ownerOnly("rwx------"));
		Path temp = Files.createTempFile(this.directory, FILE_NAME + ".", ".tmp", ownerOnly("rw-------"));
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				channel.write(ByteBuffer.wrap(MAPPER.writeValueAsBytes(new Content(FORMAT, cookies))));
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

	private void setAside(Exception cause) {
		Path aside = this.directory.resolve(FILE_NAME + ".corrupt-" + STAMP.format(this.clock.instant()));
		try {
			Files.move(this.file, aside);
			logger.warn("Cookie store {} could not be read ({}); moved it to {} and starting without cookies",
					this.file, describe(cause), aside.getFileName());
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cookie store {} could not be read ({}) nor moved aside ({}); starting without cookies",
					this.file, describe(cause), ex.toString());
		}
	}

	/** The error without Jackson's message, which may quote file content, that is cookie values. */
	private static String describe(Exception ex) {
		if (ex instanceof JacksonException jackson && jackson.getLocation() != null) {
			return ex.getClass().getSimpleName() + " at line " + jackson.getLocation().getLineNr() + ", column "
					+ jackson.getLocation().getColumnNr();
		}
		return (ex instanceof JacksonException) ? ex.getClass().getSimpleName() : ex.toString();
	}

	private FileAttribute<?>[] ownerOnly(String permissions) {
		if (this.directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) };
		}
		return new FileAttribute<?>[0];
	}

	/**
	 * The file's JSON shape.
	 * @param format the format version
	 * @param cookies the cookies
	 */
	record Content(int format, @Nullable List<Cookie> cookies) {
	}

}
