package io.flopx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flopx.localstack.Topics;
import io.flopx.localstack.image.ImageBuilder;
import io.flopx.localstack.k8s.RealmImportGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests, checked without a cluster: every overlay is rendered with Kustomize, every
 * object is validated (built-in kinds against the Kubernetes model, custom resources against their
 * operators' CRD schemas kept in deploy/k8s/schemas), and everything the manifests reference must exist:
 * the images the build makes and the ports they listen on, Secrets (made by an operator or by
 * create-secrets.sh, with the keys used), environment variables the services read, Services' targets,
 * a PodDisruptionBudget and an HPA for every Deployment, and matchers no more than partitions.
 */
class ManifestValidationTest {

    static final Path REPO = Path.of(System.getProperty("flopx.repo.root"));
    static final Path K8S = REPO.resolve("deploy/k8s");
    static final List<String> OVERLAYS = List.of("base", "overlays/dev", "overlays/prod");
    /** Keys CloudNativePG puts in a cluster's {@code <cluster>-app} Secret. */
    static final Set<String> CNPG_APP_KEYS = Set.of(
            "username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass", "fqdn-uri", "fqdn-jdbc-uri");

    static CrdSchemas crds;

    @BeforeAll
    static void schemas() throws IOException {
        crds = new CrdSchemas(K8S.resolve("schemas"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyObjectFitsItsSchema(String overlay) throws Exception {
        List<ObjectNode> objects = Manifests.render(K8S.resolve(overlay));
        List<String> problems = new ArrayList<>();
        int custom = 0;
        for (ObjectNode object : objects) {
            if (crds.covers(object)) {
                custom++;
                problems.addAll(crds.problems(object));
            } else {
                problems.addAll(KubernetesModel.problems(object));
            }
        }
        System.out.printf(
                "k8s %s: %d objects (%d custom resources against %d CRD schemas, %d built-in against the "
                        + "Kubernetes model), %d problems%n",
                overlay, objects.size(), custom, crds.size(), objects.size() - custom, problems.size());
        problems.forEach(p -> System.out.println("  " + p));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(custom >= 12, "Kafka, node pool, topics, clusters, Keycloak and realm import are all checked");
    }

    /** The checks above are worth something only if they catch mistakes: each of these must be caught. */
    @Test
    void theValidatorsCatchCommonMistakes() throws Exception {
        List<ObjectNode> objects = Manifests.render(K8S.resolve("overlays/prod"));
        ObjectNode deployment =
                Manifests.named(objects, "Deployment", "order-service").deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
        assertFalse(KubernetesModel.problems(deployment).isEmpty(), "a misspelt container field");

        ObjectNode hpa =
                Manifests.named(objects, "HorizontalPodAutoscaler", "gateway").deepCopy();
        ((ObjectNode) hpa.at("/spec")).put("maxReplicas", "ten");
        assertFalse(KubernetesModel.problems(hpa).isEmpty(), "a word where a number belongs");

        ObjectNode unknownKind = Manifests.named(objects, "Service", "gateway").deepCopy();
        unknownKind.put("apiVersion", "v2");
        assertFalse(KubernetesModel.problems(unknownKind).isEmpty(), "an API version that does not exist");

        ObjectNode topic =
                Manifests.named(objects, "KafkaTopic", "market-commands").deepCopy();
        ((ObjectNode) topic.at("/spec")).put("partitions", "eight");
        assertFalse(crds.problems(topic).isEmpty(), "a topic's partitions as a word");

        ObjectNode cluster = Manifests.named(objects, "Cluster", "orders-db").deepCopy();
        ((ObjectNode) cluster.at("/spec")).put("instancess", 3);
        assertFalse(crds.problems(cluster).isEmpty(), "a misspelt CloudNativePG field");

        ObjectNode kafka = Manifests.named(objects, "Kafka", "flopx-kafka").deepCopy();
        ((ObjectNode) kafka.at("/spec/kafka")).remove("listeners");
        assertFalse(crds.problems(kafka).isEmpty(), "a Kafka without its required listeners");

        ObjectNode keycloak =
                Manifests.named(objects, "Keycloak", "flopx-keycloak").deepCopy();
        ((ObjectNode) keycloak.at("/spec/db")).put("passwordSecrets", "x");
        assertFalse(crds.problems(keycloak).isEmpty(), "a misspelt Keycloak field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everythingReferencedExists(String overlay) throws Exception {
        List<ObjectNode> objects = Manifests.render(K8S.resolve(overlay));
        List<String> problems = new ArrayList<>();
        Properties images = builtImages();
        Set<String> secrets = availableSecrets(objects);
        Map<String, Set<String>> secretKeys = scriptSecretKeys();
        int checked = 0;

        for (ObjectNode object : objects) {
            if (Manifests.kind(object).equals("Secret")) {
                problems.add(Manifests.id(object) + ": Secrets are referenced, never committed");
            }
            for (JsonNode ref : object.findParents("secretKeyRef")) {
                JsonNode key = ref.path("secretKeyRef");
                checked++;
                checkSecret(
                        Manifests.id(object),
                        key.path("name").asText(),
                        key.path("key").asText(),
                        secrets,
                        secretKeys,
                        problems);
            }
        }
        ObjectNode keycloak = Manifests.named(objects, "Keycloak", "flopx-keycloak");
        for (String field : List.of("usernameSecret", "passwordSecret")) {
            JsonNode ref = keycloak.at("/spec/db/" + field);
            checkSecret("Keycloak", ref.path("name").asText(), ref.path("key").asText(), secrets, secretKeys, problems);
        }
        Manifests.named(objects, "KeycloakRealmImport", "flopx-realm")
                .at("/spec/placeholders")
                .forEach(p -> checkSecret(
                        "KeycloakRealmImport",
                        p.at("/secret/name").asText(),
                        p.at("/secret/key").asText(),
                        secrets,
                        secretKeys,
                        problems));
        for (ObjectNode cluster : Manifests.ofKind(objects, "Cluster")) {
            cluster.at("/spec/backup/barmanObjectStore/s3Credentials")
                    .forEach(ref -> checkSecret(
                            Manifests.id(cluster),
                            ref.path("name").asText(),
                            ref.path("key").asText(),
                            secrets,
                            secretKeys,
                            problems));
        }
        for (ObjectNode ingress : Manifests.ofKind(objects, "Ingress")) {
            ingress.at("/spec/tls")
                    .forEach(tls -> checkSecret(
                            Manifests.id(ingress),
                            tls.path("secretName").asText(),
                            null,
                            secrets,
                            secretKeys,
                            problems));
        }

        for (ObjectNode deployment : Manifests.ofKind(objects, "Deployment")) {
            checked += checkDeployment(objects, deployment, images, problems);
        }
        for (ObjectNode service : Manifests.ofKind(objects, "Service")) {
            checked += checkService(objects, service, problems);
        }
        for (ObjectNode ingress : Manifests.ofKind(objects, "Ingress")) {
            for (JsonNode backend : ingress.findValues("service")) {
                ObjectNode target =
                        Manifests.named(objects, "Service", backend.path("name").asText());
                String port = backend.at("/port/name").asText();
                boolean exists = false;
                for (JsonNode p : target.at("/spec/ports")) {
                    exists |= p.path("name").asText().equals(port);
                }
                if (!exists) {
                    problems.add(
                            Manifests.id(ingress) + ": Service " + Manifests.name(target) + " has no port " + port);
                }
            }
        }
        System.out.printf(
                "k8s %s: %d references checked (images, ports, Secrets and keys, environment variables, "
                        + "selectors), %d problems%n",
                overlay, checked, problems.size());
        problems.forEach(p -> System.out.println("  " + p));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void matchersNeverOutnumberPartitionsAndTopicsMatchTheLocalStack(String overlay) throws Exception {
        List<ObjectNode> objects = Manifests.render(K8S.resolve(overlay));
        int partitions = Manifests.named(objects, "KafkaTopic", "market-commands")
                .at("/spec/partitions")
                .asInt();
        assertEquals(Topics.PARTITIONS, partitions, "the same partition count as the local stack and Compose");
        assertEquals(
                new java.util.TreeSet<>(Topics.NAMES),
                Manifests.ofKind(objects, "KafkaTopic").stream()
                        .map(t -> t.at("/metadata/name").asText())
                        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                "exactly the local stack's topics");
        for (String topic : Topics.NAMES) {
            ObjectNode kafkaTopic = Manifests.named(objects, "KafkaTopic", topic);
            assertEquals(Topics.PARTITIONS, kafkaTopic.at("/spec/partitions").asInt(), topic);
            Map<String, String> config = new java.util.TreeMap<>();
            kafkaTopic
                    .at("/spec/config")
                    .fields()
                    .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            // prod adds durability settings (min.insync.replicas) that a one-node local broker cannot have
            config.remove("min.insync.replicas");
            assertEquals(new java.util.TreeMap<>(Topics.CONFIGS.getOrDefault(topic, Map.of())), config, topic);
        }
        assertTrue(Manifests.named(objects, "Deployment", "matching-service")
                        .at("/spec/replicas")
                        .asInt()
                <= partitions);
        int maxMatchers = Manifests.named(objects, "HorizontalPodAutoscaler", "matching-service")
                .at("/spec/maxReplicas")
                .asInt();
        assertTrue(maxMatchers <= partitions, "matcher HPA max " + maxMatchers + " > " + partitions + " partitions");
    }

    @Test
    void prodSurvivesTheLossOfABrokerADatabaseInstanceOrAZone() throws Exception {
        List<ObjectNode> prod = Manifests.render(K8S.resolve("overlays/prod"));
        int brokers = 0;
        int controllers = 0;
        for (ObjectNode pool : Manifests.ofKind(prod, "KafkaNodePool")) {
            for (JsonNode role : pool.at("/spec/roles")) {
                int replicas = pool.at("/spec/replicas").asInt();
                if (role.asText().equals("broker")) {
                    brokers += replicas;
                } else {
                    controllers += replicas;
                }
            }
        }
        assertEquals(3, brokers);
        assertEquals(3, controllers);
        JsonNode config = Manifests.named(prod, "Kafka", "flopx-kafka").at("/spec/kafka/config");
        assertEquals(2, config.path("min.insync.replicas").asInt());
        assertEquals(3, config.path("default.replication.factor").asInt());
        for (ObjectNode topic : Manifests.ofKind(prod, "KafkaTopic")) {
            assertEquals(3, topic.at("/spec/replicas").asInt(), Manifests.id(topic));
        }
        for (ObjectNode cluster : Manifests.ofKind(prod, "Cluster")) {
            assertEquals(3, cluster.at("/spec/instances").asInt(), Manifests.id(cluster));
            assertFalse(
                    cluster.at("/spec/backup/barmanObjectStore/destinationPath")
                            .asText()
                            .isEmpty(),
                    Manifests.id(cluster));
            assertEquals(
                    1,
                    prod.stream()
                            .filter(o -> Manifests.kind(o).equals("ScheduledBackup")
                                    && o.at("/spec/cluster/name").asText().equals(Manifests.name(cluster)))
                            .count(),
                    "nightly backup of " + Manifests.name(cluster));
        }
        for (ObjectNode deployment : Manifests.ofKind(prod, "Deployment")) {
            assertTrue(deployment.at("/spec/replicas").asInt() >= 3, Manifests.id(deployment));
            assertEquals(
                    "topology.kubernetes.io/zone",
                    deployment
                            .at("/spec/template/spec/topologySpreadConstraints/0/topologyKey")
                            .asText());
        }
    }

    @Test
    void theRealmImportIsTheLocalStacksRealmWithoutDemoUsersOrSecrets() throws Exception {
        String committed = Files.readString(K8S.resolve("base/keycloak-realm-import.json"));
        assertEquals(
                RealmImportGenerator.generate(REPO.resolve("deploy/keycloak/flopx-realm.json")),
                committed,
                "regenerate with RealmImportGenerator (see its Javadoc) after changing the realm file");
        assertFalse(committed.contains("LOCAL-DEMO-ONLY"), "no demo secret reaches Kubernetes");
        assertFalse(committed.contains("\"users\""), "no demo user reaches Kubernetes");
    }

    private static int checkDeployment(
            List<ObjectNode> objects, ObjectNode deployment, Properties images, List<String> problems)
            throws IOException {
        String id = Manifests.id(deployment);
        String name = Manifests.name(deployment);
        int checked = 0;
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        String image = container.path("image").asText();
        String repository = image.substring(0, image.lastIndexOf(':'));
        String tag = image.substring(image.lastIndexOf(':') + 1);
        String built = images.getProperty(name + ".image");
        checked++;
        if (built == null || !repository.endsWith(built.substring(0, built.lastIndexOf(':')))) {
            problems.add(
                    id + ": image " + image + " is not one the build makes (" + images.stringPropertyNames() + ")");
        }
        if (tag.isBlank() || tag.equals("latest")) {
            problems.add(id + ": image " + image + " has no pinned tag");
        }
        int port = Integer.parseInt(images.getProperty(name + ".port", "-1"));
        checked++;
        if (container.at("/ports/0/containerPort").asInt() != port) {
            problems.add(id + ": containerPort " + container.at("/ports/0/containerPort") + " but the image listens on "
                    + port);
        }
        String portName = container.at("/ports/0/name").asText();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            checked++;
            if (!container.path(probe).at("/httpGet/port").asText().equals(portName)
                    || !container.path(probe).at("/httpGet/path").asText().startsWith("/q/health/")) {
                problems.add(id + ": " + probe + " must ask /q/health/* on port " + portName);
            }
        }
        if (container.at("/resources/requests/memory").isMissingNode()
                || container.at("/resources/limits/memory").isMissingNode()) {
            problems.add(id + ": memory request and limit");
        }
        Set<String> readable = ServiceSettings.environmentNames(REPO, name);
        for (String variable : environment(objects, container)) {
            checked++;
            if (!readable.contains(variable)) {
                problems.add(id + ": sets " + variable + ", which " + name + " does not read");
            }
        }
        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        boolean pdb = Manifests.ofKind(objects, "PodDisruptionBudget").stream()
                .anyMatch(p -> selects(p.at("/spec/selector/matchLabels"), labels));
        boolean hpa = Manifests.ofKind(objects, "HorizontalPodAutoscaler").stream()
                .anyMatch(h -> h.at("/spec/scaleTargetRef/name").asText().equals(name)
                        && h.at("/spec/scaleTargetRef/kind").asText().equals("Deployment"));
        checked += 2;
        if (!pdb) {
            problems.add(id + ": no PodDisruptionBudget selects it");
        }
        if (!hpa) {
            problems.add(id + ": no HorizontalPodAutoscaler scales it");
        }
        return checked;
    }

    private static int checkService(List<ObjectNode> objects, ObjectNode service, List<String> problems) {
        JsonNode selector = service.at("/spec/selector");
        List<ObjectNode> targets = Manifests.ofKind(objects, "Deployment").stream()
                .filter(d -> selects(selector, d.at("/spec/template/metadata/labels")))
                .toList();
        if (targets.size() != 1) {
            problems.add(Manifests.id(service) + ": selects " + targets.size() + " Deployments");
            return 1;
        }
        Set<String> ports = new TreeSet<>();
        targets.get(0)
                .at("/spec/template/spec/containers/0/ports")
                .forEach(p -> ports.add(p.path("name").asText()));
        for (JsonNode port : service.at("/spec/ports")) {
            if (!ports.contains(port.path("targetPort").asText())) {
                problems.add(Manifests.id(service) + ": targetPort " + port.path("targetPort") + " is not a port of "
                        + Manifests.id(targets.get(0)));
            }
        }
        return 1;
    }

    /** Every variable a container gets: its own env and the ConfigMaps it takes whole. */
    private static Set<String> environment(List<ObjectNode> objects, JsonNode container) {
        Set<String> names = new TreeSet<>();
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.at("/configMapRef/name").asText();
            Manifests.named(objects, "ConfigMap", configMap)
                    .path("data")
                    .fieldNames()
                    .forEachRemaining(names::add);
        }
        return names;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        boolean all = true;
        for (var it = selector.fields(); it.hasNext(); ) {
            var entry = it.next();
            all &= labels.path(entry.getKey()).asText().equals(entry.getValue().asText());
        }
        return all;
    }

    private static void checkSecret(
            String who,
            String name,
            String key,
            Set<String> secrets,
            Map<String, Set<String>> scriptKeys,
            List<String> problems) {
        if (!secrets.contains(name)) {
            problems.add(who + ": Secret " + name + " is made by no operator and not by create-secrets.sh");
        } else if (key != null
                && scriptKeys.containsKey(name)
                && !scriptKeys.get(name).contains(key)) {
            problems.add(who + ": Secret " + name + " has no key " + key + " (create-secrets.sh makes "
                    + scriptKeys.get(name) + ")");
        } else if (key != null && name.endsWith("-app") && !CNPG_APP_KEYS.contains(key)) {
            problems.add(who + ": CloudNativePG's Secret " + name + " has no key " + key);
        }
    }

    /** Secrets that will exist: those the operators make for the resources here, and create-secrets.sh's. */
    private static Set<String> availableSecrets(List<ObjectNode> objects) throws IOException {
        Set<String> names = new TreeSet<>(scriptSecretKeys().keySet());
        Manifests.ofKind(objects, "Cluster").forEach(c -> names.add(Manifests.name(c) + "-app"));
        Manifests.ofKind(objects, "Keycloak").forEach(k -> names.add(Manifests.name(k) + "-initial-admin"));
        return names;
    }

    /** Secret name to the keys create-secrets.sh puts in it (TLS Secrets: tls.crt and tls.key). */
    static Map<String, Set<String>> scriptSecretKeys() throws IOException {
        String script = Files.readString(K8S.resolve("create-secrets.sh"));
        Map<String, Set<String>> secrets = new HashMap<>();
        Matcher secret = Pattern.compile("create secret (generic|tls) ([a-z0-9-]+)((?:\\\\\\n|[^\\n])*)")
                .matcher(script);
        while (secret.find()) {
            Set<String> keys = secrets.computeIfAbsent(secret.group(2), k -> new TreeSet<>());
            if (secret.group(1).equals("tls")) {
                keys.addAll(Set.of("tls.crt", "tls.key"));
            }
            Matcher literal =
                    Pattern.compile("--from-literal=([A-Za-z0-9_.-]+)=").matcher(secret.group(3));
            while (literal.find()) {
                keys.add(literal.group(1));
            }
        }
        return secrets;
    }

    static Properties builtImages() throws IOException {
        Path index = REPO.resolve("e2e/target/images/images.properties");
        assertTrue(Files.exists(index), "the images are built before the tests (ImageBuilder at process-test-classes)");
        Properties images = new Properties();
        try (var reader = Files.newBufferedReader(index)) {
            images.load(reader);
        }
        assertEquals(
                new TreeSet<>(ImageBuilder.SERVICES),
                new TreeSet<>(images.stringPropertyNames().stream()
                        .map(k -> k.substring(0, k.indexOf('.')))
                        .toList()));
        return images;
    }
}
