package io.github.diospring.autoconfigure;

import java.util.Map;

import io.github.diospring.Dio;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link Dio} bean per {@code dio.clients.<name>}, named {@code <name>Dio} and
 * qualified {@code <name>}, so {@code @Qualifier("github") Dio github} injects it. The instances
 * come from the {@link DioClients} bean ({@code dioClients.get(name)}). With Spring AOT the set of
 * named clients is fixed when the application is processed, like every bean definition.
 */
class DioClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, Object> clients = Binder.get(this.environment)
			.bind("dio.clients", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of());
		for (String name : clients.keySet()) {
			String beanName = name + "Dio";
			if (registry.containsBeanDefinition(beanName)) {
				continue;
			}
			// a factory method rather than an instance supplier: Spring's AOT processing (native
			// images) can write it as code
			RootBeanDefinition definition = new RootBeanDefinition(Dio.class);
			definition.setFactoryBeanName("dioClients");
			definition.setFactoryMethodName("get");
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			definition.setDestroyMethodName(null);
			registry.registerBeanDefinition(beanName, definition);
		}
	}

}
