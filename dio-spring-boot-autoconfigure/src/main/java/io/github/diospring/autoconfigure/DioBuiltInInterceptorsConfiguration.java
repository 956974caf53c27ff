package io.github.diospring.autoconfigure;

import io.github.diospring.cookie.CookieManager;
import io.github.diospring.envelope.ErrorAdaptor;
import io.github.diospring.envelope.ErrorAdaptorInterceptor;
import io.github.diospring.envelope.ErrorNotifier;
import io.github.diospring.interceptor.LogInterceptor;
import io.github.diospring.retry.RetryInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in interceptors as beans, each switched by YAML and replaceable: the retry
 * interceptor ({@code dio.retry.enabled}, off by default), the cookie manager
 * ({@code dio.cookie.enabled}, off by default), the envelope's error adaptor
 * ({@code dio.error-adaptor.enabled}, on by default) and the log interceptor
 * ({@code dio.log.enabled}, off by default); plus the {@link ErrorNotifier}. They configure the
 * primary client; named clients with their own settings get their own instances.
 */
@Configuration(proxyBeanMethods = false)
class DioBuiltInInterceptorsConfiguration {

	@Bean
	@Order(LogInterceptor.ORDER)
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("dio.log.enabled")
	LogInterceptor dioLogInterceptor(DioProperties properties) {
		DioProperties.Log log = properties.getLog();
		return LogInterceptor.builder()
			.requestUrl(log.isRequestUrl())
			.request(log.isRequest())
			.requestHeader(log.isRequestHeader())
			.requestBody(log.isRequestBody())
			.responseUrl(log.isResponseUrl())
			.responseHeader(log.isResponseHeader())
			.responseBody(log.isResponseBody())
			.error(log.isError())
			.redaction(log.getRedact().toRedaction())
			.maxBodyLength(log.getMaxBodyLength())
			.build();
	}

	@Bean
	@Order(RetryInterceptor.ORDER)
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("dio.retry.enabled")
	RetryInterceptor dioRetryInterceptor(DioProperties properties) {
		return ClientRetry.interceptor(primary(properties));
	}

	@Bean
	@Order(CookieManager.ORDER)
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("dio.cookie.enabled")
	CookieManager dioCookieManager(DioProperties properties) {
		return ClientBuiltIns.cookieManager(primary(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	ErrorNotifier dioErrorNotifier(ApplicationEventPublisher events, DioProperties properties) {
		return new EventPublishingErrorNotifier(events, ClientBuiltIns.envelopeSettings(primary(properties)).errorPage());
	}

	@Bean
	@Order(ErrorAdaptorInterceptor.ORDER)
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "dio.error-adaptor.enabled", matchIfMissing = true)
	ErrorAdaptorInterceptor dioErrorAdaptorInterceptor(DioProperties properties, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ErrorAdaptor> errorAdaptor, ErrorNotifier errorNotifier) {
		return new ClientBuiltIns(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()),
				errorAdaptor.getIfAvailable(), errorNotifier).errorAdaptor(primary(properties));
	}

	private static ClientSettings primary(DioProperties properties) {
		return new ClientSettings(ClientSettings.DEFAULT_CLIENT, properties, properties);
	}

}
