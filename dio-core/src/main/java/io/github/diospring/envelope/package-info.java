/**
 * The umi / Ant Design Pro response envelope ({@code success}, {@code data}, {@code errorCode},
 * {@code errorMessage}, {@code showType}, {@code traceId}, {@code host}): detection, business
 * errors, notification and unwrapping.
 */
@NullMarked
package io.github.diospring.envelope;

import org.jspecify.annotations.NullMarked;
