package io.github.diospring.service;

import io.github.diospring.Dio;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Creates {@code @HttpExchange} interface clients on a {@link Dio}, outside Spring Boot (in a Boot
 * application, {@code @ImportHttpServices} groups named after dio clients do it for you).
 *
 * <pre>{@code
 * @HttpExchange("/users")
 * interface UserApi {
 *     @GetExchange("/{id}") User user(@PathVariable long id);
 *     @GetExchange Page<User> page(@RequestParam int current, CancelToken token);
 * }
 *
 * UserApi users = DioHttpServices.createClient(dio, UserApi.class);
 * User ann = users.user(1);
 * }</pre>
 */
public final class DioHttpServices {

	private DioHttpServices() {
	}

	/**
	 * @param <S> the interface type
	 * @param dio the client every call goes through
	 * @param serviceType the {@code @HttpExchange} interface
	 * @return its implementation
	 */
	public static <S> S createClient(Dio dio, Class<S> serviceType) {
		return proxyFactory(dio).build().createClient(serviceType);
	}

	/**
	 * A proxy factory builder on the client, with dio's argument types, for further settings
	 * (a conversion service, an embedded value resolver...).
	 * @param dio the client every call goes through
	 * @return the builder
	 */
	public static HttpServiceProxyFactory.Builder proxyFactory(Dio dio) {
		return configure(HttpServiceProxyFactory.builder(), dio);
	}

	/**
	 * Points a proxy factory builder (such as the one of an HTTP service group) at the client: its
	 * exchange adapter is replaced by a {@link DioHttpExchangeAdapter} (decorators added later still
	 * wrap it) and dio's argument types are added.
	 * @param builder the builder
	 * @param dio the client every call goes through
	 * @return the builder
	 */
	public static HttpServiceProxyFactory.Builder configure(HttpServiceProxyFactory.Builder builder, Dio dio) {
		DioHttpExchangeAdapter adapter = new DioHttpExchangeAdapter(dio);
		return builder.exchangeAdapter(adapter)
			.exchangeAdapterDecorator(groupAdapter -> adapter)
			.customArgumentResolver(new DioArgumentResolver());
	}

}
