package io.github.diospring.autoconfigure;

import io.github.diospring.autoconfigure.DioClientProperties.CookieScope;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the top level or any named client sets {@code cookie.scope: session}. */
final class OnSessionCookieScope extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		DioProperties properties = Binder.get(context.getEnvironment()).bind("dio", DioProperties.class).orElse(null);
		boolean session = properties != null && (properties.getCookie().getScope() == CookieScope.SESSION
				|| properties.getClients().values().stream().anyMatch(c -> c.getCookie().getScope() == CookieScope.SESSION));
		return session ? ConditionOutcome.match("a dio cookie.scope is session")
				: ConditionOutcome.noMatch("no dio cookie.scope is session");
	}

}
