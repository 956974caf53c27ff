package io.github.diospring.cookie;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The in-memory jar of one user, kept in that user's web session: the rules and the
 * {@link CookieLimits#DEFAULTS default limits} of {@link DefaultCookieJar}, and {@link Serializable}, so that a session store (Spring Session
 * with Redis or JDBC, a servlet container's session replication) can write it and another
 * instance read it. Only the cookies that can still be sent are written, with their creation
 * times; the format is plain fields (names, values, instants), not the classes of the library's
 * internals.
 *
 * <pre>{@code
 * SessionCookieJar jar = (SessionCookieJar) session.getAttribute(SessionCookieJar.ATTRIBUTE);
 * List<Cookie> cookies = (jar != null) ? jar.cookies() : List.of();
 * }</pre>
 */
public final class SessionCookieJar implements CookieJar, Serializable {

	/** The session attribute the auto-configured session-scope resolvers keep a client's jar under, followed by the client's name. */
	public static final String ATTRIBUTE = "io.github.diospring.cookie.SessionCookieJar.";

	@Serial
	private static final long serialVersionUID = 1L;

	private transient CookieStore store;

	private final boolean ignoreExpires;

	/** An empty jar that never sends expired cookies. */
	public SessionCookieJar() {
		this(false);
	}

	/** @param ignoreExpires whether expired cookies are still sent (a server's deletion still deletes) */
	public SessionCookieJar(boolean ignoreExpires) {
		this.ignoreExpires = ignoreExpires;
		this.store = new CookieStore(ignoreExpires, Clock.systemUTC(), CookieLimits.DEFAULTS);
	}

	@Override
	public void saveFromResponse(URI uri, List<Cookie> cookies) {
		this.store.save(uri, cookies);
	}

	@Override
	public List<Cookie> loadForRequest(URI uri) {
		return this.store.load(uri);
	}

	@Override
	public void delete(URI uri, boolean withDomainSharedCookie) {
		this.store.delete(uri, withDomainSharedCookie);
	}

	@Override
	public void deleteAll() {
		this.store.deleteAll();
	}

	/** @return every stored cookie that can still be sent, oldest first */
	public List<Cookie> cookies() {
		return this.store.live();
	}

	/** A jar's value is its cookies; the count only, never the values (they are credentials). */
	@Override
	public String toString() {
		return "SessionCookieJar[" + cookies().size() + " cookies]";
	}

	@Serial
	private void writeObject(ObjectOutputStream out) throws IOException {
		out.defaultWriteObject();
		List<Cookie> cookies = cookies();
		out.writeInt(cookies.size());
		for (Cookie c : cookies) {
			out.writeUTF(c.name());
			out.writeUTF(c.value());
			writeNullable(out, c.domain());
			writeNullable(out, c.path());
			out.writeObject(c.expiresAt());
			out.writeBoolean(c.secure());
			out.writeBoolean(c.httpOnly());
			out.writeBoolean(c.hostOnly());
			out.writeObject(c.creationTime());
			writeNullable(out, (c.sameSite() != null) ? c.sameSite().name() : null);
		}
	}

	@Serial
	private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
		in.defaultReadObject();
		int count = in.readInt();
		if (count < 0 || count > CookieLimits.DEFAULTS.maxCookies()) {
			throw new InvalidObjectException("a session jar holds " + count + " cookies; at most "
					+ CookieLimits.DEFAULTS.maxCookies() + " are kept");
		}
		List<Cookie> cookies = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String name = in.readUTF();
			String value = in.readUTF();
			String domain = readNullable(in);
			String path = readNullable(in);
			Instant expiresAt = (Instant) in.readObject();
			boolean secure = in.readBoolean();
			boolean httpOnly = in.readBoolean();
			boolean hostOnly = in.readBoolean();
			Instant creationTime = (Instant) in.readObject();
			String sameSite = readNullable(in);
			try {
				cookies.add(new Cookie(name, value, domain, path, expiresAt, secure, httpOnly, hostOnly, creationTime,
						(sameSite != null) ? Cookie.SameSite.valueOf(sameSite) : null));
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				throw (InvalidObjectException) new InvalidObjectException("invalid cookie in a session jar").initCause(ex);
			}
		}
		this.store = new CookieStore(this.ignoreExpires, Clock.systemUTC(), CookieLimits.DEFAULTS);
		this.store.restore(cookies);
	}

	private static void writeNullable(ObjectOutputStream out, @Nullable String value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			out.writeUTF(value);
		}
	}

	private static @Nullable String readNullable(ObjectInputStream in) throws IOException {
		return in.readBoolean() ? in.readUTF() : null;
	}

}
