package io.github.diospring.test.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dio.test.mock.*}, set by {@link AutoConfigureMockDio} (and {@link DioTest#clients()}).
 *
 * <pre>{@code
 * @DioTest(clients = "github")   // dio.test.mock.clients=github
 * }</pre>
 */
@ConfigurationProperties("dio.test.mock")
public class MockDioProperties {

	/** Whether the auto-configured clients answer from MockDioAdapters. */
	private boolean enabled = true;

	/** Clients that answer from a MockDioAdapter ("default" or names under dio.clients); empty for all. */
	private List<String> clients = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getClients() {
		return this.clients;
	}

	public void setClients(List<String> clients) {
		this.clients = clients;
	}

}
