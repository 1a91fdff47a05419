package io.flopx.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;

/** What an operation takes is read from its parameters, its bean parameters and its class. */
class KnownQueryParametersTest {

    static class Page {
        @QueryParam("after")
        String after;
    }

    static class Filter extends Page {
        @QueryParam("status")
        String status;

        @BeanParam
        Window window;

        String notAParameter;
    }

    static class Window {
        @QueryParam("from")
        String from;
    }

    static class Resource {
        @QueryParam("tenant")
        String tenant;

        @SuppressWarnings("unused")
        void list(
                @BeanParam Filter filter,
                @QueryParam("limit") int limit,
                @RestQuery("sort") String sort,
                UriInfo uri) {}

        @SuppressWarnings("unused")
        void place(String body) {}
    }

    private static Method method(String name) {
        return Arrays.stream(Resource.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyWayAParameterIsDeclaredCounts() {
        assertEquals(
                Set.of("tenant", "after", "status", "from", "limit", "sort"),
                KnownQueryParameters.queryNames(Resource.class, method("list")));
    }

    @Test
    void anOperationWithoutParametersTakesOnlyItsClassFields() {
        assertEquals(Set.of("tenant"), KnownQueryParameters.queryNames(Resource.class, method("place")));
    }
}
