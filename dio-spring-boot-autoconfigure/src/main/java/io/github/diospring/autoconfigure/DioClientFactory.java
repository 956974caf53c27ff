package io.github.diospring.autoconfigure;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioBuilderCustomizer;
import io.github.diospring.Redaction;
import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.envelope.ErrorAdaptor;
import io.github.diospring.envelope.ErrorNotifier;
import io.github.diospring.envelope.LoggingErrorNotifier;
import io.github.diospring.observation.DefaultDioObservationConvention;
import io.github.diospring.observation.DioObservationConvention;
import io.github.diospring.transformer.DefaultTransformer;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds one {@link Dio} per client: its options, a connector with its proxy and TLS settings
 * (redirects left to dio), Boot's {@code WebClient.Builder}, its selection of interceptor beans,
 * then every {@link DioBuilderCustomizer}.
 */
final class DioClientFactory {

	private static final Logger logger = LoggerFactory.getLogger(DioClientFactory.class);

	private final ObjectProvider<WebClient.Builder> webClientBuilders;

	private final ClientHttpConnectorBuilder<?> connectorBuilder;

	private final HttpClientSettings globalSettings;

	private final @Nullable SslBundles sslBundles;

	private final JsonMapper jsonMapper;

	private final Map<String, Interceptor> interceptors;

	private final List<DioBuilderCustomizer> customizers;

	private final ClientBuiltIns builtIns;

	private final ClientObservation observation;

	DioClientFactory(ObjectProvider<WebClient.Builder> webClientBuilders, ClientHttpConnectorBuilder<?> connectorBuilder,
			HttpClientSettings globalSettings, @Nullable SslBundles sslBundles, JsonMapper jsonMapper,
			Map<String, Interceptor> interceptors, List<DioBuilderCustomizer> customizers, ClientBuiltIns builtIns,
			ClientObservation observation) {
		this.webClientBuilders = webClientBuilders;
		this.connectorBuilder = connectorBuilder;
		this.globalSettings = globalSettings;
		this.sslBundles = sslBundles;
		this.jsonMapper = jsonMapper;
		this.interceptors = interceptors;
		this.customizers = customizers;
		this.builtIns = builtIns;
		this.observation = observation;
	}

	/** Collects the collaborators from the application context; each is optional. */
	static DioClientFactory fromContext(ListableBeanFactory beans, Environment environment) {
		JsonMapper mapper = beans.getBeanProvider(JsonMapper.class).getIfAvailable(() -> JsonMapper.builder().build());
		ObjectProvider<ClientHttpConnectorBuilder> connector = beans.getBeanProvider(ClientHttpConnectorBuilder.class);
		ClientBuiltIns builtIns = new ClientBuiltIns(mapper, beans.getBeanProvider(ErrorAdaptor.class).getIfAvailable(),
				beans.getBeanProvider(ErrorNotifier.class).getIfAvailable(LoggingErrorNotifier::new));
		String name = environment.getProperty("management.observations.http.client.requests.name", "http.client.requests");
		ClientObservation observation = new ClientObservation(
				beans.getBeanProvider(ObservationRegistry.class).getIfAvailable(() -> ObservationRegistry.NOOP),
				beans.getBeanProvider(DioObservationConvention.class)
					.getIfAvailable(() -> new DefaultDioObservationConvention(name)));
		return new DioClientFactory(beans.getBeanProvider(WebClient.Builder.class),
				(connector.getIfAvailable() != null) ? connector.getIfAvailable() : ClientHttpConnectorBuilder.detect(),
				beans.getBeanProvider(HttpClientSettings.class).getIfAvailable(HttpClientSettings::defaults),
				beans.getBeanProvider(SslBundles.class).getIfAvailable(), mapper, namedInOrder(beans),
				beans.getBeanProvider(DioBuilderCustomizer.class).orderedStream().toList(), builtIns, observation);
	}

	/** Interceptor beans by name, in {@code @Order} order (also honouring {@code @Order} on {@code @Bean} methods). */
	private static Map<String, Interceptor> namedInOrder(ListableBeanFactory beans) {
		Map<Interceptor, String> names = new IdentityHashMap<>();
		beans.getBeansOfType(Interceptor.class).forEach((name, bean) -> names.put(bean, name));
		Map<String, Interceptor> ordered = new LinkedHashMap<>();
		beans.getBeanProvider(Interceptor.class)
			.orderedStream()
			.forEach(i -> ordered.put(names.getOrDefault(i, i.getClass().getName()), i));
		return ordered;
	}

	DioClients createAll(DioProperties properties) {
		Map<String, Dio> clients = new LinkedHashMap<>();
		Map<String, List<String>> chains = new LinkedHashMap<>();
		Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
		List<ClientSettings> all = new ArrayList<>();
		all.add(new ClientSettings(ClientSettings.DEFAULT_CLIENT, properties, properties));
		properties.getClients().forEach((name, client) -> all.add(new ClientSettings(name, client, properties)));
		Redaction redaction = properties.getLog().getRedact().toRedaction();
		try {
			for (ClientSettings settings : all) {
				Dio dio = create(settings, redaction);
				clients.put(settings.name, dio);
				chains.put(settings.name, describeChain(dio));
				configurations.put(settings.name, ClientDescription.describe(settings, dio.options()));
				logger.debug("dio client '{}': baseUrl '{}', interceptors {}", settings.name, dio.options().baseUrl(),
						chains.get(settings.name));
			}
		}
		catch (RuntimeException ex) {
			clients.values().forEach(DioClients::close);
			throw ex;
		}
		return new DioClients(clients, chains, configurations);
	}

	/** On Reactor Netty, one bad response header is dropped alone instead of failing the response. */
	private static ClientHttpConnectorBuilder<?> lenientHeaders(ClientHttpConnectorBuilder<?> builder) {
		return (builder instanceof ReactorClientHttpConnectorBuilder reactor)
				? reactor.withHttpClientCustomizer(WebClientAdapter::lenientHeaders) : builder;
	}

	private Dio create(ClientSettings settings, Redaction redaction) {
		// Messages, toString() and logs of this client's requests mask what dio.log.redact.* names.
		BaseOptions options = settings.toBaseOptions().toBuilder().extra(Redaction.EXTRA_KEY, redaction).build();
		HttpClientSettings connectorSettings = new ClientTls(this.sslBundles)
			.apply(settings, this.globalSettings.withRedirects(HttpRedirects.DONT_FOLLOW));
		ClientHttpConnectorBuilder<?> connector = lenientHeaders(ClientProxy.apply(settings, this.connectorBuilder));
		// dio observes the logical request itself; WebClient's own observation would count each hop again
		WebClient.Builder webClient = this.webClientBuilders.getIfAvailable(WebClient::builder)
			.clientConnector(connector.build(connectorSettings))
			.observationRegistry(io.micrometer.observation.ObservationRegistry.NOOP);
		Dio.Builder builder = Dio.builder()
			.name(settings.name)
			.observationRegistry(this.observation.registry())
			.observationConvention(this.observation.convention())
			.options(options)
			.adapter(new WebClientAdapter(webClient))
			.transformer(new DefaultTransformer(this.jsonMapper))
			.jsonMapper(this.jsonMapper);
		this.builtIns.apply(settings, select(settings), this.interceptors.values()).forEach(builder::interceptor);
		this.customizers.forEach(customizer -> customizer.customize(settings.name, builder));
		return builder.build();
	}

	/** Interceptor beans in order, filtered by the client's include and exclude lists. */
	private List<Interceptor> select(ClientSettings settings) {
		for (String name : concat(settings.include(), settings.exclude())) {
			if (!this.interceptors.containsKey(name)) {
				String list = settings.include().contains(name) ? "include" : "exclude";
				throw new DioConfigurationException(settings.property("interceptors." + list, p -> "set"), name,
						"is not the name of an Interceptor bean",
						"Use one of " + this.interceptors.keySet() + ", or remove it.");
			}
		}
		return this.interceptors.entrySet()
			.stream()
			.filter(e -> settings.include().isEmpty() || settings.include().contains(e.getKey()))
			.filter(e -> !settings.exclude().contains(e.getKey()))
			.map(Map.Entry::getValue)
			.collect(Collectors.toList());
	}

	private List<String> describeChain(Dio dio) {
		Map<Interceptor, String> names = new IdentityHashMap<>();
		this.interceptors.forEach((name, interceptor) -> names.put(interceptor, name));
		return dio.interceptors()
			.toList()
			.stream()
			.map(i -> names.getOrDefault(i, i.getClass().getName()))
			.collect(Collectors.toList());
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
