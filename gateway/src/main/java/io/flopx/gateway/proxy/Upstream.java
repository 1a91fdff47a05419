package io.flopx.gateway.proxy;

/** A service behind the gateway and the public path prefixes it serves. */
public record Upstream(String name, String baseUrl) {}
