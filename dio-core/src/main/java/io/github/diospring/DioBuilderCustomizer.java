package io.github.diospring;

/**
 * Customizes each auto-configured {@link Dio} before it is built, for what YAML cannot say:
 * an adapter, a transformer, extra interceptors. Beans of this type are applied in
 * {@code @Order} order, to every client; look at the client's name to target one.
 *
 * <pre>{@code
 * @Bean
 * DioBuilderCustomizer githubAuth(TokenStore tokens) {
 *     return (name, builder) -> {
 *         if (name.equals("github")) builder.interceptor(new GithubAuthInterceptor(tokens));
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface DioBuilderCustomizer {

	/**
	 * @param clientName {@code "default"} for the primary client, else the name under {@code dio.clients}
	 * @param builder the builder, already holding the client's options, adapter and interceptors
	 */
	void customize(String clientName, Dio.Builder builder);

}
