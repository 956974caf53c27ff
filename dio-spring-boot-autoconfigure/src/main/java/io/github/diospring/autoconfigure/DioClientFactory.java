package io.github.diospring.autoconfigure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.github.diospring.BaseOptions;
import io.github.diospring.Dio;
import io.github.diospring.DioBuilderCustomizer;
import io.github.diospring.Redaction;
import io.github.diospring.adapter.AdapterType;
import io.github.diospring.adapter.HttpClientAdapter;
import io.github.diospring.adapter.PoolSettings;
import io.github.diospring.adapter.ReactorNettyAdapter;
import io.github.diospring.adapter.WebClientAdapter;
import io.github.diospring.interceptor.Interceptor;
import io.github.diospring.envelope.ErrorAdaptor;
import io.github.diospring.envelope.ErrorNotifier;
import io.github.diospring.envelope.LoggingErrorNotifier;
import io.github.diospring.observation.DefaultDioObservationConvention;
import io.github.diospring.observation.DioObservationConvention;
import io.github.diospring.transformer.DefaultTransformer;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
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
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds one {@link Dio} per client: its options, a connector with its proxy and TLS settings
 * (redirects left to dio), Boot's {@code WebClient.Builder}, its selection of interceptor beans
 * with the built-ins (the HTTP cache among them), then every {@link DioBuilderCustomizer}.
 */
final class DioClientFactory {

	private static final Logger logger = LoggerFactory.getLogger(DioClientFactory.class);

	/** Where interceptor beans without an order go: after the cookie manager, before the error adaptor and the log. */
	static final int UNORDERED = 0;

	private final ObjectProvider<WebClient.Builder> webClientBuilders;

	private final ClientHttpConnectorBuilder<?> connectorBuilder;

	private final HttpClientSettings globalSettings;

	private final @Nullable SslBundles sslBundles;

	private final JsonMapper jsonMapper;

	private final Map<String, Interceptor> interceptors;

	private final List<DioBuilderCustomizer> customizers;

	private final ClientBuiltIns builtIns;

	private final ClientObservation observation;

	private final ClientCache cache;

	private final List<ClientAdapterDecorator> adapterDecorators;

	DioClientFactory(ObjectProvider<WebClient.Builder> webClientBuilders, ClientHttpConnectorBuilder<?> connectorBuilder,
			HttpClientSettings globalSettings, @Nullable SslBundles sslBundles, JsonMapper jsonMapper,
			Map<String, Interceptor> interceptors, List<DioBuilderCustomizer> customizers, ClientBuiltIns builtIns,
			ClientObservation observation, ClientCache cache,
			List<ClientAdapterDecorator> adapterDecorators) {
		this.webClientBuilders = webClientBuilders;
		this.connectorBuilder = connectorBuilder;
		this.globalSettings = globalSettings;
		this.sslBundles = sslBundles;
		this.jsonMapper = jsonMapper;
		this.interceptors = interceptors;
		this.customizers = customizers;
		this.builtIns = builtIns;
		this.observation = observation;
		this.cache = cache;
		this.adapterDecorators = adapterDecorators;
	}

	/** Collects the collaborators from the application context; each is optional. */
	static DioClientFactory fromContext(ListableBeanFactory beans, Environment environment) {
		JsonMapper mapper = beans.getBeanProvider(JsonMapper.class).getIfAvailable(() -> JsonMapper.builder().build());
		ObjectProvider<ClientHttpConnectorBuilder<?>> connector = beans
			.getBeanProvider(ResolvableType.forClass(ClientHttpConnectorBuilder.class));
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
				beans.getBeanProvider(DioBuilderCustomizer.class).orderedStream().toList(), builtIns, observation,
				new ClientCache(beans),
				beans.getBeanProvider(ClientAdapterDecorator.class).orderedStream().toList());
	}

	/**
	 * Interceptor beans by name, in {@code @Order} order (also honouring {@code @Order} on
	 * {@code @Bean} methods). A bean without an order counts as {@value #UNORDERED}: after the cookie
	 * manager, before the built-ins that must see the final request (the error adaptor, the log
	 * interceptor).
	 */
	private static Map<String, Interceptor> namedInOrder(ListableBeanFactory beans) {
		Map<Interceptor, String> names = new IdentityHashMap<>();
		beans.getBeansOfType(Interceptor.class).forEach((name, bean) -> names.put(bean, name));
		List<Interceptor> inOrder = new ArrayList<>(beans.getBeanProvider(Interceptor.class).orderedStream().toList());
		// a stable sort keeps the framework's order among equals; only unordered beans move up to 0
		inOrder.sort(Comparator.comparingInt(i -> order(beans, names.get(i), i)));
		Map<String, Interceptor> ordered = new LinkedHashMap<>();
		inOrder.forEach(i -> ordered.put(names.getOrDefault(i, i.getClass().getName()), i));
		return ordered;
	}

	private static int order(ListableBeanFactory beans, @Nullable String name, Interceptor interceptor) {
		if (interceptor instanceof Ordered ordered) {
			return ordered.getOrder();
		}
		Order order = (name != null)
				? beans.findAnnotationOnBean(name, Order.class) : null;
		if (order == null) {
			order = AnnotationUtils.findAnnotation(interceptor.getClass(), Order.class);
		}
		return (order != null) ? order.value() : UNORDERED;
	}

	DioClients createAll(DioProperties properties) {
		Map<String, DioClients.Client> clients = new LinkedHashMap<>();
		Map<Interceptor, String> names = new IdentityHashMap<>();
		this.interceptors.forEach((name, interceptor) -> names.put(interceptor, name));
		List<ClientSettings> all = new ArrayList<>();
		all.add(new ClientSettings(ClientSettings.DEFAULT_CLIENT, properties, properties));
		properties.getClients().forEach((name, client) -> all.add(new ClientSettings(name, client, properties)));
		Redaction redaction = properties.getLog().getRedact().toRedaction();
		try {
			for (ClientSettings settings : all) {
				Dio dio = create(settings, names, redaction);
				clients.put(settings.name, new DioClients.Client(dio, settings, dio.options()));
				logger.debug("dio client '{}': baseUrl '{}'", settings.name, dio.options().baseUrl());
			}
		}
		catch (RuntimeException ex) {
			clients.values().forEach(client -> DioClients.close(client.dio()));
			throw ex;
		}
		return new DioClients(clients, names);
	}

	/** On Reactor Netty, one bad response header is dropped alone instead of failing the response. */
	private static ClientHttpConnectorBuilder<?> lenientHeaders(ClientHttpConnectorBuilder<?> builder) {
		return (builder instanceof ReactorClientHttpConnectorBuilder reactor)
				? reactor.withHttpClientCustomizer(WebClientAdapter::lenientHeaders) : builder;
	}

	private Dio create(ClientSettings settings, Map<Interceptor, String> names, Redaction redaction) {
		// Messages, toString() and logs of this client's requests mask what dio.log.redact.* names.
		BaseOptions options = settings.toBaseOptions().toBuilder().extra(Redaction.EXTRA_KEY, redaction).build();
		HttpClientSettings connectorSettings = new ClientTls(this.sslBundles)
			.apply(settings, this.globalSettings.withRedirects(HttpRedirects.DONT_FOLLOW));
		PoolSettings poolSettings = settings.pool();
		ClientHttpConnectorBuilder<?> connector = lenientHeaders(ClientProxy.apply(settings, this.connectorBuilder));
		AdapterType adapterType = settings.pick(DioClientProperties::getAdapter);
		// straight on Reactor Netty unless asked for WebClient, or the connector is not Reactor Netty's
		boolean direct = adapterType != AdapterType.WEBCLIENT && connector instanceof ReactorClientHttpConnectorBuilder;
		ConnectionProvider pool = null;
		if (connector instanceof ReactorClientHttpConnectorBuilder reactor) {
			if (poolSettings != null) {
				ConnectionProvider own = poolSettings.newConnectionProvider("dio-" + settings.name);
				pool = own;
				reactor = reactor.withHttpClientFactory(() -> HttpClient.create(own));
			}
			connector = reactor.withHttpClientCustomizer(direct ? this::withDioConnectTimeout : this::readyForDio);
		}
		else if (poolSettings != null) {
			throw new DioConfigurationException(settings.poolProperty(), "set",
					"needs the Reactor Netty connector, but the connector is " + connector.getClass().getSimpleName(),
					"Use the Reactor Netty connector (spring.http.clients.reactive.connector=reactor), or remove the pool settings.");
		}
		try {
			ClientHttpVersion.Applied version = ClientHttpVersion.apply(settings, connector, connectorSettings.sslBundle());
			if (version.pool() != null) {
				if (pool != null) {
					version.pool().dispose();
					throw new DioConfigurationException(settings.poolProperty(), "set",
							"does not apply to an HTTP/2 client (http-version h2 or h2c): it keeps its own pool of multiplexed connections",
							"Remove this client's pool settings, or set its http-version to http-1-1.");
				}
				pool = version.pool();
			}
			HttpClientAdapter transport = direct
					? reactorNetty((ReactorClientHttpConnectorBuilder) version.connector(), connectorSettings, pool)
					: webClient(version.connector().build(connectorSettings), pool);
			return build(settings, options, transport, names);
		}
		catch (RuntimeException ex) {
			if (pool != null) {
				pool.dispose();
			}
			throw ex;
		}
	}

	/**
	 * The default transport: the Reactor Netty client exactly as Boot's connector builder makes it
	 * (its factory, resources, customizers, then {@code spring.http.clients.*} and the client's TLS
	 * settings), taken from the last customizer, which Boot applies after everything else.
	 */
	private static HttpClientAdapter reactorNetty(ReactorClientHttpConnectorBuilder connector,
			HttpClientSettings connectorSettings, @Nullable ConnectionProvider pool) {
		AtomicReference<@Nullable HttpClient> built = new AtomicReference<>();
		connector.withHttpClientCustomizer(client -> {
			built.set(client);
			return client;
		}).build(connectorSettings);
		HttpClient httpClient = Objects.requireNonNull(built.get(), "the connector builder made no HttpClient");
		return (pool != null) ? ReactorNettyAdapter.create(httpClient, pool) : ReactorNettyAdapter.create(httpClient);
	}

	/** The WebClient transport, on a copy of Boot's {@code WebClient.Builder} (its filters come along). */
	private HttpClientAdapter webClient(ClientHttpConnector connector, @Nullable ConnectionProvider pool) {
		// dio observes the logical request itself; WebClient's own observation would count each hop again
		WebClient.Builder webClient = this.webClientBuilders.getIfAvailable(WebClient::builder)
			.clientConnector(connector)
			.observationRegistry(io.micrometer.observation.ObservationRegistry.NOOP);
		return (pool != null) ? WebClientAdapter.create(webClient, pool) : new WebClientAdapter(webClient);
	}

	private Dio build(ClientSettings settings, BaseOptions options, HttpClientAdapter transport,
			Map<Interceptor, String> names) {
		Dio.Builder builder = Dio.builder()
			.name(settings.name)
			.observationRegistry(this.observation.registry())
			.observationConvention(this.observation.convention())
			.options(options)
			.adapter(adapter(settings, transport))
			.transformer(new DefaultTransformer(this.jsonMapper))
			.jsonMapper(this.jsonMapper);
		List<Interceptor> chain = this.builtIns.apply(settings, select(settings), this.interceptors.values(), names);
		if (ResolvesLoadBalancedUrls.isLoadBalanced(options.baseUrl())
				&& chain.stream().noneMatch(ResolvesLoadBalancedUrls.class::isInstance)) {
			throw new DioConfigurationException(settings.property("base-url", DioClientProperties::getBaseUrl),
					options.baseUrl(), "is load-balanced, but no load balancer resolves it",
					"Add spring-cloud-starter-loadbalancer (and a discovery client), or keep the load-balancer "
							+ "interceptor in this client's interceptors.include list.");
		}
		this.cache.apply(settings, chain).forEach(builder::interceptor);
		this.customizers.forEach(customizer -> customizer.customize(settings.name, builder));
		return builder.build();
	}

	/**
	 * What the adapter needs from a Reactor Netty client (see {@link WebClientAdapter#prepare}); and
	 * unless {@code spring.http.clients.connect-timeout} is set, no connect timeout of Netty's own
	 * (30 s), so that dio's {@code connect-timeout} (zero: none) is the one that applies.
	 */
	private HttpClient readyForDio(HttpClient httpClient) {
		return withDioConnectTimeout(WebClientAdapter.prepare(httpClient));
	}

	private HttpClient withDioConnectTimeout(HttpClient httpClient) {
		return (this.globalSettings.connectTimeout() != null) ? httpClient
				: httpClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0);
	}

	/** The transport, wrapped by the optional integrations (a circuit breaker). */
	private HttpClientAdapter adapter(ClientSettings settings, HttpClientAdapter adapter) {
		HttpClientAdapter result = adapter;
		for (ClientAdapterDecorator decorator : this.adapterDecorators) {
			result = decorator.decorate(settings, result);
		}
		return result;
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

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
