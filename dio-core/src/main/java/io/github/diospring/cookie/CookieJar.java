package io.github.diospring.cookie;

import java.net.URI;
import java.util.List;

/**
 * Where a {@link CookieManager} keeps cookies (dio's {@code CookieJar} from {@code cookie_jar}):
 * it stores what responses set and answers which cookies a request should carry. Implementations
 * must be thread-safe; {@link DefaultCookieJar} (memory) and {@link PersistCookieJar} (a file)
 * apply RFC 6265's rules.
 *
 * <p>{@link #loadForRequest} runs on the request's thread, which may be a Reactor event-loop
 * thread: answer from memory, do not block. {@link #saveFromResponse}, {@link #delete} and
 * {@link #deleteAll} may do I/O; the {@link CookieManager} calls {@code saveFromResponse} off the
 * event loop.
 *
 * <pre>{@code
 * CookieJar jar = new DefaultCookieJar();
 * dio.interceptors().add(new CookieManager(jar));
 * dio.get("/login").block();
 * List<Cookie> sent = jar.loadForRequest(URI.create("https://api.example.com/orders"));
 * jar.delete(URI.create("https://api.example.com/"), true);   // log out
 * }</pre>
 */
public interface CookieJar {

	/**
	 * Stores the cookies a response set. Cookies the rules refuse (a domain the URI's host does not
	 * match, a public suffix...) are dropped; an already expired cookie deletes the stored one
	 * with the same name, domain and path.
	 * @param uri the URI of the response that set them
	 * @param cookies the cookies, as parsed from its {@code Set-Cookie} headers
	 */
	void saveFromResponse(URI uri, List<Cookie> cookies);

	/**
	 * @param uri the URI about to be requested
	 * @return the cookies to send, longest path first, then oldest first
	 */
	List<Cookie> loadForRequest(URI uri);

	/**
	 * Deletes the host-only cookies of the URI's host, on every path.
	 * @param uri a URI of the host
	 * @param withDomainSharedCookie whether the domain cookies sent to this host go as well
	 */
	void delete(URI uri, boolean withDomainSharedCookie);

	/** Deletes every cookie. */
	void deleteAll();

}
