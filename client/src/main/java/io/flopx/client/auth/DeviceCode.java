package io.flopx.client.auth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * A started device sign-in (RFC 8628): the person opens {@code verificationUri} and types {@code userCode}
 * (or opens {@code verificationUriComplete}, which carries the code), while the program polls with
 * {@code deviceCode} every {@code interval} until {@code expiresAt}.
 */
public record DeviceCode(
        String deviceCode,
        String userCode,
        URI verificationUri,
        URI verificationUriComplete,
        Duration interval,
        Instant expiresAt) {}
