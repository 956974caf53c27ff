/**
 * Spring Boot auto-configuration for dio; the only package that imports Spring Boot.
 */
@NullMarked
package io.github.diospring.autoconfigure;

import org.jspecify.annotations.NullMarked;
