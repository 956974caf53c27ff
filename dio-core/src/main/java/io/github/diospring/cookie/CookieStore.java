package io.github.diospring.cookie;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory cookie store both jars are built on: RFC 6265 rules (through {@link CookieSpec})
 * over a map from domain to cookies, guarded by one lock. Every change bumps a version, so a
 * persisting jar can tell whether its last write is current.
 */
final class CookieStore {

	private static final Logger logger = LoggerFactory.getLogger(CookieStore.class);

	/** §5.4 step 2: longer paths first, then earlier creation. */
	static final Comparator<Cookie> SEND_ORDER = Comparator
		.comparingInt((Cookie c) -> (c.path() != null) ? c.path().length() : 0).reversed()
		.thenComparing(Cookie::creationTime);

	private final boolean ignoreExpires;

	private final Clock clock;

	/** Domain (the host for host-only cookies) to (name, path) to cookie. */
	private final Map<String, Map<Key, Cookie>> byDomain = new HashMap<>();

	private long version;

	CookieStore(boolean ignoreExpires, Clock clock) {
		this.ignoreExpires = ignoreExpires;
		this.clock = clock;
	}

	/** @return whether anything changed */
	synchronized boolean save(URI uri, List<Cookie> cookies) {
		Instant now = this.clock.instant();
		boolean changed = false;
		for (Cookie cookie : cookies) {
			CookieSpec.Verdict verdict = CookieSpec.check(uri, cookie);
			if (verdict.cookie() == null) {
				logger.debug("Cookie '{}' from {} not stored: {}", cookie.name(), uri.getHost(), verdict.reason());
				continue;
			}
			changed |= put(verdict.cookie(), now);
		}
		if (changed) {
			this.version++;
		}
		return changed;
	}

	private boolean put(Cookie cookie, Instant now) {
		Key key = new Key(cookie.name(), cookie.path());
		// An expired cookie is how a server deletes one (Max-Age=0, a past Expires), even with ignoreExpires.
		if (cookie.isExpired(now)) {
			Map<Key, Cookie> cookies = this.byDomain.get(cookie.domain());
			return cookies != null && cookies.remove(key) != null;
		}
		Map<Key, Cookie> cookies = this.byDomain.computeIfAbsent(cookie.domain(), d -> new LinkedHashMap<>());
		Cookie old = cookies.get(key);
		cookies.put(key, cookie.toBuilder().creationTime((old != null) ? old.creationTime() : now).build());
		return true;
	}

	/** Puts cookies back as they were stored (keeping creation times), skipping expired ones unless ignoreExpires. */
	synchronized void restore(List<Cookie> cookies) {
		Instant now = this.clock.instant();
		for (Cookie c : cookies) {
			if (c.domain() != null && c.path() != null && (this.ignoreExpires || !c.isExpired(now))) {
				this.byDomain.computeIfAbsent(c.domain(), d -> new LinkedHashMap<>()).put(new Key(c.name(), c.path()), c);
			}
		}
	}

	synchronized List<Cookie> load(URI uri) {
		String host = CookieSpec.host(uri);
		if (host == null) {
			return List.of();
		}
		String path = CookieSpec.requestPath(uri);
		boolean secure = CookieSpec.isSecure(uri);
		Instant now = this.clock.instant();
		List<Cookie> out = new ArrayList<>();
		for (String domain : candidateDomains(host)) {
			Map<Key, Cookie> cookies = this.byDomain.get(domain);
			if (cookies == null) {
				continue;
			}
			for (Iterator<Cookie> it = cookies.values().iterator(); it.hasNext();) {
				Cookie cookie = it.next();
				if (!this.ignoreExpires && cookie.isExpired(now)) {
					// Already dead: purging is no change a persisted copy must follow (expired ones are not written).
					it.remove();
				}
				else if (CookieSpec.matches(cookie, host, path, secure)) {
					out.add(cookie);
				}
			}
		}
		out.sort(SEND_ORDER);
		return out;
	}

	/** The host, then each parent domain: the only keys a request to the host can match. */
	private static List<String> candidateDomains(String host) {
		if (CookieSpec.isIpAddress(host)) {
			return List.of(host);
		}
		List<String> out = new ArrayList<>();
		String domain = host;
		out.add(domain);
		for (int dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.')) {
			domain = domain.substring(dot + 1);
			out.add(domain);
		}
		return out;
	}

	synchronized boolean delete(URI uri, boolean withDomainSharedCookie) {
		String host = CookieSpec.host(uri);
		if (host == null) {
			return false;
		}
		boolean changed = false;
		for (String domain : candidateDomains(host)) {
			Map<Key, Cookie> cookies = this.byDomain.get(domain);
			if (cookies != null) {
				boolean own = domain.equals(host);
				changed |= cookies.values().removeIf(c -> c.hostOnly() ? own : withDomainSharedCookie);
			}
		}
		if (changed) {
			this.version++;
		}
		return changed;
	}

	synchronized boolean deleteAll() {
		boolean changed = this.byDomain.values().stream().anyMatch(m -> !m.isEmpty());
		this.byDomain.clear();
		if (changed) {
			this.version++;
		}
		return changed;
	}

	/**
	 * @param filter which cookies to include
	 * @return the version and the cookies, oldest first, taken together
	 */
	synchronized Snapshot snapshot(Predicate<Cookie> filter) {
		List<Cookie> all = new ArrayList<>();
		this.byDomain.values().forEach(m -> m.values().stream().filter(filter).forEach(all::add));
		all.sort(Comparator.comparing(Cookie::creationTime));
		return new Snapshot(this.version, all);
	}

	/** @return the cookies a request could still get, oldest first */
	List<Cookie> live() {
		Instant now = this.clock.instant();
		return snapshot(c -> this.ignoreExpires || !c.isExpired(now)).cookies();
	}

	synchronized long version() {
		return this.version;
	}

	Instant now() {
		return this.clock.instant();
	}

	boolean ignoreExpires() {
		return this.ignoreExpires;
	}

	private record Key(String name, String path) {
	}

	/**
	 * The store's content at one version.
	 * @param version the version
	 * @param cookies the cookies
	 */
	record Snapshot(long version, List<Cookie> cookies) {
	}

}
