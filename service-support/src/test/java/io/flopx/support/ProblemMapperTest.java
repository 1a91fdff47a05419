package io.flopx.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every client mistake becomes a problem+json naming the field, with the status a client can act on. */
class ProblemMapperTest {

    record Order(@NotNull String model, @Max(1024) int devices) {}

    record Priced(
            @jakarta.validation.constraints.Pattern(regexp = "[A-Z]{3}") @IsoCurrency
            String currency) {}

    private final ProblemMapper mapper = new ProblemMapper();
    private final ObjectMapper json =
            whole(new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    private static ObjectMapper whole(ObjectMapper mapper) {
        new WholeNumbers().customize(mapper);
        new OneValuePerField().customize(mapper);
        return mapper;
    }

    private final Validator validator = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    @ParameterizedTest(name = "{0} -> {1} on {2}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown field                      | 400 | colour  | {"model":"H20","devices":1,"colour":"red"}
            a number beyond what the field holds  | 422 | devices | {"model":"H20","devices":99999999999}
            a value of the wrong type             | 400 | devices | {"model":"H20","devices":"eight"}
            a fraction of a whole number          | 400 | devices | {"model":"H20","devices":1.5}
            a whole number written as text        | 400 | devices | {"model":"H20","devices":"8"}
            a whole number with an exponent       | 400 | devices | {"model":"H20","devices":1e3}
            broken JSON                           | 400 | body    | {"model":
            a field given twice                   | 400 | devices | {"model":"H20","devices":1,"devices":50}
            """)
    void anUnreadableBodyIsAProblemNamingTheField(String mistake, int status, String field, String body) {
        assertProblem(mapper.unreadable(unreadable(body)), status, field);
    }

    record Basket(Order first, List<Order> lines) {}

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            first.model       | {"first":{"model":"H20","model":"H100","devices":1}}
            lines[1].devices  | {"lines":[{"model":"H20","devices":1},{"model":"H20","devices":1,"devices":2}]}
            lines             | {"lines":[],"lines":[]}
            """)
    void aFieldGivenTwiceAnywhereIsNamedByItsPath(String field, String body) {
        JsonProcessingException e =
                assertThrows(JsonProcessingException.class, () -> json.readValue(body, Basket.class));
        assertProblem(mapper.unreadable(e), 400, field);
    }

    @Test
    void aValueOutOfItsRangeIsA422AndAMissingOneA400() {
        assertProblem(mapper.invalid(violations(new Order("H20", 5000))), 422, "devices");
        assertProblem(mapper.invalid(violations(new Order(null, 8))), 400, "model");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            ABC, 422
            XXX, 422
            XAU, 422
            cny, 400
            CNYY, 400
            """)
    void aCurrencyMoneyIsNotKeptInIsRefusedNamingTheField(String currency, int status) {
        Set<? extends jakarta.validation.ConstraintViolation<?>> found = validator.validate(new Priced(currency));
        assertEquals(1, found.size(), "one rule answers, not two");
        assertProblem(mapper.invalid(new ConstraintViolationException(Set.copyOf(found))), status, "currency");
    }

    @ParameterizedTest
    @CsvSource({"CNY", "USD", "JPY", "EUR", "HKD"})
    void aCurrencyMoneyIsKeptInPasses(String currency) {
        assertEquals(Set.of(), validator.validate(new Priced(currency)));
    }

    @Test
    void anApiProblemKeepsItsStatusFieldAndExtensions() {
        Response r =
                mapper.apiProblem(ApiProblem.conflict("version", "changed meanwhile", Map.of("currentVersion", 3)));
        assertProblem(r, 409, "version");
        assertEquals(3, body(r).get("currentVersion"));
    }

    @Test
    void theDatabaseAwayIsA503WithRetryAfterAndAnythingElseA500ThatTellsNothing() {
        Response away = mapper.unexpected(new RuntimeException(new ConnectException("Connection refused")));
        assertEquals(503, away.getStatus());
        assertEquals("5", away.getHeaderString("Retry-After"));
        // What kill -9 of PostgreSQL under load gave order-service (answered 500 before): a connection closed
        // under a transaction, its rollback failing the same way or with Hibernate Reactive's complaint.
        String closed = "Connection is not active now, current status: CLOSED";
        assertEquals(
                503,
                mapper.unexpected(new CompositeException(
                                new NoStackTraceThrowable(closed),
                                new IllegalStateException("HR000090: Live transaction detected while closing")))
                        .getStatus());
        assertEquals(
                503,
                mapper.unexpected(new CompositeException(
                                new IllegalStateException("HR000090: Live transaction detected while closing"),
                                new NoStackTraceThrowable(closed)))
                        .getStatus());
        assertEquals(
                503,
                mapper.unexpected(new NoStackTraceThrowable("Failed to read any response from the server, the"
                                + " underlying connection may have been lost unexpectedly."))
                        .getStatus());
        Response bug = mapper.unexpected(new IllegalStateException("secret internals"));
        assertEquals(500, bug.getStatus());
        assertEquals("an unexpected error; it has been logged", body(bug).get("detail"));
    }

    private JsonProcessingException unreadable(String body) {
        return assertThrows(JsonProcessingException.class, () -> json.readValue(body, Order.class));
    }

    private ConstraintViolationException violations(Order order) {
        Set<? extends jakarta.validation.ConstraintViolation<?>> found = validator.validate(order);
        return new ConstraintViolationException(Set.copyOf(found));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response r) {
        return (Map<String, Object>) r.getEntity();
    }

    @SuppressWarnings("unchecked")
    private static void assertProblem(Response r, int status, String field) {
        assertEquals(status, r.getStatus());
        assertEquals(ProblemMapper.PROBLEM_JSON, r.getMediaType().toString());
        assertEquals(status, body(r).get("status"));
        List<Map<String, String>> errors = (List<Map<String, String>>) body(r).get("errors");
        assertEquals(field, errors.get(0).get("field"), () -> "errors: " + errors);
    }
}
