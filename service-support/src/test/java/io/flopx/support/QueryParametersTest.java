package io.flopx.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A query parameter that does not convert is a 400 naming it, whatever its type. */
class QueryParametersTest {

    @SuppressWarnings("unused") // read by reflection: its parameters carry the annotations Quarkus would pass
    private static void resource(
            @QueryParam("from") Instant from,
            @QueryParam("lease") UUID lease,
            @QueryParam("unit") TimeUnit unit,
            @QueryParam("size") int size,
            @PathParam("id") UUID id,
            @PathParam("month") String month) {}

    private final QueryParameters provider = new QueryParameters();

    private <T> ParamConverter<T> converter(Class<T> type, int parameter) {
        return provider.getConverter(type, type, method().getParameterAnnotations()[parameter]);
    }

    private static java.lang.reflect.Method method() {
        try {
            return QueryParametersTest.class.getDeclaredMethod(
                    "resource", Instant.class, UUID.class, TimeUnit.class, int.class, UUID.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(ParamConverter<?> converter, String value, String field, String hint) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> converter.fromString(value));
        assertEquals(400, problem.status());
        assertEquals(field, problem.field());
        assertTrue(problem.getMessage().contains(hint), problem.getMessage());
    }

    @Test
    void aTimeIsReadInIso8601AndAnythingElseIsRefusedNamingTheParameter() {
        ParamConverter<Instant> from = converter(Instant.class, 0);
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), from.fromString("2026-12-01T08:00:00Z"));
        assertRefused(from, "yesterday", "from", "2026-12-01T08:00:00Z");
        assertRefused(from, "2026-13-01T00:00:00Z", "from", "ISO 8601");
        assertNull(from.fromString(null));
    }

    @Test
    void anIdIsReadInItsCanonicalFormOnly() {
        ParamConverter<UUID> lease = converter(UUID.class, 1);
        UUID id = UUID.randomUUID();
        assertEquals(id, lease.fromString(id.toString()));
        assertRefused(lease, "not-an-id", "lease", "must be an id");
        assertRefused(lease, "1-2-3-4-5", "lease", "must be an id");
        assertRefused(
                lease, "00000000001-0001-0001-0001-000000001", "lease", "must be an id"); // UUID.fromString takes it
    }

    @Test
    void enumsAndNumbersAsBefore() {
        assertEquals(TimeUnit.SECONDS, converter(TimeUnit.class, 2).fromString("SECONDS"));
        assertRefused(converter(TimeUnit.class, 2), "FORTNIGHTS", "unit", "must be one of NANOSECONDS");
        assertEquals(7, converter(int.class, 3).fromString(" 7 "));
        assertRefused(converter(int.class, 3), "7.5", "size", "whole number");
    }

    @Test
    void anIdInAPathThatIsNotAnIdIsNotFoundSayingSo() {
        ParamConverter<UUID> path = converter(UUID.class, 4);
        UUID id = UUID.randomUUID();
        assertEquals(id, path.fromString(id.toString()));
        for (String notAnId : List.of("not-an-id", "1-2-3-4-5", "00000000001-0001-0001-0001-000000001")) {
            ApiProblem problem = assertThrows(ApiProblem.class, () -> path.fromString(notAnId));
            assertEquals(404, problem.status());
            assertTrue(problem.getMessage().contains("'" + notAnId + "' is not an id"), problem.getMessage());
        }
        assertNull(converter(String.class, 5), "other path parameters are left to Quarkus");
    }
}
