package io.flopx.support;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query parameter the operation does not take is a 400 problem naming it and what the operation takes, as an
 * unknown field of a body is. Left unread, {@code GET /orders?limit=5} (orders page with {@code size}) or
 * {@code GET /leases/revenue?from=...} (no such filter) would answer a full, unfiltered 200 that looks filtered.
 */
public class KnownQueryParameters {

    /** Per resource method, the names of the query parameters it reads, found once by reflection. */
    private final Map<Method, Set<String>> taken = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseUnknown(HttpServerRequest request, UriInfo uri, ResourceInfo resource) {
        // Vert.x's raw query: a field read, where UriInfo.getRequestUri() would build a URI on every request.
        if (request.query() == null || resource.getResourceMethod() == null) {
            return; // the common case (a placement): nothing to check
        }
        Set<String> names =
                taken.computeIfAbsent(resource.getResourceMethod(), m -> queryNames(resource.getResourceClass(), m));
        for (String given : uri.getQueryParameters().keySet()) {
            if (!names.contains(given)) {
                // Thrown, it reaches ProblemMapper as a converter's ApiProblem does.
                throw ApiProblem.badRequest(
                        given,
                        given + " is not a query parameter of this operation; "
                                + (names.isEmpty() ? "it takes none" : "it takes " + String.join(", ", names)));
            }
        }
    }

    /** The query parameters a resource method reads: its own, its bean parameters' and its class's fields'. */
    static Set<String> queryNames(Class<?> resourceClass, Method method) {
        Set<String> names = new TreeSet<>();
        fieldNames(resourceClass, names);
        for (Parameter p : method.getParameters()) {
            String name = queryName(p, p.getName());
            if (name != null) {
                names.add(name);
            } else if (p.isAnnotationPresent(BeanParam.class)
                    || !p.getType().getName().startsWith("java")) {
                // Quarkus REST also reads a parameter whose class has annotated fields as a bean parameter.
                fieldNames(p.getType(), names);
            }
        }
        return Set.copyOf(names);
    }

    private static void fieldNames(Class<?> type, Set<String> names) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                String name = queryName(f, f.getName());
                if (name != null) {
                    names.add(name);
                } else if (f.isAnnotationPresent(BeanParam.class)) {
                    fieldNames(f.getType(), names);
                }
            }
        }
    }

    private static String queryName(AnnotatedElement element, String declaredName) {
        QueryParam query = element.getAnnotation(QueryParam.class);
        if (query != null) {
            return query.value();
        }
        RestQuery rest = element.getAnnotation(RestQuery.class);
        if (rest != null) {
            return rest.value().isEmpty() ? declaredName : rest.value();
        }
        return null;
    }
}
