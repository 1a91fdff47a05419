package io.flopx.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import io.flopx.localstack.StackConfig;
import io.flopx.localstack.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Grafana dashboard and the Prometheus configuration in deploy/observability describe the services
 * as they run: every metric a panel queries is exposed by some service of the real stack, and every
 * service port the stack uses locally is scraped.
 */
@ExtendWith(SharedStack.class)
class ObservabilityConfigTest {

    static final Pattern METRIC = Pattern.compile("\\b((?:flopx|kafka|http_server)_[a-z_]+)\\b");

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsExposed() throws Exception {
        Path repo = Path.of(System.getProperty("flopx.repo.root"));
        JsonNode dashboard = new ObjectMapper()
                .readTree(repo.resolve("deploy/observability/grafana/flopx-exchange.json")
                        .toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertTrue(queried.size() >= 10, "the dashboard queries " + queried);

        StackConfig c = SharedStack.stack().config();
        String operator = KeycloakTokens.password(c.realmUrl(), DemoUser.OLIVIA.username(), DemoUser.DEMO_PASSWORD);
        // One call to each service, so that request metrics exist.
        for (String path : List.of("/api/models", "/api/orders", "/api/market/depth")) {
            given().auth().oauth2(operator).get(c.gatewayUrl() + path).then().statusCode(200);
        }
        StringBuilder exposed = new StringBuilder();
        for (int port : List.of(c.catalogPort(), c.orderPort(), c.matchingPort())) {
            exposed.append(given().get("http://localhost:" + port + "/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        }
        exposed.append(given().auth()
                .oauth2(operator)
                .get(c.gatewayUrl() + "/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<String> missing = new ArrayList<>();
        for (String metric : queried) {
            // Exposition lines start with the name, then labels or a space; histograms expose name_bucket etc.
            if (!Pattern.compile("(?m)^" + Pattern.quote(metric) + "[{ ]")
                    .matcher(exposed)
                    .find()) {
                missing.add(metric);
            }
        }
        if (!missing.isEmpty()) {
            exposed.toString()
                    .lines()
                    .filter(l -> !l.startsWith("#") && l.contains("lag"))
                    .map(l -> l.replaceAll("[{ ].*", ""))
                    .distinct()
                    .forEach(l -> System.out.println("exposed: " + l));
        }
        assertEquals(List.of(), missing, "queried by the Grafana dashboard but exposed by no service");
    }

    @Test
    void theAsyncApiDocumentDescribesEveryTopicTheStackCreates() throws Exception {
        String asyncApi = Files.readString(Path.of(System.getProperty("flopx.repo.root"), "deploy/asyncapi.yaml"));
        for (String topic : Topics.NAMES) {
            assertTrue(asyncApi.contains("address: " + topic), "asyncapi.yaml lacks topic " + topic);
        }
    }

    @Test
    void prometheusScrapesEveryServiceOfTheLocalStack() throws Exception {
        String config =
                Files.readString(Path.of(System.getProperty("flopx.repo.root"), "deploy/observability/prometheus.yml"));
        for (int port : List.of(8080, 8081, 8082, 8083)) {
            assertTrue(config.contains("localhost:" + port), "prometheus.yml does not scrape port " + port);
        }
        assertTrue(config.contains("metrics_path: /q/metrics"));
    }
}
