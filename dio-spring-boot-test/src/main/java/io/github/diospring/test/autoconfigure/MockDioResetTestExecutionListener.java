package io.github.diospring.test.autoconfigure;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the {@link MockDioAdapters} after each test method: a cached application context is
 * shared by test classes, and expectations must not leak from one test into the next.
 */
class MockDioResetTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.getBeanNamesForType(MockDioAdapters.class, false, false).length > 0) {
			context.getBean(MockDioAdapters.class).reset();
		}
	}

}
