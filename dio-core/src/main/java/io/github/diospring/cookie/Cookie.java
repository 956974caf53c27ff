package io.github.diospring.cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP cookie; an immutable value. As parsed from a {@code Set-Cookie} header, {@code domain}
 * and {@code path} are the attributes the server sent (null when absent, so a cookie without
 * {@code Domain} is host-only). As returned by a {@link CookieJar}, both are always set:
 * {@code domain} is the request host for host-only cookies, {@code path} the attribute or the
 * RFC 6265 default path.
 *
 * <p>{@link #toString()} hides the value: cookie values are credentials.
 *
 * <pre>{@code
 * Cookie sid = Cookie.builder("sid", "31d4d96e407aad42").domain("example.com").path("/")
 *         .maxAge(Duration.ofHours(1)).secure(true).httpOnly(true).build();
 * jar.saveFromResponse(URI.create("https://www.example.com/login"), List.of(sid));
 * }</pre>
 *
 * @param name the name, never empty
 * @param value the value, as the server wrote it (surrounding double quotes kept)
 * @param domain the domain, lower case without a leading dot; null for a parsed cookie without {@code Domain}
 * @param path the path; null for a parsed cookie without (a valid) {@code Path}
 * @param expiresAt when the cookie expires; null for a session cookie
 * @param secure whether it is only sent over https
 * @param httpOnly the {@code HttpOnly} attribute (kept, meaningless outside browsers)
 * @param hostOnly whether it is only sent to exactly {@code domain}, not to its subdomains
 * @param creationTime when it was first stored; a replacement keeps the creation time of the cookie it replaces
 * @param sameSite the {@code SameSite} attribute (kept, not enforced: a client has no site context)
 */
public record Cookie(String name, String value, @Nullable String domain, @Nullable String path,
		@Nullable Instant expiresAt, boolean secure, boolean httpOnly, boolean hostOnly, Instant creationTime,
		@Nullable SameSite sameSite) {

	/** Validates the name and value, so that no cookie can break a {@code Cookie} header, and normalizes the domain. */
	public Cookie {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(creationTime, "creationTime");
		if (name.isBlank() || name.indexOf('=') >= 0 || name.indexOf(';') >= 0 || hasControl(name)) {
			throw new IllegalArgumentException("cookie name '" + name.replaceAll("\\p{Cntrl}", "?")
					+ "' is empty or holds '=', ';' or a control character");
		}
		if (value.indexOf(';') >= 0 || hasControl(value)) {
			throw new IllegalArgumentException("the value of cookie '" + name + "' holds ';' or a control character");
		}
		domain = normalizeDomain(domain);
		if (path != null && path.isEmpty()) {
			path = null;
		}
		if (domain == null) {
			hostOnly = true;
		}
	}

	/**
	 * @param name the name
	 * @param value the value
	 * @return a builder for a host-only session cookie created now
	 */
	public static Builder builder(String name, String value) {
		return new Builder(name, value);
	}

	/** @return a builder holding these values */
	public Builder toBuilder() {
		return new Builder(this.name, this.value).domain(this.domain).path(this.path).expiresAt(this.expiresAt)
			.secure(this.secure).httpOnly(this.httpOnly).hostOnly(this.hostOnly).creationTime(this.creationTime)
			.sameSite(this.sameSite);
	}

	/** @return whether it has an expiry ({@code Expires} or {@code Max-Age}); session cookies do not */
	public boolean persistent() {
		return this.expiresAt != null;
	}

	/**
	 * @param now the current time
	 * @return whether it has expired by then
	 */
	public boolean isExpired(Instant now) {
		return this.expiresAt != null && !this.expiresAt.isAfter(now);
	}

	/** @return {@code name=value}, as sent in a {@code Cookie} header */
	public String toHeaderValue() {
		return this.name + "=" + this.value;
	}

	@Override
	public String toString() {
		return "Cookie[" + this.name + "=██, domain=" + this.domain + ", path=" + this.path + ", expiresAt="
				+ this.expiresAt + (this.secure ? ", secure" : "") + (this.httpOnly ? ", httpOnly" : "")
				+ (this.hostOnly ? ", hostOnly" : "") + ((this.sameSite != null) ? ", sameSite=" + this.sameSite : "")
				+ "]";
	}

	private static @Nullable String normalizeDomain(@Nullable String domain) {
		if (domain == null) {
			return null;
		}
		String d = domain.trim().toLowerCase(Locale.ROOT);
		// RFC 6265 §5.2.3: a leading dot is ignored, an empty Domain is no Domain.
		d = d.startsWith(".") ? d.substring(1) : d;
		return d.isEmpty() ? null : d;
	}

	private static boolean hasControl(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < 0x20 && c != '\t' || c == 0x7f) {
				return true;
			}
		}
		return false;
	}

	/** The {@code SameSite} attribute. */
	public enum SameSite {

		/** {@code SameSite=Strict}. */
		STRICT,

		/** {@code SameSite=Lax}. */
		LAX,

		/** {@code SameSite=None}. */
		NONE

	}

	/**
	 * Builder for {@link Cookie}.
	 *
	 * <pre>{@code
	 * Cookie c = Cookie.builder("theme", "dark").path("/app").expiresAt(Instant.parse("2030-01-01T00:00:00Z")).build();
	 * }</pre>
	 */
	public static final class Builder {

		private final String name;

		private final String value;

		private @Nullable String domain;

		private @Nullable String path;

		private @Nullable Instant expiresAt;

		private boolean secure;

		private boolean httpOnly;

		private boolean hostOnly;

		private Instant creationTime = Instant.now();

		private @Nullable SameSite sameSite;

		private Builder(String name, String value) {
			this.name = name;
			this.value = value;
		}

		/** @param domain the domain; null for host-only @return this */
		public Builder domain(@Nullable String domain) {
			this.domain = domain;
			return this;
		}

		/** @param path the path; null for the default path @return this */
		public Builder path(@Nullable String path) {
			this.path = path;
			return this;
		}

		/** @param expiresAt the expiry; null for a session cookie @return this */
		public Builder expiresAt(@Nullable Instant expiresAt) {
			this.expiresAt = expiresAt;
			return this;
		}

		/** @param maxAge lifetime from now; zero or negative makes it expired @return this */
		public Builder maxAge(Duration maxAge) {
			this.expiresAt = maxAge.isNegative() || maxAge.isZero() ? Instant.MIN : Instant.now().plus(maxAge);
			return this;
		}

		/** @param secure only sent over https @return this */
		public Builder secure(boolean secure) {
			this.secure = secure;
			return this;
		}

		/** @param httpOnly the HttpOnly attribute @return this */
		public Builder httpOnly(boolean httpOnly) {
			this.httpOnly = httpOnly;
			return this;
		}

		/** @param hostOnly only sent to exactly the domain @return this */
		public Builder hostOnly(boolean hostOnly) {
			this.hostOnly = hostOnly;
			return this;
		}

		/** @param creationTime when it was first stored @return this */
		public Builder creationTime(Instant creationTime) {
			this.creationTime = creationTime;
			return this;
		}

		/** @param sameSite the SameSite attribute, or null @return this */
		public Builder sameSite(@Nullable SameSite sameSite) {
			this.sameSite = sameSite;
			return this;
		}

		/**
		 * @return the cookie
		 * @throws IllegalArgumentException when the name or value could break a {@code Cookie} header
		 */
		public Cookie build() {
			return new Cookie(this.name, this.value, this.domain, this.path, this.expiresAt, this.secure,
					this.httpOnly, this.hostOnly, this.creationTime, this.sameSite);
		}

	}

}
