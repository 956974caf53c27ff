package io.github.diospring.autoconfigure;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.diospring.autoconfigure.DioClientProperties.RetrySettings;
import io.github.diospring.retry.RetryBudget;
import io.github.diospring.retry.RetryInterceptor;
import io.github.diospring.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * One client's {@link RetryInterceptor} from {@code retry.*}, each value inherited from the top
 * level, each invalid value reported with its property name. Every client gets its own budget.
 */
final class ClientRetry {

	private ClientRetry() {
	}

	static boolean enabled(ClientSettings settings) {
		return Boolean.TRUE.equals(settings.pick(p -> p.getRetry().getEnabled()));
	}

	static RetryInterceptor interceptor(ClientSettings s) {
		RetryPolicy.Builder policy = RetryPolicy.builder();
		set(s, r -> r.getMaxAttempts(), policy::maxAttempts);
		set(s, r -> r.getStatuses(), policy::retryableStatuses);
		set(s, r -> r.getMethods(), policy::retryableMethods);
		set(s, r -> r.getInitialBackoff(), policy::initialBackoff);
		set(s, r -> r.getMaxBackoff(), policy::maxBackoff);
		set(s, r -> r.getMaxRetryAfter(), policy::maxRetryAfter);
		RetryPolicy built = build(s, policy::build);
		return new RetryInterceptor(built, budget(s));
	}

	private static RetryBudget budget(ClientSettings s) {
		if (Boolean.FALSE.equals(s.pick(p -> p.getRetry().getBudget().getEnabled()))) {
			return RetryBudget.unlimited();
		}
		RetryBudget defaults = RetryBudget.defaults();
		Double ratio = s.pick(p -> p.getRetry().getBudget().getRatio());
		Integer minRetries = s.pick(p -> p.getRetry().getBudget().getMinRetries());
		Duration window = s.pick(p -> p.getRetry().getBudget().getWindow());
		return build(s, () -> RetryBudget.of((ratio != null) ? ratio : defaults.ratio(),
				(minRetries != null) ? minRetries : defaults.minRetries(), (window != null) ? window : defaults.window()));
	}

	private static <T> void set(ClientSettings s, Function<RetrySettings, @Nullable T> getter, Consumer<T> setter) {
		T value = s.pick(p -> getter.apply(p.getRetry()));
		if (value != null) {
			setter.accept(value);
		}
	}

	/** The policy's and budget's messages start with the field name; name the property instead. */
	private static <T> T build(ClientSettings s, java.util.function.Supplier<T> builder) {
		try {
			return builder.get();
		}
		catch (IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			int colon = message.indexOf(':');
			String field = (colon > 0) ? message.substring(0, colon) : "";
			String kebab = switch (field) {
				case "maxAttempts" -> "max-attempts";
				case "retryableStatuses" -> "statuses";
				case "initialBackoff" -> "initial-backoff";
				case "maxBackoff" -> "max-backoff";
				case "maxRetryAfter" -> "max-retry-after";
				case "ratio" -> "budget.ratio";
				case "minRetries" -> "budget.min-retries";
				case "window" -> "budget.window";
				default -> "";
			};
			Function<DioClientProperties, @Nullable Object> getter = p -> value(p.getRetry(), kebab);
			String property = s.property("retry." + kebab, getter);
			Object value = s.pick(getter);
			return fail(property, value, message.substring(colon + 1).trim());
		}
	}

	private static @Nullable Object value(RetrySettings r, String kebab) {
		return switch (kebab) {
			case "max-attempts" -> r.getMaxAttempts();
			case "statuses" -> r.getStatuses();
			case "initial-backoff" -> r.getInitialBackoff();
			case "max-backoff" -> r.getMaxBackoff();
			case "max-retry-after" -> r.getMaxRetryAfter();
			case "budget.ratio" -> r.getBudget().getRatio();
			case "budget.min-retries" -> r.getBudget().getMinRetries();
			case "budget.window" -> r.getBudget().getWindow();
			default -> null;
		};
	}

	private static <T> T fail(String property, @Nullable Object value, String problem) {
		throw new DioConfigurationException(property, value, problem.replaceFirst("^\\S+ ", ""),
				"See dio.retry.* in the README's configuration reference.");
	}

}
