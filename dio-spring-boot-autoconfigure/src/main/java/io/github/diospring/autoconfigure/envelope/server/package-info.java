/**
 * The server side of the umi / Ant Design Pro envelope ({@code dio.envelope.server.*}): answers
 * results and errors of Spring MVC and WebFlux applications as
 * {@code {success, data, errorCode, errorMessage, showType, traceId, host}}, numbered for the
 * front end, without leaking upstream addresses.
 */
@NullMarked
package io.github.diospring.autoconfigure.envelope.server;

import org.jspecify.annotations.NullMarked;
