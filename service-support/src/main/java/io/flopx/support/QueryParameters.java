package io.flopx.support;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Query parameters that are enums, numbers, times or ids, read so that a value that does not convert is a 400
 * problem naming the parameter ({@code ?status=NOPE}: field "status", "must be one of ..."; {@code ?from=yesterday}:
 * field "from", "must be a time such as ..."). Quarkus REST, as Jakarta REST prescribes for query parameters, answers
 * such a value 404 "Not Found" and names nothing. An id in a path that is not an id stays a 404 (it names nothing
 * that exists) that says so. Other types are left to Quarkus.
 */
@Provider
public class QueryParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        if (type == UUID.class && isPathParameter(annotations)) {
            return (ParamConverter<T>) pathId();
        }
        String name = queryName(annotations);
        if (name == null) {
            return null;
        }
        if (type.isEnum()) {
            Class<? extends Enum> enumType = (Class<? extends Enum>) type;
            String allowed =
                    Arrays.stream(enumType.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(name, "must be one of " + allowed, v -> Enum.valueOf(enumType, v));
        }
        if (type == Integer.class || type == int.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Integer::valueOf);
        }
        if (type == Long.class || type == long.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Long::valueOf);
        }
        if (type == BigDecimal.class) {
            return (ParamConverter<T>) converter(name, "must be a number", BigDecimal::new);
        }
        if (type == Instant.class) {
            return (ParamConverter<T>)
                    converter(name, "must be a time such as 2026-12-01T08:00:00Z (ISO 8601, UTC)", Instant::parse);
        }
        if (type == UUID.class) {
            return (ParamConverter<T>) converter(
                    name, "must be an id such as 3f1c9a52-8d4e-4b7a-9c1e-2a5b6d7e8f90", QueryParameters::uuid);
        }
        return null;
    }

    /**
     * An id in its canonical form only (8-4-4-4-12 hex digits): {@link UUID#fromString} also takes other groupings,
     * "1-2-3-4-5" and even 36 characters grouped 11-4-4-4-9.
     */
    private static UUID uuid(String value) {
        if (value.length() != 36
                || value.charAt(8) != '-'
                || value.charAt(13) != '-'
                || value.charAt(18) != '-'
                || value.charAt(23) != '-') {
            throw new IllegalArgumentException(value);
        }
        return UUID.fromString(value);
    }

    private static boolean isPathParameter(Annotation[] annotations) {
        return annotations != null
                && Arrays.stream(annotations).anyMatch(a -> a instanceof PathParam || a instanceof RestPath);
    }

    /**
     * An id in a path that is not an id ({@code /orders/not-an-id}) names nothing that exists: 404, as Quarkus
     * answers, but saying which part of the path is not an id rather than a bare "HTTP 404 Not Found".
     */
    private static ParamConverter<UUID> pathId() {
        return new ParamConverter<>() {
            @Override
            public UUID fromString(String value) {
                try {
                    return value == null ? null : uuid(value);
                } catch (IllegalArgumentException e) {
                    throw new ApiProblem(
                            404,
                            "Not Found",
                            null,
                            "'" + value + "' is not an id; ids look like 3f1c9a52-8d4e-4b7a-9c1e-2a5b6d7e8f90");
                }
            }

            @Override
            public String toString(UUID value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static String queryName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q && !q.value().isEmpty()) {
                return q.value();
            }
        }
        return null;
    }

    private static <T> ParamConverter<T> converter(String name, String rule, Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value.strip());
                } catch (IllegalArgumentException | DateTimeException e) { // NumberFormatException too
                    throw ApiProblem.badRequest(name, rule);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
            }
        };
    }
}
