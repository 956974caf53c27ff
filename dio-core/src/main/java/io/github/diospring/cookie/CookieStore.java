package io.github.diospring.cookie;

import java.net.URI;
import java.nio.charset.StandardCharsets;
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

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory cookie store both jars are built on: RFC 6265 rules (through {@link CookieSpec})
 * over a map from domain to cookies, guarded by one lock, within {@link CookieLimits} (evicting
 * expired, then least recently used cookies). Every change bumps a version, so a persisting jar can
 * tell whether its last write is current.
 */
final class CookieStore {

	private static final Logger logger = LoggerFactory.getLogger(CookieStore.class);

	/** §5.4 step 2: longer paths first, then earlier creation. */
	static final Comparator<Cookie> SEND_ORDER = Comparator
		.comparingInt((Cookie c) -> (c.path() != null) ? c.path().length() : 0).reversed()
		.thenComparing(Cookie::creationTime);

	private final boolean ignoreExpires;

	private final Clock clock;

	private final CookieLimits limits;

	/** Every stored cookie, least recently set or sent first. */
	private final LinkedHashMap<StoredKey, Boolean> recency = new LinkedHashMap<>(16, 0.75f, true);

	/** Domain (the host for host-only cookies) to (name, path) to cookie. */
	private final Map<String, Map<Key, Cookie>> byDomain = new HashMap<>();

	private long version;

	CookieStore(boolean ignoreExpires, Clock clock, CookieLimits limits) {
		this.ignoreExpires = ignoreExpires;
		this.clock = clock;
		this.limits = limits;
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
			if (size(cookie) > this.limits.maxCookieSize()) {
				logger.debug("Cookie '{}' from {} not stored: {} bytes is over the limit of {}", cookie.name(),
						uri.getHost(), size(cookie), this.limits.maxCookieSize());
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
			boolean removed = cookies != null && cookies.remove(key) != null;
			this.recency.remove(new StoredKey(cookie.domain(), key));
			return removed;
		}
		Map<Key, Cookie> cookies = this.byDomain.computeIfAbsent(cookie.domain(), d -> new LinkedHashMap<>());
		Cookie old = cookies.get(key);
		cookies.put(key, cookie.toBuilder().creationTime((old != null) ? old.creationTime() : now).build());
		this.recency.put(new StoredKey(cookie.domain(), key), Boolean.TRUE);
		enforceLimits(cookie.domain(), now);
		return true;
	}

	/** RFC 6265 §5.3 step 12 and §6.1: expired cookies go first, then the least recently used. */
	private void enforceLimits(String domain, Instant now) {
		Map<Key, Cookie> cookies = this.byDomain.get(domain);
		if (cookies.size() > this.limits.maxCookiesPerDomain()) {
			removeExpired(now);
			evictLeastRecentlyUsed(domain, cookies.size() - this.limits.maxCookiesPerDomain());
		}
		if (this.recency.size() > this.limits.maxCookies()) {
			removeExpired(now);
			evictLeastRecentlyUsed(null, this.recency.size() - this.limits.maxCookies());
		}
	}

	private void removeExpired(Instant now) {
		if (this.ignoreExpires) {
			return;
		}
		this.byDomain.forEach((domain, cookies) -> cookies.values().removeIf(c -> {
			if (c.isExpired(now)) {
				this.recency.remove(new StoredKey(domain, new Key(c.name(), c.path())));
				return true;
			}
			return false;
		}));
	}

	/** @param domain the domain to evict from, or null for any */
	private void evictLeastRecentlyUsed(@Nullable String domain, int count) {
		int evicted = 0;
		for (Iterator<StoredKey> it = this.recency.keySet().iterator(); it.hasNext() && evicted < count;) {
			StoredKey stored = it.next();
			if (domain == null || stored.domain().equals(domain)) {
				it.remove();
				this.byDomain.get(stored.domain()).remove(stored.key());
				logger.debug("Cookie '{}' of {} evicted: the jar keeps at most {} per domain and {} in all",
						stored.key().name(), stored.domain(), this.limits.maxCookiesPerDomain(), this.limits.maxCookies());
				evicted++;
			}
		}
	}

	private static int size(Cookie cookie) {
		return cookie.name().getBytes(StandardCharsets.UTF_8).length + cookie.value().getBytes(StandardCharsets.UTF_8).length;
	}

	/** Puts cookies back as they were stored (keeping creation times), skipping expired ones unless ignoreExpires. */
	synchronized void restore(List<Cookie> cookies) {
		Instant now = this.clock.instant();
		for (Cookie c : cookies) {
			if (c.domain() != null && c.path() != null && (this.ignoreExpires || !c.isExpired(now))
					&& size(c) <= this.limits.maxCookieSize()) {
				Key key = new Key(c.name(), c.path());
				this.byDomain.computeIfAbsent(c.domain(), d -> new LinkedHashMap<>()).put(key, c);
				this.recency.put(new StoredKey(c.domain(), key), Boolean.TRUE);
				// A file written under larger limits is cut down to these.
				enforceLimits(c.domain(), now);
			}
		}
	}

	/** Replaces every cookie with the given ones (a reload), as one change. */
	synchronized void replaceAll(List<Cookie> cookies) {
		this.byDomain.clear();
		this.recency.clear();
		restore(cookies);
		this.version++;
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
					this.recency.remove(new StoredKey(domain, new Key(cookie.name(), cookie.path())));
				}
				else if (CookieSpec.matches(cookie, host, path, secure)) {
					out.add(cookie);
					// Sending is a use: a cookie in use is not the one evicted when the jar is full.
					this.recency.get(new StoredKey(domain, new Key(cookie.name(), cookie.path())));
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
				changed |= cookies.values().removeIf(c -> {
					boolean remove = c.hostOnly() ? own : withDomainSharedCookie;
					if (remove) {
						this.recency.remove(new StoredKey(domain, new Key(c.name(), c.path())));
					}
					return remove;
				});
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
		this.recency.clear();
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

	private record StoredKey(String domain, Key key) {
	}

	/**
	 * The store's content at one version.
	 * @param version the version
	 * @param cookies the cookies
	 */
	record Snapshot(long version, List<Cookie> cookies) {
	}

}
