package io.flopx.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operators' CRDs kept in {@code deploy/k8s/schemas}, as JSON-schema validators per apiVersion and
 * kind. Checks are strict, as {@code kubectl apply --validate=strict} is: a field the schema does not
 * declare is an error (Kubernetes would silently drop it), unless the schema preserves unknown fields.
 */
final class CrdSchemas {

    private final Map<String, Validator> validators = new HashMap<>();

    CrdSchemas(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (ObjectNode crd : Manifests.parse(Files.readString(file))) {
                    add(crd);
                }
            }
        }
    }

    private void add(ObjectNode crd) {
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
            // Every object has these, whether or not its CRD spells them out (Keycloak's does not).
            ObjectNode properties = schema.with("properties");
            properties.putIfAbsent("apiVersion", properties.objectNode().put("type", "string"));
            properties.putIfAbsent("kind", properties.objectNode().put("type", "string"));
            properties.putIfAbsent("metadata", properties.objectNode().put("type", "object"));
            strict(schema);
            JsonObject json = new JsonObject(Manifests.YAML.convertValue(schema, Map.class));
            validators.put(
                    group + "/" + version.path("name").asText() + "|" + kind,
                    Validator.create(
                            JsonSchema.of(json),
                            new JsonSchemaOptions()
                                    .setDraft(Draft.DRAFT7)
                                    .setBaseUri("https://flopx.example/crd/" + group)
                                    .setOutputFormat(OutputFormat.Basic)));
        }
    }

    boolean covers(JsonNode object) {
        return validators.containsKey(key(object));
    }

    int size() {
        return validators.size();
    }

    /** The problems with a custom resource, each with the path to the field; empty when it fits. */
    List<String> problems(JsonNode object) {
        Validator validator = validators.get(key(object));
        if (validator == null) {
            return List.of(Manifests.id(object) + ": no CRD schema for " + key(object));
        }
        OutputUnit result = validator.validate(new JsonObject(Manifests.YAML.convertValue(object, Map.class)));
        List<String> problems = new ArrayList<>();
        if (!result.getValid()) {
            if (result.getErrors() == null || result.getErrors().isEmpty()) {
                problems.add(Manifests.id(object) + ": " + result.getError());
            } else {
                for (OutputUnit error : result.getErrors()) {
                    problems.add(Manifests.id(object) + " at " + error.getInstanceLocation() + ": " + error.getError());
                }
            }
        }
        return problems;
    }

    private static String key(JsonNode object) {
        return object.path("apiVersion").asText() + "|" + object.path("kind").asText();
    }

    /** Declared properties only, and OpenAPI's {@code nullable} as JSON schema's null type. */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties")
                    && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                object.put("additionalProperties", false);
            }
            if (object.path("nullable").asBoolean() && object.path("type").isTextual()) {
                ArrayNode types =
                        object.arrayNode().add(object.path("type").asText()).add("null");
                object.set("type", types);
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                strict(children.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(CrdSchemas::strict);
        }
    }
}
