package io.flopx.settlement;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KafkaTestResource;
import io.flopx.embedded.OidcTestResource;
import io.flopx.embedded.PostgresTestResource;
import io.flopx.embedded.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One real PostgreSQL, Kafka broker and OIDC server for every settlement test, and what the tests share. */
@QuarkusTestResource(
        value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "settlement"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
abstract class SettlementTestBase {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    static RequestSpecification as(DemoUser user) {
        return given().auth().oauth2(TestTokens.of(user)).contentType(ContentType.JSON);
    }

    /** Plain JDBC to the service's database: tests look at tables the API does not show. */
    Connection db() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    long count(String sql) throws SQLException {
        try (Connection c = db();
                ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** {@code callers} calls released at the same instant (a latch), their answers in caller order. */
    static <T> List<T> atOnce(int callers, IntFunction<Callable<T>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Callable<T> c = call.apply(i);
            answers.add(pool.submit(() -> {
                go.await();
                return c.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> f : answers) {
                results.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        return results;
    }

    /** The lease's settlement once it is in {@code state} (within 30 s). */
    JsonPath awaitSettlement(String fillId, String state) {
        JsonPath[] seen = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            var r = as(DemoUser.OLIVIA).get("/settlements/" + fillId);
            if (r.statusCode() != 200) {
                return false;
            }
            seen[0] = r.jsonPath();
            return state.equals(seen[0].getString("state"));
        });
        return seen[0];
    }

    /**
     * The fill's entries each balance, every account they touched holds the sum of its postings, and its lease's
     * money adds up (released = paid out + fees + SLA credits, credits within the cost).
     */
    void assertLedgerBalances(String fillId) throws Exception {
        String entries = "select id from journal_entry where reference = '" + fillId + "'";
        assertEquals(
                0,
                count("select count(*) from (select entry_id from posting where entry_id in (" + entries
                        + ") group by entry_id having sum(amount) <> 0) unbalanced"));
        assertEquals(
                0,
                count("select count(*) from account a where a.id in (select account_id from posting where "
                        + "entry_id in (" + entries + ")) and a.credits - a.debits <> "
                        + "(select sum(amount) from posting p where p.account_id = a.id)"));
        assertEquals(
                0,
                count("select count(*) from lease_settlement where fill_id = '" + fillId
                        + "' and (released <> paid_out + fees + credited or credited > cost)"));
    }
}
