/**
 * Request and response body encoding: Transformer and the Jackson-based DefaultTransformer.
 */
@NullMarked
package io.github.diospring.transformer;

import org.jspecify.annotations.NullMarked;
