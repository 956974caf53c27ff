package io.github.diospring.form;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.github.diospring.ListFormat;
import io.github.diospring.ListParam;
import org.jspecify.annotations.Nullable;

/**
 * dio's {@code FormData.fromMap}: {@code encodeMap} with nothing encoded. Nested maps become
 * {@code a[b]}, collections inside lists {@code items[0][name]}; scalar list elements follow the
 * {@link ListFormat} (repeated {@code tag} for MULTI, {@code tag[]} for MULTI_COMPATIBLE, one
 * joined field otherwise); {@link MultipartFile}s go to the files, {@code null} becomes {@code ""}.
 *
 * <p>Differences from dio, on purpose: a list holding files, maps or lists under a joining format
 * (CSV, SSV, TSV, PIPES) is written as MULTI, since joining would send {@code toString()}s; TSV
 * uses a real tab; a {@code byte[]} value is refused (dio would send it as a list of numbers).
 */
final class FormFlattener {

	private final FormData target;

	private final ListFormat defaultFormat;

	private FormFlattener(FormData target, ListFormat defaultFormat) {
		this.target = target;
		this.defaultFormat = defaultFormat;
	}

	static void flatten(Map<String, ?> map, ListFormat format, FormData target) {
		new FormFlattener(target, format).add(map, "");
	}

	private void add(@Nullable Object value, String path) {
		ListFormat format = (value instanceof ListParam p) ? p.format() : this.defaultFormat;
		Object sub = (value instanceof ListParam p) ? p.value() : value;
		if (sub instanceof byte[]) {
			throw new IllegalArgumentException("FormData.fromMap: '" + path + "' is a byte[]; wrap it as "
					+ "MultipartFile.fromBytes(bytes, filename) to upload it, or pass a String for a text field");
		}
		List<?> list = asList(sub);
		if (list != null) {
			addList(list, path, format);
		}
		else if (sub instanceof Map<?, ?> map) {
			map.forEach((k, v) -> {
				String key = String.valueOf(k);
				add(v, path.isEmpty() ? key : path + "[" + key + "]");
			});
		}
		else if (sub instanceof MultipartFile file) {
			this.target.addFile(path, file);
		}
		else {
			this.target.addField(path, sub);
		}
	}

	private void addList(List<?> list, String path, ListFormat format) {
		String separator = separator(format);
		if (separator != null && list.stream().allMatch(FormFlattener::isScalar)) {
			StringBuilder joined = new StringBuilder();
			for (Object element : list) {
				if (joined.length() > 0) {
					joined.append(separator);
				}
				joined.append((element != null) ? element : "");
			}
			this.target.addField(path, joined.toString());
			return;
		}
		for (int i = 0; i < list.size(); i++) {
			Object element = list.get(i);
			boolean collection = !isScalar(element) && !(element instanceof MultipartFile);
			String name;
			if (format == ListFormat.MULTI_COMPATIBLE) {
				name = path + "[" + (collection ? String.valueOf(i) : "") + "]";
			}
			else {
				name = collection ? path + "[" + i + "]" : path;
			}
			add(element, name);
		}
	}

	private static @Nullable String separator(ListFormat format) {
		return switch (format) {
			case CSV -> ",";
			case SSV -> " ";
			case TSV -> "\t";
			case PIPES -> "|";
			case MULTI, MULTI_COMPATIBLE -> null;
		};
	}

	private static boolean isScalar(@Nullable Object value) {
		return !(value instanceof Map || value instanceof ListParam || value instanceof MultipartFile
				|| asList(value) != null);
	}

	/** Collections and arrays (other than byte[]) as a list; anything else: null. */
	private static @Nullable List<?> asList(@Nullable Object value) {
		if (value instanceof List<?> list) {
			return list;
		}
		if (value instanceof Collection<?> collection) {
			return new ArrayList<>(collection);
		}
		if (value != null && value.getClass().isArray() && !(value instanceof byte[])) {
			int n = Array.getLength(value);
			List<Object> list = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				list.add(Array.get(value, i));
			}
			return list;
		}
		return null;
	}

}
