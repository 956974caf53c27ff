package io.github.diospring.test.slice;

import io.github.diospring.adapter.ReactorNettyAdapter;
import io.github.diospring.autoconfigure.DioClients;
import io.github.diospring.test.MockDioAdapter;
import io.github.diospring.test.autoconfigure.DioTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @DioTest(clients = ...)}: only the named clients are mocked, the others keep their transport. */
@DioTest(components = GreetingService.class, clients = "github",
		properties = { "dio.base-url=https://api.example.com", "dio.clients.github.base-url=https://api.github.com" })
class PartialMockTest {

	@Autowired
	ApplicationContext context;

	@Test
	void onlyTheNamedClientIsMocked() {
		DioClients clients = this.context.getBean(DioClients.class);
		assertThat(clients.get("github").httpClientAdapter()).isInstanceOf(MockDioAdapter.class);
		assertThat(clients.get("default").httpClientAdapter()).isInstanceOf(ReactorNettyAdapter.class);
		assertThat(this.context.getBeansOfType(MockDioAdapter.class)).containsOnlyKeys("githubMockDioAdapter");
	}

}
