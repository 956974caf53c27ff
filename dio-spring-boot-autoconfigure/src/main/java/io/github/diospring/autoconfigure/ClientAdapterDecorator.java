package io.github.diospring.autoconfigure;

import io.github.diospring.adapter.HttpClientAdapter;

/**
 * Wraps a client's transport, for integrations that are optional on the class path (circuit
 * breaking); a bean of this type is found by the client factory without naming the library.
 */
@FunctionalInterface
interface ClientAdapterDecorator {

	/**
	 * @param settings the client's settings
	 * @param adapter its transport
	 * @return the transport to use (the same one when this client is not concerned)
	 */
	HttpClientAdapter decorate(ClientSettings settings, HttpClientAdapter adapter);

}
