/**
 * The transport SPI (HttpClientAdapter), the default straight on Reactor Netty (ReactorNettyAdapter) and the
 * WebClient-based one (WebClientAdapter).
 */
@NullMarked
package io.github.diospring.adapter;

import org.jspecify.annotations.NullMarked;
