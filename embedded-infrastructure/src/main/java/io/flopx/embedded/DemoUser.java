package io.flopx.embedded;

import java.util.Set;

/**
 * The demo users of {@code deploy/keycloak/flopx-realm.json}: two providers, two enterprises and an
 * operator, each in a tenant of its own. Demo credentials only, for local runs and tests.
 */
public enum DemoUser {
    ALICE("alice", "west-gpu-cloud", "provider"),
    BOB("bob", "yangtze-compute", "provider"),
    CAROL("carol", "acme-ai", "enterprise"),
    DAVE("dave", "bluesky-bio", "enterprise"),
    OLIVIA("olivia", "flopx-ops", "operator");

    /** The password every demo user has in the demo realm. */
    public static final String DEMO_PASSWORD = "flopx-demo";

    private final String username;
    private final String tenant;
    private final String role;

    DemoUser(String username, String tenant, String role) {
        this.username = username;
        this.tenant = tenant;
        this.role = role;
    }

    public String username() {
        return username;
    }

    public String tenant() {
        return tenant;
    }

    public Set<String> roles() {
        return Set.of(role);
    }
}
