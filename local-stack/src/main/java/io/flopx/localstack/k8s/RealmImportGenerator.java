package io.flopx.localstack.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Turns the local stack's realm file into the Keycloak operator's {@code KeycloakRealmImport} for Kubernetes,
 * so both run the same realm. Kubernetes gets no demo users, no demo agents and no test-only clients, and its secrets and
 * public address come from a Secret through the operator's placeholders, never from the repository.
 * {@code RealmImportTest} fails when the committed file is not what this produces.
 *
 * <p>Run: {@code java -cp local-stack/target/classes:local-stack/target/lib/* io.flopx.localstack.k8s.RealmImportGenerator
 * deploy/keycloak/flopx-realm.json deploy/k8s/base/keycloak-realm-import.json}
 */
public final class RealmImportGenerator {

    /** Clients that exist only for the security suite. */
    static final Set<String> TEST_ONLY_CLIENTS = Set.of("flopx-short-lived", "flopx-other-audience");

    /**
     * The demo providers' delivery agents (clients with demo secrets, bound to demo tenants): a real provider's
     * agent gets its client when the provider is onboarded, with a secret that never enters the repository.
     */
    static final String DEMO_AGENT_PREFIX = "agent-";

    static final String SECRET = "flopx-dashboard-oidc";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RealmImportGenerator() {}

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[1]), generate(Path.of(args[0])));
    }

    public static String generate(Path realmFile) throws IOException {
        ObjectNode realm = (ObjectNode) JSON.readTree(realmFile.toFile());
        realm.remove("users");
        ArrayNode clients = JSON.createArrayNode();
        for (JsonNode client : realm.withArray("clients")) {
            String id = client.path("clientId").asText();
            if (TEST_ONLY_CLIENTS.contains(id) || id.startsWith(DEMO_AGENT_PREFIX)) {
                continue;
            }
            ObjectNode copy = client.deepCopy();
            if (copy.path("bearerOnly").asBoolean()) {
                copy.remove("secret");
            }
            if (id.equals("flopx-dashboard")) {
                copy.put("secret", "${DASHBOARD_CLIENT_SECRET}");
                copy.set("redirectUris", JSON.createArrayNode().add("${FLOPX_PUBLIC_URL}/dashboard/*"));
                copy.set("webOrigins", JSON.createArrayNode().add("${FLOPX_PUBLIC_URL}"));
            }
            clients.add(copy);
        }
        realm.set("clients", clients);

        ObjectNode placeholders = JSON.createObjectNode();
        placeholders.set("DASHBOARD_CLIENT_SECRET", secretKey("client-secret"));
        placeholders.set("FLOPX_PUBLIC_URL", secretKey("public-url"));

        ObjectNode resource = JSON.createObjectNode();
        resource.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        resource.put("kind", "KeycloakRealmImport");
        resource.putObject("metadata").put("name", "flopx-realm");
        ObjectNode spec = resource.putObject("spec");
        spec.put("keycloakCRName", "flopx-keycloak");
        spec.set("placeholders", placeholders);
        spec.set("realm", realm);
        return JSON.writeValueAsString(resource) + "\n";
    }

    private static ObjectNode secretKey(String key) {
        ObjectNode ref = JSON.createObjectNode();
        ref.putObject("secret").put("name", SECRET).put("key", key);
        return ref;
    }
}
