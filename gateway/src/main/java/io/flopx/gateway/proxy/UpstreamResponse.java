package io.flopx.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** A service's whole answer: status, headers and body. */
public record UpstreamResponse(int status, MultiMap headers, Buffer body) {}
