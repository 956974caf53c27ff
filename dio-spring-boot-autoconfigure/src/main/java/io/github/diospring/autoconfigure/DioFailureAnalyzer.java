package io.github.diospring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link DioConfigurationException} at startup: the property, what is wrong, the fix.
 *
 * <pre>{@code
 * Description: Invalid dio configuration: dio.connect-timeout = '-1s' is negative.
 * Action:      Use a positive duration such as 5s, or 0 for no limit.
 * }</pre>
 */
class DioFailureAnalyzer extends AbstractFailureAnalyzer<DioConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DioConfigurationException cause) {
		return new FailureAnalysis("Invalid dio configuration: " + cause.getMessage(),
				"Fix " + cause.property() + ". " + cause.action(), cause);
	}

}
