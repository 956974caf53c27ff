package io.github.diospring.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The default file system with faults you switch on: a disk that fills up after some bytes, a
 * directory tree where nothing may be created, no atomic moves. Paths from {@link #path(Path)} are
 * real files on disk seen through it, so the code under test needs no seam: the JDK routes every
 * {@code Files} and {@code FileChannel} call on such a path here.
 *
 * <pre>{@code
 * FaultyFileSystem fs = new FaultyFileSystem().diskFullAfter(1024);
 * dio.download("/big", fs.path(tempDir.resolve("big.bin"))).block();   // fails like ENOSPC
 * }</pre>
 */
public final class FaultyFileSystem extends FileSystem {

	private final FileSystem real = FileSystems.getDefault();

	private final Provider provider = new Provider();

	private final AtomicLong spaceLeft = new AtomicLong(Long.MAX_VALUE);

	private volatile boolean readOnly;

	private volatile boolean atomicMoves = true;

	/**
	 * @param bytes how many more bytes fit; later writes fail with "No space left on device"
	 * @return this
	 */
	public FaultyFileSystem diskFullAfter(long bytes) {
		this.spaceLeft.set(bytes);
		return this;
	}

	/** @return this, refusing to create files and directories ({@link AccessDeniedException}) */
	public FaultyFileSystem readOnly() {
		this.readOnly = true;
		return this;
	}

	/** @return this, answering ATOMIC_MOVE with {@link AtomicMoveNotSupportedException} */
	public FaultyFileSystem withoutAtomicMoves() {
		this.atomicMoves = false;
		return this;
	}

	/**
	 * @param realPath a path on the default file system
	 * @return the same file, seen through this file system
	 */
	public Path path(Path realPath) {
		return wrap(realPath);
	}

	private Path wrap(Path p) {
		return (p != null) ? new FaultyPath(p) : null;
	}

	private static Path unwrap(Path p) {
		if (p instanceof FaultyPath f) {
			return f.real;
		}
		throw new ProviderMismatchException(String.valueOf(p));
	}

	@Override
	public FileSystemProvider provider() {
		return this.provider;
	}

	@Override
	public void close() {
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public boolean isReadOnly() {
		return this.readOnly;
	}

	@Override
	public String getSeparator() {
		return this.real.getSeparator();
	}

	@Override
	public Iterable<Path> getRootDirectories() {
		return StreamSupport.stream(this.real.getRootDirectories().spliterator(), false).map(this::wrap)
			.collect(Collectors.toList());
	}

	@Override
	public Iterable<FileStore> getFileStores() {
		return this.real.getFileStores();
	}

	@Override
	public Set<String> supportedFileAttributeViews() {
		return this.real.supportedFileAttributeViews();
	}

	@Override
	public Path getPath(String first, String... more) {
		return wrap(this.real.getPath(first, more));
	}

	@Override
	public PathMatcher getPathMatcher(String syntaxAndPattern) {
		PathMatcher matcher = this.real.getPathMatcher(syntaxAndPattern);
		return p -> matcher.matches(unwrap(p));
	}

	@Override
	public UserPrincipalLookupService getUserPrincipalLookupService() {
		return this.real.getUserPrincipalLookupService();
	}

	@Override
	public WatchService newWatchService() {
		throw new UnsupportedOperationException();
	}

	private final class FaultyPath implements Path {

		final Path real;

		FaultyPath(Path real) {
			this.real = real;
		}

		@Override
		public FileSystem getFileSystem() {
			return FaultyFileSystem.this;
		}

		@Override
		public boolean isAbsolute() {
			return this.real.isAbsolute();
		}

		@Override
		public Path getRoot() {
			return wrap(this.real.getRoot());
		}

		@Override
		public Path getFileName() {
			return wrap(this.real.getFileName());
		}

		@Override
		public Path getParent() {
			return wrap(this.real.getParent());
		}

		@Override
		public int getNameCount() {
			return this.real.getNameCount();
		}

		@Override
		public Path getName(int index) {
			return wrap(this.real.getName(index));
		}

		@Override
		public Path subpath(int beginIndex, int endIndex) {
			return wrap(this.real.subpath(beginIndex, endIndex));
		}

		@Override
		public boolean startsWith(Path other) {
			return this.real.startsWith(unwrap(other));
		}

		@Override
		public boolean endsWith(Path other) {
			return this.real.endsWith(unwrap(other));
		}

		@Override
		public Path normalize() {
			return wrap(this.real.normalize());
		}

		@Override
		public Path resolve(Path other) {
			return wrap(this.real.resolve(unwrap(other)));
		}

		@Override
		public Path relativize(Path other) {
			return wrap(this.real.relativize(unwrap(other)));
		}

		@Override
		public URI toUri() {
			return this.real.toUri();
		}

		@Override
		public Path toAbsolutePath() {
			return wrap(this.real.toAbsolutePath());
		}

		@Override
		public Path toRealPath(LinkOption... options) throws IOException {
			return wrap(this.real.toRealPath(options));
		}

		@Override
		public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int compareTo(Path other) {
			return this.real.compareTo(unwrap(other));
		}

		@Override
		public boolean equals(Object other) {
			return (other instanceof FaultyPath f) && f.real.equals(this.real);
		}

		@Override
		public int hashCode() {
			return this.real.hashCode();
		}

		@Override
		public String toString() {
			return this.real.toString();
		}

	}

	private final class Provider extends FileSystemProvider {

		private FileSystemProvider real() {
			return FaultyFileSystem.this.real.provider();
		}

		private void checkCreate(Path path, Set<? extends OpenOption> options) throws AccessDeniedException {
			if (FaultyFileSystem.this.readOnly
					&& (options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW)
							|| options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND))) {
				throw new AccessDeniedException(path.toString());
			}
		}

		@Override
		public String getScheme() {
			return "faulty";
		}

		@Override
		public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
			throw new UnsupportedOperationException();
		}

		@Override
		public FileSystem getFileSystem(URI uri) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Path getPath(URI uri) {
			throw new UnsupportedOperationException();
		}

		@Override
		public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
				throws IOException {
			return newFileChannel(path, options, attrs);
		}

		@Override
		public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
				throws IOException {
			checkCreate(path, options);
			return new FullDiskChannel(real().newFileChannel(unwrap(path), options, attrs));
		}

		@Override
		public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
				throws IOException {
			DirectoryStream<Path> entries = real().newDirectoryStream(unwrap(dir), p -> filter.accept(wrap(p)));
			return new DirectoryStream<>() {

				@Override
				public Iterator<Path> iterator() {
					Iterator<Path> it = entries.iterator();
					return new Iterator<>() {

						@Override
						public boolean hasNext() {
							return it.hasNext();
						}

						@Override
						public Path next() {
							return wrap(it.next());
						}

					};
				}

				@Override
				public void close() throws IOException {
					entries.close();
				}

			};
		}

		@Override
		public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
			if (FaultyFileSystem.this.readOnly) {
				throw new AccessDeniedException(dir.toString());
			}
			real().createDirectory(unwrap(dir), attrs);
		}

		@Override
		public void delete(Path path) throws IOException {
			real().delete(unwrap(path));
		}

		@Override
		public void copy(Path source, Path target, CopyOption... options) throws IOException {
			real().copy(unwrap(source), unwrap(target), options);
		}

		@Override
		public void move(Path source, Path target, CopyOption... options) throws IOException {
			if (!FaultyFileSystem.this.atomicMoves && Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
				throw new AtomicMoveNotSupportedException(source.toString(), target.toString(), "not on this file system");
			}
			real().move(unwrap(source), unwrap(target), options);
		}

		@Override
		public boolean isSameFile(Path path, Path path2) throws IOException {
			return real().isSameFile(unwrap(path), unwrap(path2));
		}

		@Override
		public boolean isHidden(Path path) throws IOException {
			return real().isHidden(unwrap(path));
		}

		@Override
		public FileStore getFileStore(Path path) throws IOException {
			return real().getFileStore(unwrap(path));
		}

		@Override
		public void checkAccess(Path path, AccessMode... modes) throws IOException {
			if (FaultyFileSystem.this.readOnly && Arrays.asList(modes).contains(AccessMode.WRITE)) {
				throw new AccessDeniedException(path.toString());
			}
			real().checkAccess(unwrap(path), modes);
		}

		@Override
		public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
			return real().getFileAttributeView(unwrap(path), type, options);
		}

		@Override
		public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
				throws IOException {
			return real().readAttributes(unwrap(path), type, options);
		}

		@Override
		public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
			return real().readAttributes(unwrap(path), attributes, options);
		}

		@Override
		public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
			real().setAttribute(unwrap(path), attribute, value, options);
		}

	}

	/** A real file channel whose writes stop, as on a full disk, once the space left is used up. */
	private final class FullDiskChannel extends FileChannel {

		private final FileChannel real;

		FullDiskChannel(FileChannel real) {
			this.real = real;
		}

		private int write(ByteBuffer src, long position, boolean positioned) throws IOException {
			long left = FaultyFileSystem.this.spaceLeft.get();
			if (left <= 0) {
				throw new IOException("No space left on device");
			}
			ByteBuffer slice = src;
			if (src.remaining() > left) {
				slice = src.duplicate();
				slice.limit(src.position() + (int) left);
			}
			int written = positioned ? this.real.write(slice, position) : this.real.write(slice);
			if (slice != src) {
				src.position(src.position() + written);
			}
			FaultyFileSystem.this.spaceLeft.addAndGet(-written);
			return written;
		}

		@Override
		public int write(ByteBuffer src) throws IOException {
			return write(src, -1, false);
		}

		@Override
		public int write(ByteBuffer src, long position) throws IOException {
			return write(src, position, true);
		}

		@Override
		public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
			long total = 0;
			for (int i = offset; i < offset + length; i++) {
				total += write(srcs[i]);
			}
			return total;
		}

		@Override
		public int read(ByteBuffer dst) throws IOException {
			return this.real.read(dst);
		}

		@Override
		public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
			return this.real.read(dsts, offset, length);
		}

		@Override
		public int read(ByteBuffer dst, long position) throws IOException {
			return this.real.read(dst, position);
		}

		@Override
		public long position() throws IOException {
			return this.real.position();
		}

		@Override
		public FileChannel position(long newPosition) throws IOException {
			this.real.position(newPosition);
			return this;
		}

		@Override
		public long size() throws IOException {
			return this.real.size();
		}

		@Override
		public FileChannel truncate(long size) throws IOException {
			this.real.truncate(size);
			return this;
		}

		@Override
		public void force(boolean metaData) throws IOException {
			this.real.force(metaData);
		}

		@Override
		public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
			return this.real.transferTo(position, count, target);
		}

		@Override
		public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
			return this.real.transferFrom(src, position, count);
		}

		@Override
		public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
			return this.real.map(mode, position, size);
		}

		@Override
		public FileLock lock(long position, long size, boolean shared) throws IOException {
			return this.real.lock(position, size, shared);
		}

		@Override
		public FileLock tryLock(long position, long size, boolean shared) throws IOException {
			return this.real.tryLock(position, size, shared);
		}

		@Override
		protected void implCloseChannel() throws IOException {
			this.real.close();
		}

	}

}
