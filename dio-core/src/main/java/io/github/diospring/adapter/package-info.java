/**
 * The transport SPI (HttpClientAdapter) and the WebClient-based default.
 */
@NullMarked
package io.github.diospring.adapter;

import org.jspecify.annotations.NullMarked;
