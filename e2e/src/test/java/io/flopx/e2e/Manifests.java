package io.flopx.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Kustomize overlays rendered the way {@code kubectl apply -k} renders them, as JSON trees. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    private Manifests() {}

    /** Renders a kustomization with kubectl's built-in Kustomize (the machine's kubectl package). */
    static List<ObjectNode> render(Path kustomization) throws IOException, InterruptedException {
        if (!Files.isExecutable(KUBECTL)) {
            throw new IllegalStateException(
                    "rendering the manifests needs kubectl (with its built-in kustomize) at " + KUBECTL);
        }
        Process p = new ProcessBuilder(KUBECTL.toString(), "kustomize", kustomization.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + err);
        }
        return parse(new String(out));
    }

    static List<ObjectNode> parse(String yamlStream) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yamlStream)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode object) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return kind(object) + "/" + name(object);
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind(o).equals(kind)).toList();
    }

    static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> name(o).equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in the rendered manifests"));
    }
}
