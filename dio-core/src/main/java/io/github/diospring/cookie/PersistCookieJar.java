package io.github.diospring.cookie;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CookieJar} that survives restarts (dio's {@code PersistCookieJar}): the rules and the
 * in-memory state of {@link DefaultCookieJar}, plus a JSON file ({@code cookies.json}) in a
 * directory, loaded once when the jar is built and rewritten after every change.
 * <ul>
 * <li>Writes are atomic: a temporary file in the same directory, moved over the old one.</li>
 * <li>The file and a directory the jar creates are readable by the owner only
 * ({@code rw-------}, where the file system has POSIX permissions): cookies are credentials.</li>
 * <li>A file that cannot be read is logged (WARN), renamed to
 * {@code cookies.json.corrupt-<timestamp>} and the jar starts empty; a write that fails is logged
 * and retried with the next change. Cookies keep working in memory either way.</li>
 * <li>{@code persistSession} (default true): whether session cookies (no {@code Expires} or
 * {@code Max-Age}) are written too; when false they live in memory only, until this jar is gone.</li>
 * <li>{@code ignoreExpires} (default false): as for {@link DefaultCookieJar}; expired cookies are
 * then also kept in the file.</li>
 * </ul>
 * Concurrent changes are coalesced: a write covers every change made before it started, so a
 * burst of responses does not write the file once per cookie.
 *
 * <p>One directory belongs to one open jar: building a second jar on a directory that another jar
 * of this application or another process holds (a file lock on {@code cookies.lock}) fails with
 * an {@link IllegalStateException}; share the one instance instead, or {@link #close()} the first.
 * Temporary files an interrupted write left behind are deleted when the jar opens. The jar keeps
 * at most {@link CookieLimits} cookies, like {@link DefaultCookieJar}.
 *
 * <p>The file is the default {@link CookieStorage}; {@link #builder(CookieStorage)} keeps the same
 * document elsewhere, or encrypted ({@link CookieStorage#transformed}, dio's read and write handlers).
 *
 * <pre>{@code
 * PersistCookieJar jar = PersistCookieJar.builder(Path.of(System.getProperty("user.home"), ".myapp", "cookies"))
 *         .persistSession(false)
 *         .build();
 * dio.interceptors().add(new CookieManager(jar));
 * }</pre>
 */
public final class PersistCookieJar implements CookieJar, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PersistCookieJar.class);

	private final CookieStore store;

	private final CookieStorage storage;

	private final boolean persistSession;

	private final Object writeLock = new Object();

	/** The store version the file holds; guarded by {@link #writeLock}. */
	private long written;

	private PersistCookieJar(Builder builder) {
		this.store = new CookieStore(builder.ignoreExpires, builder.clock, builder.limits);
		this.storage = (builder.storage != null) ? builder.storage : new CookieFile(builder.directory, builder.clock);
		this.persistSession = builder.persistSession;
		this.store.restore(load());
		this.written = this.store.version();
	}

	/**
	 * @param directory where {@code cookies.json} is kept; created when missing
	 * @return a builder with cookie_jar's defaults ({@code persistSession} on, {@code ignoreExpires} off)
	 */
	public static Builder builder(Path directory) {
		return new Builder(Objects.requireNonNull(directory, "directory"), null);
	}

	/**
	 * @param storage where the cookie document is kept (a database, an encrypted file: see {@link CookieStorage})
	 * @return a builder with cookie_jar's defaults ({@code persistSession} on, {@code ignoreExpires} off)
	 */
	public static Builder builder(CookieStorage storage) {
		return new Builder(null, Objects.requireNonNull(storage, "storage"));
	}

	@Override
	public void saveFromResponse(URI uri, List<Cookie> cookies) {
		if (this.store.save(uri, cookies)) {
			persist();
		}
	}

	@Override
	public List<Cookie> loadForRequest(URI uri) {
		return this.store.load(uri);
	}

	@Override
	public void delete(URI uri, boolean withDomainSharedCookie) {
		if (this.store.delete(uri, withDomainSharedCookie)) {
			persist();
		}
	}

	@Override
	public void deleteAll() {
		if (this.store.deleteAll()) {
			persist();
		}
	}

	/** @return every cookie that has not expired (all with {@code ignoreExpires}), session ones included, oldest first */
	public List<Cookie> cookies() {
		return this.store.live();
	}

	/** @return the file the cookies are kept in; null when a custom {@link CookieStorage} keeps them */
	public @Nullable Path file() {
		return (this.storage instanceof CookieFile file) ? file.path() : null;
	}

	/** @return where the cookies are kept */
	public CookieStorage storage() {
		return this.storage;
	}

	/**
	 * Replaces the cookies in memory with the stored ones: for a storage that another application
	 * instance may have written since.
	 */
	public void reload() {
		List<Cookie> stored = load();
		synchronized (this.writeLock) {
			this.store.replaceAll(stored);
			this.written = this.store.version();
		}
	}

	/** The stored cookies; none when nothing is stored, or when it cannot be read (then set aside). */
	private List<Cookie> load() {
		try {
			byte[] document = this.storage.read();
			return (document != null) ? CookieDocument.decode(document) : List.of();
		}
		catch (IOException | RuntimeException ex) {
			String outcome;
			try {
				outcome = this.storage.setAside();
			}
			catch (IOException | RuntimeException aside) {
				outcome = "could not set it aside (" + aside + ")";
			}
			logger.warn("Cookie store {} could not be read ({}); {}; starting without cookies", this.storage,
					CookieDocument.describe(ex), outcome);
			return List.of();
		}
	}

	/**
	 * Releases the directory, so another jar may open it (the next application start, a test).
	 * Changes made afterwards are still written, but no longer guarded. Idempotent.
	 */
	@Override
	public void close() {
		this.storage.close();
	}

	private void persist() {
		long changedAt = this.store.version();
		synchronized (this.writeLock) {
			if (this.written >= changedAt) {
				return;
			}
			Instant now = this.store.now();
			CookieStore.Snapshot snapshot = this.store.snapshot(c -> (this.persistSession || c.persistent())
					&& (this.store.ignoreExpires() || !c.isExpired(now)));
			try {
				this.storage.write(CookieDocument.encode(snapshot.cookies()));
				this.written = snapshot.version();
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Could not write the cookie store {} ({}); cookies are kept in memory and the next "
						+ "change tries again", this.storage, ex.toString());
			}
		}
	}

	/**
	 * Builder for {@link PersistCookieJar}.
	 *
	 * <pre>{@code
	 * PersistCookieJar jar = PersistCookieJar.builder(Path.of(".cookies")).ignoreExpires(false).build();
	 * }</pre>
	 */
	public static final class Builder {

		private final @Nullable Path directory;

		private final @Nullable CookieStorage storage;

		private boolean persistSession = true;

		private boolean ignoreExpires;

		private Clock clock = Clock.systemUTC();

		private CookieLimits limits = CookieLimits.DEFAULTS;

		private Builder(@Nullable Path directory, @Nullable CookieStorage storage) {
			this.directory = directory;
			this.storage = storage;
		}

		/** @param persistSession whether session cookies are written to the file too @return this */
		public Builder persistSession(boolean persistSession) {
			this.persistSession = persistSession;
			return this;
		}

		/** @param ignoreExpires whether expired cookies are still sent and kept @return this */
		public Builder ignoreExpires(boolean ignoreExpires) {
			this.ignoreExpires = ignoreExpires;
			return this;
		}

		/** @param limits how many cookies, and how large, the jar keeps (default {@link CookieLimits#DEFAULTS}) @return this */
		public Builder limits(CookieLimits limits) {
			this.limits = Objects.requireNonNull(limits, "limits");
			return this;
		}

		/** @param clock the time that expiry and creation times are measured with @return this */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Takes the directory and reads its {@code cookies.json}, if any; an unreadable one is set aside.
		 * @return the jar
		 * @throws IllegalStateException when another open jar, of this application or another
		 * process, uses the directory
		 */
		public PersistCookieJar build() {
			return new PersistCookieJar(this);
		}

	}

}
