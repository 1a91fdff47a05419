package io.flopx.client.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * What a token endpoint gave: an access token for the API and, for a person's sign-in, a refresh token that
 * gets the next one without asking again. A token "expiring" within the margin counts as expired, so a call
 * never leaves with a token that dies on the way.
 */
public record Tokens(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {

    private static final Duration MARGIN = Duration.ofSeconds(30);

    public boolean accessUsableAt(Instant now) {
        return accessToken != null && now.plus(MARGIN).isBefore(accessExpiresAt);
    }

    /** A refresh token with no expiry (an offline token) counts as usable. */
    public boolean refreshUsableAt(Instant now) {
        return refreshToken != null
                && (refreshExpiresAt == null || now.plus(MARGIN).isBefore(refreshExpiresAt));
    }
}
