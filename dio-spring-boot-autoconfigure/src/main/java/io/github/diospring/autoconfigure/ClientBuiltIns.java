package io.github.diospring.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.diospring.autoconfigure.DioClientProperties.CookieScope;
import io.github.diospring.cookie.CookieJar;
import io.github.diospring.cookie.CookieLimits;
import io.github.diospring.cookie.CookieManager;
import io.github.diospring.cookie.DefaultCookieJar;
import io.github.diospring.cookie.PersistCookieJar;
import io.github.diospring.envelope.DefaultErrorAdaptor;
import io.github.diospring.envelope.EnvelopeFields;
import io.github.diospring.envelope.EnvelopeSettings;
import io.github.diospring.envelope.ErrorAdaptor;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.envelope.ErrorNotifier;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.interceptor.LogInterceptor;
import io.github.diospring.retry.RetryInterceptor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in retry interceptor, cookie manager and error adaptor of one client. The primary
 * client uses the beans; a named client gets its own retry budget, its own jar (unless
 * {@code cookie.share}) and its own error adaptor when it sets {@code error-adaptor.*} — or none,
 * when it turns them off.
 */
final class ClientBuiltIns {

	private final JsonMapper jsonMapper;

	private final @Nullable ErrorAdaptor userAdaptor;

	private final ErrorNotifier notifier;

	ClientBuiltIns(JsonMapper jsonMapper, @Nullable ErrorAdaptor userAdaptor, ErrorNotifier notifier) {
		this.jsonMapper = jsonMapper;
		this.userAdaptor = userAdaptor;
		this.notifier = notifier;
	}

	/** The bean names of the built-ins, also the names of the instances a named client gets of its own. */
	static final String COOKIE_MANAGER = "dioCookieManager";

	static final String ERROR_ADAPTOR = "dioErrorAdaptorInterceptor";

	/**
	 * Replaces, removes or adds the built-ins in a chain of beans, for this client's settings. A
	 * built-in is added only when there is no bean of it at all (the top level turned it off), so
	 * a client's include/exclude lists still decide. A client's own instance is named after the
	 * bean it stands for (or the built-in's bean name), so every client's chain reads the same.
	 * @param names the interceptors' names, by identity: bean names in, own instances' names added
	 */
	List<Interceptor> apply(ClientSettings settings, List<Interceptor> chain, java.util.Collection<Interceptor> allBeans,
			Map<Interceptor, String> names) {
		boolean primary = settings.name.equals(ClientSettings.DEFAULT_CLIENT);
		boolean cookies = Boolean.TRUE.equals(settings.pick(p -> p.getCookie().getEnabled()));
		boolean envelope = !Boolean.FALSE.equals(settings.pick(p -> p.getErrorAdaptor().getEnabled()));
		boolean shareJar = Boolean.TRUE.equals(settings.ownOnly(p -> p.getCookie().getShare()));
		boolean ownEnvelope = settings.hasOwnErrorAdaptorSettings();
		List<Interceptor> result = new ArrayList<>();
		boolean cookieSeen = false;
		boolean envelopeSeen = false;
		boolean retry = ClientRetry.enabled(settings);
		boolean retrySeen = false;
		for (Interceptor interceptor : chain) {
			if (interceptor instanceof RetryInterceptor bean) {
				retrySeen = true;
				if (retry) {
					// a budget is per client: only the primary client uses the bean's
					result.add(primary ? bean : ClientRetry.interceptor(settings));
				}
			}
			else if (interceptor instanceof ResolvesLoadBalancedUrls) {
				// only where it has work: a client whose base URL is lb://
				if (ResolvesLoadBalancedUrls.isLoadBalanced(settings.pick(DioClientProperties::getBaseUrl))) {
					result.add(interceptor);
				}
			}
			else if (interceptor instanceof CookieManager bean) {
				cookieSeen = true;
				if (cookies) {
					result.add((primary || shareJar) ? bean : named(cookieManager(settings), names.get(bean), names));
				}
			}
			else if (interceptor instanceof ErrorAdaptorInterceptor bean) {
				envelopeSeen = true;
				if (envelope) {
					result.add((primary || !ownEnvelope) ? bean : named(errorAdaptor(settings), names.get(bean), names));
				}
			}
			else {
				result.add(interceptor);
			}
		}
		cookieSeen |= allBeans.stream().anyMatch(CookieManager.class::isInstance);
		envelopeSeen |= allBeans.stream().anyMatch(ErrorAdaptorInterceptor.class::isInstance);
		if (envelope && !envelopeSeen && !primary) {
			// where its order puts it: after the application's interceptors, before the log interceptor
			int log = 0;
			while (log < result.size() && !(result.get(log) instanceof LogInterceptor)) {
				log++;
			}
			result.add(log, named(errorAdaptor(settings), ERROR_ADAPTOR, names));
		}
		if (cookies && !cookieSeen && !primary) {
			result.add(0, named(cookieManager(settings), COOKIE_MANAGER, names));
		}
		retrySeen |= allBeans.stream().anyMatch(RetryInterceptor.class::isInstance);
		if (retry && !retrySeen && !primary) {
			result.add(0, ClientRetry.interceptor(settings));
		}
		return result;
	}

	private static Interceptor named(Interceptor own, String name, Map<Interceptor, String> names) {
		names.put(own, name);
		return own;
	}

	static CookieManager cookieManager(ClientSettings settings) {
		boolean ignoreInvalid = Boolean.TRUE.equals(settings.pick(p -> p.getCookie().getIgnoreInvalidCookies()));
		if (settings.pick(p -> p.getCookie().getScope()) != CookieScope.SESSION) {
			return new CookieManager(cookieJar(settings), ignoreInvalid);
		}
		String scope = settings.property("cookie.scope", p -> p.getCookie().getScope());
		Path dir = settings.pick(p -> p.getCookie().getPersistDir());
		if (dir != null) {
			throw new DioConfigurationException(settings.property("cookie.persist-dir", p -> p.getCookie().getPersistDir()),
					dir, "cannot be used with " + scope + "=session: each user's jar lives in their web session",
					"Remove persist-dir (let Spring Session persist sessions), or set " + scope + " to client.");
		}
		if (!SessionCookieJarResolver.available()) {
			throw new DioConfigurationException(scope, "session",
					"needs a web application: neither Spring WebFlux nor the Servlet API is on the classpath",
					"Set it to client, or add spring-boot-starter-webflux or spring-boot-starter-webmvc.");
		}
		boolean ignoreExpires = Boolean.TRUE.equals(settings.pick(p -> p.getCookie().getIgnoreExpires()));
		return new CookieManager(new SessionCookieJarResolver(settings.name, ignoreExpires, scope), ignoreInvalid);
	}

	static CookieJar cookieJar(ClientSettings settings) {
		boolean ignoreExpires = Boolean.TRUE.equals(settings.pick(p -> p.getCookie().getIgnoreExpires()));
		CookieLimits limits = cookieLimits(settings);
		Path dir = settings.pick(p -> p.getCookie().getPersistDir());
		if (dir == null) {
			return new DefaultCookieJar(ignoreExpires, Clock.systemUTC(), limits);
		}
		boolean persistSession = !Boolean.FALSE.equals(settings.pick(p -> p.getCookie().getPersistSession()));
		return PersistCookieJar.builder(dir.resolve(settings.name))
			.persistSession(persistSession)
			.ignoreExpires(ignoreExpires)
			.limits(limits)
			.build();
	}

	/** {@code cookie.max-*}, each inherited on its own, checked at startup. */
	static CookieLimits cookieLimits(ClientSettings settings) {
		CookieLimits defaults = CookieLimits.DEFAULTS;
		int size = limit(settings, "cookie.max-cookie-size", p -> p.getCookie().getMaxCookieSize(), defaults.maxCookieSize());
		int perDomain = limit(settings, "cookie.max-cookies-per-domain", p -> p.getCookie().getMaxCookiesPerDomain(),
				defaults.maxCookiesPerDomain());
		int total = limit(settings, "cookie.max-cookies", p -> p.getCookie().getMaxCookies(), defaults.maxCookies());
		if (total < perDomain) {
			throw new DioConfigurationException(settings.property("cookie.max-cookies", p -> p.getCookie().getMaxCookies()),
					total, "is less than the cookies kept per domain (" + perDomain + ")",
					"Raise it to at least cookie.max-cookies-per-domain, or lower that.");
		}
		return new CookieLimits(size, perDomain, total);
	}

	private static int limit(ClientSettings settings, String kebab, Function<DioClientProperties, @Nullable Integer> getter,
			int fallback) {
		Integer value = settings.pick(getter);
		if (value != null && value <= 0) {
			throw new DioConfigurationException(settings.property(kebab, getter::apply), value, "is not positive",
					"Set a positive number, or leave it unset for " + fallback + ".");
		}
		return (value != null) ? value : fallback;
	}

	ErrorAdaptorInterceptor errorAdaptor(ClientSettings settings) {
		ErrorAdaptor adaptor = (this.userAdaptor != null) ? this.userAdaptor
				: new DefaultErrorAdaptor(fields(settings), notificationShowType(settings), this.jsonMapper);
		return new ErrorAdaptorInterceptor(adaptor, this.notifier, envelopeSettings(settings), this.jsonMapper);
	}

	static EnvelopeFields fields(ClientSettings s) {
		EnvelopeFields umi = EnvelopeFields.UMI;
		return new EnvelopeFields(or(s.pick(p -> p.getErrorAdaptor().getFields().getSuccess()), umi.success()),
				or(s.pick(p -> p.getErrorAdaptor().getFields().getData()), umi.data()),
				or(s.pick(p -> p.getErrorAdaptor().getFields().getErrorCode()), umi.errorCode()),
				or(s.pick(p -> p.getErrorAdaptor().getFields().getErrorMessage()), umi.errorMessage()),
				or(s.pick(p -> p.getErrorAdaptor().getFields().getShowType()), umi.showType()),
				or(s.pick(p -> p.getErrorAdaptor().getFields().getTraceId()), umi.traceId()),
				or(s.pick(p -> p.getErrorAdaptor().getFields().getHost()), umi.host()),
				s.pick(p -> p.getErrorAdaptor().getSuccessValue()));
	}

	static int notificationShowType(ClientSettings s) {
		Integer value = s.pick(p -> p.getErrorAdaptor().getNotificationShowType());
		if (value != null && value != 3 && value != 4) {
			throw new DioConfigurationException(
					s.property("error-adaptor.notification-show-type", p -> p.getErrorAdaptor().getNotificationShowType()),
					value, "is neither 4 (umi 3) nor 3 (umi 4, Ant Design Pro)", "Set it to 4 or 3.");
		}
		return (value != null) ? value : 4;
	}

	static EnvelopeSettings envelopeSettings(ClientSettings s) {
		EnvelopeSettings d = EnvelopeSettings.DEFAULTS;
		var size = s.pick(p -> p.getErrorAdaptor().getMaxInspectSize());
		String dataField = or(s.pick(p -> p.getErrorAdaptor().getDataField()), fields(s).data());
		return new EnvelopeSettings(dataField,
				(size != null) ? size.toBytes() : d.maxInspectBytes(),
				or(s.pick(p -> p.getErrorAdaptor().getMaxMessageLength()), d.maxMessageLength()),
				or(s.pick(p -> p.getErrorAdaptor().getTraceHeaders()), d.traceHeaders()),
				or(s.pick(p -> p.getErrorAdaptor().getErrorPage()), d.errorPage()));
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
