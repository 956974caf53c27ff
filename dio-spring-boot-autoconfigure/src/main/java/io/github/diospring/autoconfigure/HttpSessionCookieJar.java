package io.github.diospring.autoconfigure;

import java.net.URI;
import java.util.List;

import io.github.diospring.cookie.Cookie;
import io.github.diospring.cookie.CookieJar;
import io.github.diospring.cookie.SessionCookieJar;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.WebUtils;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * A Spring MVC user's jar: a {@link SessionCookieJar} attribute of their {@link HttpSession},
 * created on the first cookie and set again after every change (so Spring Session saves it).
 * The request comes from the Reactor context when context propagation put it there, else from
 * the calling thread, where the servlet container binds it for the duration of that one request
 * (never from a Reactor event-loop thread, which serves every user).
 */
final class HttpSessionCookieJar implements CookieJar {

	private static final boolean CONTEXT_PROPAGATION = ClassUtils.isPresent("io.micrometer.context.ThreadLocalAccessor",
			HttpSessionCookieJar.class.getClassLoader());

	private final HttpServletRequest request;

	private final String attribute;

	private final boolean ignoreExpires;

	private HttpSessionCookieJar(HttpServletRequest request, String attribute, boolean ignoreExpires) {
		this.request = request;
		this.attribute = attribute;
		this.ignoreExpires = ignoreExpires;
	}

	/** @return the jar of the servlet request in the context or on this thread, or null when there is none */
	static @Nullable CookieJar resolve(ContextView context, String attribute, boolean ignoreExpires) {
		RequestAttributes attributes = null;
		if (CONTEXT_PROPAGATION) {
			attributes = context.getOrDefault(
					org.springframework.web.context.request.RequestAttributesThreadLocalAccessor.KEY, null);
		}
		if (attributes == null && !Schedulers.isInNonBlockingThread()) {
			attributes = RequestContextHolder.getRequestAttributes();
		}
		if (attributes instanceof ServletRequestAttributes servlet) {
			return new HttpSessionCookieJar(servlet.getRequest(), attribute, ignoreExpires);
		}
		return null;
	}

	@Override
	public void saveFromResponse(URI uri, List<Cookie> cookies) {
		HttpSession session = this.request.getSession(true);
		synchronized (WebUtils.getSessionMutex(session)) {
			SessionCookieJar jar = (SessionCookieJar) session.getAttribute(this.attribute);
			if (jar == null) {
				jar = new SessionCookieJar(this.ignoreExpires);
			}
			jar.saveFromResponse(uri, cookies);
			session.setAttribute(this.attribute, jar);
		}
	}

	@Override
	public List<Cookie> loadForRequest(URI uri) {
		SessionCookieJar jar = existing();
		return (jar != null) ? jar.loadForRequest(uri) : List.of();
	}

	@Override
	public void delete(URI uri, boolean withDomainSharedCookie) {
		HttpSession session = this.request.getSession(false);
		SessionCookieJar jar = existing();
		if (session != null && jar != null) {
			jar.delete(uri, withDomainSharedCookie);
			session.setAttribute(this.attribute, jar);
		}
	}

	@Override
	public void deleteAll() {
		HttpSession session = this.request.getSession(false);
		if (session != null) {
			session.removeAttribute(this.attribute);
		}
	}

	private @Nullable SessionCookieJar existing() {
		HttpSession session = this.request.getSession(false);
		return (session != null) ? (SessionCookieJar) session.getAttribute(this.attribute) : null;
	}

}
