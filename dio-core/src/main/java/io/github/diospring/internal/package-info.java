/**
 * Engine classes; not API and may change in any release.
 */
@NullMarked
package io.github.diospring.internal;

import org.jspecify.annotations.NullMarked;
