package io.github.diospring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Stops startup on a {@code dio.*} key that nothing binds, such as {@code dio.recieve-timeout},
 * naming the closest valid key. The valid keys are whatever the {@code @ConfigurationProperties}
 * beans under {@code dio} bind — {@link DioProperties} and any other class with a {@code dio.*}
 * prefix — found by binding them again with Boot's {@link NoUnboundElementsBindHandler}, so new
 * properties are valid as soon as they exist, and the free keys of map properties
 * ({@code dio.headers.*}, {@code dio.extra.*}, {@code dio.clients.<name>}) stay free. Environment
 * variables are not checked: any {@code DIO_*} variable of the machine would look like a key.
 */
final class DioUnknownKeys {

	private static final ConfigurationPropertyName DIO = ConfigurationPropertyName.of("dio");

	private DioUnknownKeys() {
	}

	/**
	 * @param beans where the {@code @ConfigurationProperties} beans are defined
	 * @param environment the configuration
	 * @throws DioConfigurationException for the first unknown key
	 */
	static void check(ListableBeanFactory beans, Environment environment) {
		Map<ConfigurationPropertyName, Class<?>> roots = dioPropertiesTypes(beans);
		Binder binder = Binder.get(environment);
		Map<ConfigurationPropertyName, Set<ConfigurationPropertyName>> unboundByRoot = new LinkedHashMap<>();
		Map<ConfigurationPropertyName, ConfigurationProperty> candidates = new TreeMap<>();
		for (Map.Entry<ConfigurationPropertyName, Class<?>> root : roots.entrySet()) {
			Set<ConfigurationProperty> unbound = unbound(binder, root.getKey(), root.getValue());
			if (unbound == null) {
				return; // the application's own binding reports what is wrong
			}
			unboundByRoot.put(root.getKey(), unbound.stream().map(ConfigurationProperty::getName).collect(Collectors.toSet()));
			unbound.forEach(p -> candidates.put(p.getName(), p));
		}
		List<ConfigurationProperty> unknown = candidates.values()
			.stream()
			.filter(p -> unboundByEveryOwner(p.getName(), unboundByRoot))
			.toList();
		if (!unknown.isEmpty()) {
			throw error(unknown, roots);
		}
	}

	/** {@code @ConfigurationProperties} bean types by prefix, for prefixes {@code dio} and below. */
	private static Map<ConfigurationPropertyName, Class<?>> dioPropertiesTypes(ListableBeanFactory beans) {
		Map<ConfigurationPropertyName, Class<?>> roots = new TreeMap<>();
		for (String name : beans.getBeanNamesForAnnotation(ConfigurationProperties.class)) {
			ConfigurationProperties annotation = beans.findAnnotationOnBean(name, ConfigurationProperties.class);
			Class<?> type = beans.getType(name, false);
			if (annotation == null || type == null) {
				continue;
			}
			String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
			ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
			if (root.equals(DIO) || DIO.isAncestorOf(root)) {
				roots.put(root, ClassUtils.getUserClass(type));
			}
		}
		return roots;
	}

	/** @return the keys under the prefix that binding the type leaves unbound, or null when binding fails */
	private static @Nullable Set<ConfigurationProperty> unbound(Binder binder, ConfigurationPropertyName prefix, Class<?> type) {
		BindHandler handler = new NoUnboundElementsBindHandler(BindHandler.DEFAULT,
				source -> !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource));
		try {
			binder.bind(prefix, Bindable.of(type), handler);
			return Set.of();
		}
		catch (BindException ex) {
			if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
				return unbound.getUnboundProperties();
			}
			return null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** Unknown when every properties class whose prefix covers the key leaves it unbound. */
	private static boolean unboundByEveryOwner(ConfigurationPropertyName key,
			Map<ConfigurationPropertyName, Set<ConfigurationPropertyName>> unboundByRoot) {
		return unboundByRoot.entrySet()
			.stream()
			.filter(root -> root.getKey().equals(key) || root.getKey().isAncestorOf(key))
			.allMatch(root -> root.getValue().contains(key));
	}

	private static DioConfigurationException error(List<ConfigurationProperty> unknown,
			Map<ConfigurationPropertyName, Class<?>> roots) {
		ConfigurationProperty first = unknown.get(0);
		String key = first.getName().toString();
		String closest = closest(key, validKeys(roots, key));
		String where = (first.getOrigin() != null) ? " (" + first.getOrigin() + ")" : "";
		String others = (unknown.size() > 1) ? " Also unknown: "
				+ unknown.subList(1, unknown.size()).stream().map(p -> p.getName().toString()).collect(Collectors.joining(", ")) + "."
				: "";
		String action = ((closest != null) ? "Did you mean " + closest + "? " : "")
				+ "Unknown dio keys stop startup so that a typo is not silently ignored; see the configuration reference in the README."
				+ others;
		return new DioConfigurationException(key, "is not a dio property" + where, action);
	}

	/** Every valid key, with the free map keys of {@code key} put in place, so they compare well. */
	private static List<String> validKeys(Map<ConfigurationPropertyName, Class<?>> roots, String key) {
		List<String> keys = new ArrayList<>();
		String[] segments = key.split("\\.");
		roots.forEach((prefix, type) -> collect(prefix.toString(), type, 0, keys));
		return keys.stream().map(pattern -> fill(pattern, segments)).toList();
	}

	private static String fill(String pattern, String[] segments) {
		String[] parts = pattern.split("\\.");
		for (int i = 0; i < parts.length; i++) {
			if (parts[i].equals("*")) {
				parts[i] = (i < segments.length) ? segments[i] : "<name>";
			}
		}
		return String.join(".", parts);
	}

	/** Walks a bound type as the binder does: JavaBean properties and record components, maps as {@code *}. */
	private static void collect(String prefix, Type type, int depth, List<String> keys) {
		Class<?> raw = raw(type);
		if (depth > 6 || raw == null) {
			return;
		}
		for (Map.Entry<String, Type> property : properties(raw).entrySet()) {
			String key = prefix + "." + DataObjectPropertyName.toDashedForm(property.getKey());
			Class<?> valueType = raw(property.getValue());
			if (valueType != null && Map.class.isAssignableFrom(valueType)) {
				Type mapValue = typeArgument(property.getValue(), 1);
				Class<?> mapRaw = raw(mapValue);
				if (mapRaw != null && isNested(mapRaw)) {
					collect(key + ".*", mapValue, depth + 1, keys);
				}
				else {
					keys.add(key + ".*");
				}
			}
			else if (valueType != null && isNested(valueType)) {
				collect(key, valueType, depth + 1, keys);
			}
			else {
				keys.add(key);
			}
		}
	}

	private static Map<String, Type> properties(Class<?> type) {
		Map<String, Type> properties = new LinkedHashMap<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				properties.put(component.getName(), component.getGenericType());
			}
			return properties;
		}
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() != null && !descriptor.getName().equals("class")) {
				properties.put(descriptor.getName(), descriptor.getReadMethod().getGenericReturnType());
			}
		}
		return properties;
	}

	/** A type the binder descends into: one of the application's classes, not a value type. */
	private static boolean isNested(Class<?> type) {
		String name = type.getName();
		return !type.isPrimitive() && !type.isEnum() && !type.isArray() && !Collection.class.isAssignableFrom(type)
				&& !name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("org.springframework.");
	}

	private static @Nullable Class<?> raw(@Nullable Type type) {
		if (type instanceof Class<?> c) {
			return c;
		}
		if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
			return c;
		}
		return null;
	}

	private static @Nullable Type typeArgument(Type type, int index) {
		return (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index)
				? p.getActualTypeArguments()[index] : null;
	}

	private static @Nullable String closest(String key, List<String> valid) {
		return valid.stream()
			.filter(candidate -> !candidate.equals(key))
			.min(Comparator.comparingInt((String candidate) -> distance(key, candidate)))
			.orElse(null);
	}

	/** Levenshtein distance. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
