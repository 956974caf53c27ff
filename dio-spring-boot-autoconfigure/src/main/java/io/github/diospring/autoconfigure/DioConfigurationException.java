package io.github.diospring.autoconfigure;

/**
 * A {@code dio.*} setting that cannot work; stops the application at startup, and
 * {@link DioFailureAnalyzer} prints which property is wrong and how to fix it.
 *
 * <pre>{@code
 * throw new DioConfigurationException("dio.base-url", "pub.dev", "is not an absolute http(s) URL",
 *         "Write it as https://host[:port][/path].");
 * }</pre>
 */
public class DioConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String action;

	/**
	 * @param property the full property name
	 * @param value the value found (secrets must be masked by the caller)
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public DioConfigurationException(String property, Object value, String problem, String action) {
		super(property + " = '" + value + "' " + problem);
		this.property = property;
		this.action = action;
	}

	/**
	 * For a key whose value does not matter (or must not be shown).
	 * @param property the full property name
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public DioConfigurationException(String property, String problem, String action) {
		super(property + " " + problem);
		this.property = property;
		this.action = action;
	}

	/** @return the property that is wrong */
	public String property() {
		return this.property;
	}

	/** @return how to fix it */
	public String action() {
		return this.action;
	}

}
