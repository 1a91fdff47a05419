package io.flopx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Who an access token speaks for, read from its claims to tell the user (the gateway, not this, checks the
 * signature): username, tenant, FlopX roles and expiry.
 */
record Identity(String username, String tenant, List<String> roles, Instant expiresAt) {

    private static final List<String> FLOPX_ROLES = List.of("provider", "enterprise", "operator", "agent");

    static Identity of(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length < 2) {
            throw new UsageException("The token is not a JWT");
        }
        try {
            JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            List<String> roles = new ArrayList<>();
            claims.path("realm_access").path("roles").forEach(r -> {
                if (FLOPX_ROLES.contains(r.asText())) {
                    roles.add(r.asText());
                }
            });
            String username =
                    claims.path("preferred_username").asText(claims.path("sub").asText("?"));
            return new Identity(
                    username,
                    claims.path("tenant").asText("-"),
                    roles,
                    claims.has("exp") ? Instant.ofEpochSecond(claims.path("exp").asLong()) : null);
        } catch (Exception e) {
            throw new UsageException("The token is not a JWT: " + e.getMessage());
        }
    }
}
