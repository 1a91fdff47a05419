package io.flopx.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Built-in Kubernetes kinds checked against fabric8's typed model (generated from Kubernetes' own API
 * definitions): the apiVersion and kind must be known, every value must bind to its field's type, and no
 * field may be unknown (the model keeps those aside in {@code additionalProperties}, where this looks).
 */
final class KubernetesModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private KubernetesModel() {}

    static List<String> problems(JsonNode object) {
        List<String> problems = new ArrayList<>();
        Object typed;
        try {
            typed = SERIALIZATION.unmarshal(object.toString());
        } catch (RuntimeException e) {
            return List.of(Manifests.id(object) + ": does not bind to the Kubernetes model: " + e.getMessage());
        }
        if (!(typed instanceof HasMetadata) || typed instanceof GenericKubernetesResource) {
            return List.of(Manifests.id(object) + ": "
                    + object.path("apiVersion").asText() + " " + Manifests.kind(object) + " is not a Kubernetes kind");
        }
        walk(typed, Manifests.id(object), problems);
        return problems;
    }

    private static void walk(Object value, String path, List<String> problems) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, problems));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                walk(element, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value == null || !value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            String name = getter.getName();
            if (getter.getParameterCount() != 0
                    || !name.startsWith("get")
                    || name.equals("getClass")
                    || getter.getDeclaringClass().getName().startsWith("java.")) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + unknown.keySet());
                }
            } else {
                walk(field, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), problems);
            }
        }
    }
}
