package io.flopx.embedded;

/**
 * The demo providers' delivery agents in {@code deploy/keycloak/flopx-realm.json}: confidential machine
 * clients (client credentials grant, role {@code agent}) bound to their provider's tenant by a hard-coded
 * {@code tenant} claim. Demo secrets only, for local runs and tests (Kubernetes gets none of them).
 */
public enum DemoAgent {
    WEST_GPU_CLOUD("agent-west-gpu-cloud", DemoUser.ALICE.tenant()),
    YANGTZE_COMPUTE("agent-yangtze-compute", DemoUser.BOB.tenant());

    private final String clientId;
    private final String tenant;

    DemoAgent(String clientId, String tenant) {
        this.clientId = clientId;
        this.tenant = tenant;
    }

    public String clientId() {
        return clientId;
    }

    public String tenant() {
        return tenant;
    }

    /** The demo secret: marked as such, local use only. */
    public String secret() {
        return "LOCAL-DEMO-ONLY-" + clientId + "-secret";
    }
}
