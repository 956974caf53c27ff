package io.github.diospring.test.autoconfigure;

import io.github.diospring.test.MockDioAdapter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers each mocked client's {@link MockDioAdapter} as a bean qualified by the client's name
 * ({@code <name>MockDioAdapter}); the default client's is primary, so a plain
 * {@code @Autowired MockDioAdapter} gets it.
 */
class MockDioAdaptersRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String client : MockDioAutoConfiguration.mockedClients(this.environment)) {
			RootBeanDefinition definition = new RootBeanDefinition(MockDioAdapter.class);
			definition.setFactoryBeanName("mockDioAdapters");
			definition.setFactoryMethodName("get");
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, client);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, client));
			definition.setPrimary(client.equals(MockDioAutoConfiguration.DEFAULT_CLIENT));
			definition.setDestroyMethodName(null);
			registry.registerBeanDefinition(client + "MockDioAdapter", definition);
		}
	}

}
