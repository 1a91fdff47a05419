package io.flopx.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flopx.embedded.DemoUser;
import io.flopx.embedded.KeycloakTokens;
import io.flopx.localstack.KeycloakServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacks every public endpoint through the gateway of the real stack, with real Keycloak tokens: for each
 * endpoint the matrix {owner, another tenant with the same role, another role, operator, no token,
 * expired, wrong audience, wrong issuer, alg=none, tampered signature}; mass assignment; a fuzz pass of
 * malformed JSON and boundary values over every write endpoint; an oversized body; signing-key rotation;
 * the per-tenant write limit. Prints a summary (cases run, unexpected results) and fails on any
 * unexpected result.
 */
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityMatrixTest {

    enum Caller {
        OWNER,
        SAME_ROLE_OTHER_TENANT,
        OTHER_ROLE,
        OPERATOR,
        NO_TOKEN,
        EXPIRED,
        WRONG_AUDIENCE,
        WRONG_ISSUER,
        ALG_NONE,
        TAMPERED
    }

    /** Who plays each part for an endpoint, what it sends, and the statuses each caller must get. */
    record Endpoint(
            String method,
            String path,
            String body,
            DemoUser owner,
            DemoUser sameRoleOther,
            DemoUser otherRole,
            Map<Caller, Set<Integer>> expected) {}

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(20, ChronoUnit.DAYS);

    static Map<DemoUser, String> tokens = new EnumMap<>(DemoUser.class);
    static Map<DemoUser, String> expired = new EnumMap<>(DemoUser.class);
    static Map<DemoUser, String> otherAudience = new EnumMap<>(DemoUser.class);
    static String otherIssuer;
    static String siteId;
    static String offeringId;
    static String offeringToWithdraw;
    static String orderId;
    static String orderToCancel;
    static String planId;
    static String planToStop;
    static final List<String> unexpected = new ArrayList<>();

    @BeforeAll
    static void tokensAndFixtures() throws Exception {
        String realm = SharedStack.stack().config().realmUrl();
        for (DemoUser u : DemoUser.values()) {
            tokens.put(u, KeycloakTokens.password(realm, u.username(), DemoUser.DEMO_PASSWORD));
            expired.put(u, KeycloakTokens.password(realm, "flopx-short-lived", u.username(), DemoUser.DEMO_PASSWORD));
            otherAudience.put(
                    u, KeycloakTokens.password(realm, "flopx-other-audience", u.username(), DemoUser.DEMO_PASSWORD));
        }
        otherIssuer = KeycloakTokens.password(
                realm.replace("/realms/flopx", "/realms/master"),
                "admin-cli",
                KeycloakServer.ADMIN_USER,
                KeycloakServer.ADMIN_PASSWORD);

        siteId = as(DemoUser.ALICE)
                .body(site("Matrix DC"))
                .post("/api/sites")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        offeringId = as(DemoUser.ALICE)
                .body(offering(siteId))
                .post("/api/offerings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        offeringToWithdraw = as(DemoUser.ALICE)
                .body(offering(siteId))
                .post("/api/offerings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        orderId = as(DemoUser.CAROL)
                .body(order())
                .post("/api/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        orderToCancel = as(DemoUser.CAROL)
                .body(order())
                .post("/api/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // Plans that start in 20 days: they place no order before the tests end.
        planId = as(DemoUser.CAROL)
                .body(plan())
                .post("/api/plans")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        planToStop = as(DemoUser.CAROL)
                .body(plan())
                .post("/api/plans")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (String id : List.of(orderId, orderToCancel)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            as(DemoUser.CAROL).get("/api/orders/" + id).then().body("status", equalTo("RESTING")));
        }
        // The short-lived client's tokens live 2 s: past that, with a margin for clock skew allowances.
        long exp =
                JSON.readTree(part(expired.get(DemoUser.CAROL), 1)).path("exp").asLong();
        Thread.sleep(Math.max(0, (exp + 2) * 1000 - System.currentTimeMillis()));
    }

    @Test
    @Order(1)
    void everyEndpointAnswersEveryCallerAsItShould() {
        int cases = 0;
        List<Endpoint> endpoints = endpoints();
        for (Endpoint e : endpoints) {
            // The owner goes last: its call may change the object (withdraw, cancel).
            for (Caller c : List.of(
                    Caller.NO_TOKEN,
                    Caller.EXPIRED,
                    Caller.WRONG_AUDIENCE,
                    Caller.WRONG_ISSUER,
                    Caller.ALG_NONE,
                    Caller.TAMPERED,
                    Caller.OTHER_ROLE,
                    Caller.SAME_ROLE_OTHER_TENANT,
                    Caller.OPERATOR,
                    Caller.OWNER)) {
                if (!e.expected().containsKey(c)) {
                    continue;
                }
                cases++;
                Response r = call(e, c);
                if (!e.expected().get(c).contains(r.statusCode())) {
                    unexpected.add(e.method() + " " + e.path() + " as " + c + ": " + r.statusCode() + " (expected "
                            + e.expected().get(c) + ") " + r.asString());
                }
            }
        }
        System.out.printf(
                "%nsecurity matrix: %d endpoints, %d cases, %d unexpected%n",
                endpoints.size(), cases, unexpected.size());
        unexpected.forEach(u -> System.out.println("  UNEXPECTED " + u));
        assertEquals(List.of(), unexpected);
    }

    @Test
    @Order(2)
    void serverOwnedFieldsCannotBeSetByAClient() throws Exception {
        String foreignId = UUID.randomUUID().toString();
        ObjectNode body = (ObjectNode) JSON.readTree(order());
        body.put("id", foreignId)
                .put("tenant", "bluesky-bio")
                .put("status", "FILLED")
                .put("version", 99)
                .put("filledDevices", 8);
        body.putArray("fills")
                .addObject()
                .put("offeringId", offeringId)
                .put("devices", 8)
                .put("pricePerDeviceHour", 1);
        body.putObject("totals").put("cost", 1);
        // Refused as unknown fields (400 naming one), not silently ignored; nothing is stored.
        int ordersBefore =
                as(DemoUser.CAROL).get("/api/orders?size=100").then().extract().path("size()");
        as(DemoUser.CAROL)
                .body(body.toString())
                .post("/api/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].message", equalTo("unknown field"));
        as(DemoUser.CAROL).get("/api/orders?size=100").then().body("size()", equalTo(ordersBefore));
        as(DemoUser.CAROL).get("/api/orders/" + foreignId).then().statusCode(404);

        ObjectNode listing = (ObjectNode) JSON.readTree(offering(siteId));
        listing.put("id", foreignId)
                .put("tenant", "yangtze-compute")
                .put("status", "WITHDRAWN")
                .put("version", 42);
        as(DemoUser.ALICE)
                .body(listing.toString())
                .post("/api/offerings")
                .then()
                .statusCode(400)
                .body("errors[0].message", equalTo("unknown field"));
        as(DemoUser.ALICE).get("/api/offerings/" + foreignId).then().statusCode(404);

        as(DemoUser.CAROL)
                .body("{\"limitPrice\": 120, \"status\": \"FILLED\", \"tenant\": \"bluesky-bio\"}")
                .patch("/api/orders/" + orderId)
                .then()
                .statusCode(400);
        as(DemoUser.CAROL)
                .get("/api/orders/" + orderId)
                .then()
                .statusCode(200)
                .body(
                        "status",
                        org.hamcrest.Matchers.not(equalTo("FILLED")),
                        "limitPrice",
                        org.hamcrest.Matchers.not(equalTo(120)));
        as(DemoUser.DAVE).get("/api/orders/" + orderId).then().statusCode(404);
    }

    @Test
    @Order(3)
    void malformedAndBoundaryInputGetsA4xxNeverA5xx() throws Exception {
        List<Object[]> writes = List.of(
                new Object[] {DemoUser.ALICE, "POST", "/api/sites", site("Fuzz DC")},
                new Object[] {DemoUser.ALICE, "POST", "/api/offerings", offering(siteId)},
                new Object[] {
                    DemoUser.ALICE,
                    "PATCH",
                    "/api/offerings/" + offeringId,
                    "{\"pricePerDeviceHour\":1500,\"devices\":8}"
                },
                new Object[] {DemoUser.OLIVIA, "PUT", "/api/models/FUZZ-1", model()},
                new Object[] {DemoUser.OLIVIA, "PUT", "/api/hubs/fuzz-hub", "{\"name\":\"Fuzz\",\"side\":\"west\"}"},
                new Object[] {DemoUser.CAROL, "POST", "/api/orders", order()},
                new Object[] {DemoUser.CAROL, "PATCH", "/api/orders/" + orderId, "{\"limitPrice\":130,\"devices\":2}"},
                new Object[] {DemoUser.DAVE, "POST", "/api/market/quote", quote()},
                new Object[] {
                    DemoUser.OLIVIA,
                    "PUT",
                    "/api/accounts/sec-fuzz/credit-limit",
                    "{\"currency\":\"CNY\",\"creditLimit\":0}"
                },
                new Object[] {
                    DemoUser.OLIVIA, "POST", "/api/accounts/sec-fuzz/top-ups", "{\"currency\":\"CNY\",\"amount\":100}"
                },
                new Object[] {DemoUser.OLIVIA, "POST", "/api/vouchers", voucher()},
                new Object[] {DemoUser.OLIVIA, "PUT", "/api/fees/sec-fuzz", "{\"bps\":150}"});
        List<String> malformed = List.of(
                "",
                "{",
                "}",
                "[]",
                "null",
                "0",
                "\"text\"",
                "{\"a\":}",
                "{,}",
                "{\"a\" 1}",
                "[".repeat(5_000),
                "{\"x\":" + "9".repeat(5_000) + "}",
                "\u0000");
        List<Object> values = java.util.Arrays.asList(
                null,
                "",
                "x".repeat(5_000),
                -1,
                0,
                2_147_483_648L,
                1e308,
                new java.math.BigInteger("-9223372036854775809"),
                true,
                List.of(),
                Map.of(),
                "2026-02-30T25:61:00Z",
                "\u0000",
                "<script>alert(1)</script>",
                "'; drop table orders; --");
        int cases = 0;
        List<String> bad = new ArrayList<>();
        for (Object[] w : writes) {
            DemoUser user = (DemoUser) w[0];
            String method = (String) w[1];
            String path = (String) w[2];
            String base = (String) w[3];
            for (String body : malformed) {
                cases++;
                check(bad, user, method, path, body);
            }
            ObjectNode valid = (ObjectNode) JSON.readTree(base);
            for (String field : iterable(valid.fieldNames())) {
                for (Object v : values) {
                    ObjectNode mutated = valid.deepCopy();
                    mutated.set(field, JSON.valueToTree(v));
                    cases++;
                    check(bad, user, method, path, mutated.toString());
                }
            }
        }
        System.out.printf("%nfuzz: %d write endpoints, %d cases, %d unexpected%n", writes.size(), cases, bad.size());
        bad.forEach(b -> System.out.println("  UNEXPECTED " + b));
        assertEquals(List.of(), bad);
    }

    @Test
    @Order(4)
    void anOversizedBodyIs413() {
        as(DemoUser.CAROL)
                .body("{\"clientReference\":\"" + "a".repeat(300_000) + "\"}")
                .post("/api/orders")
                .then()
                .statusCode(413);
    }

    @Test
    @Order(5)
    void afterTheProviderRotatesItsKeyNewTokensPassAndForgedOnesDoNot() throws Exception {
        String kc = SharedStack.stack().config().realmUrl().replace("/realms/flopx", "");
        String admin = KeycloakTokens.password(
                kc + "/realms/master", "admin-cli", KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
        String realmId = given().auth()
                .oauth2(admin)
                .get(kc + "/admin/realms/flopx")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        String oldKid = kid(tokens.get(DemoUser.CAROL));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "rotated-" + UUID.randomUUID(),
                        "providerId",
                        "rsa-generated",
                        "providerType",
                        "org.keycloak.keys.KeyProvider",
                        "parentId",
                        realmId,
                        "config",
                        Map.of(
                                "priority",
                                List.of("500"),
                                "enabled",
                                List.of("true"),
                                "active",
                                List.of("true"),
                                "keySize",
                                List.of("2048"))))
                .post(kc + "/admin/realms/flopx/components")
                .then()
                .statusCode(201);

        String rotated = KeycloakTokens.password(
                SharedStack.stack().config().realmUrl(), DemoUser.CAROL.username(), DemoUser.DEMO_PASSWORD);
        String newKid = kid(rotated);
        assertNotEquals(oldKid, newKid, "Keycloak signs with the new key");
        given().auth().oauth2(rotated).get("/api/orders/" + orderId).then().statusCode(200);
        given().auth()
                .oauth2(tokens.get(DemoUser.CAROL))
                .get("/api/orders/" + orderId)
                .then()
                .statusCode(200);

        // Same claims, the new key's id, but signed with a key of our own.
        var attacker = KeyPairGenerator.getInstance("RSA");
        attacker.initialize(2048);
        var keys = attacker.generateKeyPair();
        String signingInput = part(rotated, 0, true) + "." + part(rotated, 1, true);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String forged =
                signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        given().auth().oauth2(forged).get("/api/orders/" + orderId).then().statusCode(401);
        // Behind the door too: order-service checks the token itself.
        given().auth()
                .oauth2(forged)
                .get("http://localhost:" + SharedStack.stack().config().orderPort() + "/orders/" + orderId)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(rotated)
                .get("http://localhost:" + SharedStack.stack().config().orderPort() + "/orders/" + orderId)
                .then()
                .statusCode(200);
    }

    @Test
    @Order(6)
    void aTenantThatFloodsWritesIsSlowedDownAndOthersAreNot() {
        // mallory (tenant mallory-labs) exists in the realm for this test alone: the flood must not use up
        // the quota of a tenant other tests write as.
        String mallory =
                KeycloakTokens.password(SharedStack.stack().config().realmUrl(), "mallory", DemoUser.DEMO_PASSWORD);
        Response limited = null;
        int accepted = 0;
        for (int i = 0; i < 800 && limited == null; i++) {
            Response r = given().auth()
                    .oauth2(mallory)
                    .contentType(ContentType.JSON)
                    .body(quote())
                    .post("/api/market/quote");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                accepted++;
            }
        }
        assertNotNull(limited, "no 429 after " + accepted + " writes");
        System.out.printf(
                "%nrate limit: 429 after %d writes in a minute; Retry-After %s s%n",
                accepted, limited.header("Retry-After"));
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
        assertEquals("application/problem+json", limited.contentType());
        as(DemoUser.ALICE).body(site("Still open DC")).post("/api/sites").then().statusCode(201);
    }

    // --- the endpoints and who may do what

    static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        Set<Integer> ok = Set.of(200);
        Set<Integer> created = Set.of(201);
        Set<Integer> forbidden = Set.of(403);
        Set<Integer> notFound = Set.of(404);
        // Anyone signed in.
        for (String path : List.of(
                "/api/models",
                "/api/hubs",
                "/api/offerings/search?hub=ningxia",
                "/api/market/depth",
                "/api/market/trades",
                "/api/market/index",
                "/api/market/state-hash")) {
            all.add(endpoint("GET", path, null, DemoUser.CAROL, DemoUser.DAVE, DemoUser.ALICE, ok, ok, ok, ok));
        }
        all.add(endpoint(
                "POST", "/api/market/quote", quote(), DemoUser.CAROL, DemoUser.DAVE, DemoUser.ALICE, ok, ok, ok, ok));
        // Operators only: there is no second operator tenant, so no same-role case.
        all.add(endpoint(
                "PUT",
                "/api/models/SEC-TEST-1",
                model(),
                DemoUser.OLIVIA,
                null,
                DemoUser.ALICE,
                Set.of(200, 201),
                null,
                forbidden,
                Set.of(200, 201)));
        all.add(endpoint(
                "PUT",
                "/api/hubs/sec-test-hub",
                "{\"name\":\"Security\",\"side\":\"east\"}",
                DemoUser.OLIVIA,
                null,
                DemoUser.CAROL,
                Set.of(200, 201),
                null,
                forbidden,
                Set.of(200, 201)));
        // Providers: their own sites, offerings and leases; operators read.
        all.add(endpoint(
                "POST",
                "/api/sites",
                site("Matrix DC 2"),
                DemoUser.ALICE,
                DemoUser.BOB,
                DemoUser.CAROL,
                created,
                created,
                forbidden,
                forbidden));
        all.add(endpoint(
                "GET", "/api/sites", null, DemoUser.ALICE, DemoUser.BOB, DemoUser.CAROL, ok, ok, forbidden, ok));
        all.add(endpoint(
                "GET",
                "/api/sites/" + siteId,
                null,
                DemoUser.ALICE,
                DemoUser.BOB,
                DemoUser.CAROL,
                ok,
                notFound,
                forbidden,
                ok));
        all.add(endpoint(
                "POST",
                "/api/offerings",
                offering(siteId),
                DemoUser.ALICE,
                DemoUser.BOB,
                DemoUser.CAROL,
                created,
                Set.of(404, 422),
                forbidden,
                forbidden));
        all.add(endpoint(
                "GET", "/api/offerings", null, DemoUser.ALICE, DemoUser.BOB, DemoUser.CAROL, ok, ok, forbidden, ok));
        all.add(endpoint(
                "GET",
                "/api/offerings/" + offeringId,
                null,
                DemoUser.ALICE,
                DemoUser.BOB,
                DemoUser.CAROL,
                ok,
                notFound,
                forbidden,
                ok));
        all.add(endpoint(
                "PATCH",
                "/api/offerings/" + offeringId,
                "{\"pricePerDeviceHour\":1490}",
                DemoUser.ALICE,
                DemoUser.BOB,
                DemoUser.CAROL,
                ok,
                notFound,
                forbidden,
                forbidden));
        all.add(endpoint(
                "POST",
                "/api/offerings/" + offeringToWithdraw + "/withdraw",
                null,
                DemoUser.ALICE,
                DemoUser.BOB,
                DemoUser.CAROL,
                ok,
                notFound,
                forbidden,
                forbidden));
        all.add(endpoint(
                "GET", "/api/leases", null, DemoUser.ALICE, DemoUser.BOB, DemoUser.CAROL, ok, ok, forbidden, ok));
        all.add(endpoint(
                "GET",
                "/api/leases/revenue?by=day",
                null,
                DemoUser.ALICE,
                DemoUser.BOB,
                DemoUser.CAROL,
                ok,
                ok,
                forbidden,
                forbidden));
        // Enterprises: their own orders; operators read.
        all.add(endpoint(
                "POST",
                "/api/orders",
                order(),
                DemoUser.CAROL,
                DemoUser.DAVE,
                DemoUser.ALICE,
                created,
                created,
                forbidden,
                forbidden));
        all.add(endpoint(
                "GET", "/api/orders", null, DemoUser.CAROL, DemoUser.DAVE, DemoUser.ALICE, ok, ok, forbidden, ok));
        all.add(endpoint(
                "GET",
                "/api/orders/" + orderId,
                null,
                DemoUser.CAROL,
                DemoUser.DAVE,
                DemoUser.ALICE,
                ok,
                notFound,
                forbidden,
                ok));
        all.add(endpoint(
                "PATCH",
                "/api/orders/" + orderId,
                "{\"limitPrice\":110}",
                DemoUser.CAROL,
                DemoUser.DAVE,
                DemoUser.ALICE,
                ok,
                notFound,
                forbidden,
                forbidden));
        all.add(endpoint(
                "POST",
                "/api/orders/" + orderToCancel + "/cancel",
                null,
                DemoUser.CAROL,
                DemoUser.DAVE,
                DemoUser.ALICE,
                Set.of(202),
                notFound,
                forbidden,
                forbidden));
        // Enterprises: their own procurement plans; operators read.
        all.add(endpoint(
                "POST",
                "/api/plans",
                plan(),
                DemoUser.CAROL,
                DemoUser.DAVE,
                DemoUser.ALICE,
                created,
                created,
                forbidden,
                forbidden));
        all.add(endpoint(
                "GET", "/api/plans", null, DemoUser.CAROL, DemoUser.DAVE, DemoUser.ALICE, ok, ok, forbidden, ok));
        all.add(endpoint(
                "GET",
                "/api/plans/" + planId,
                null,
                DemoUser.CAROL,
                DemoUser.DAVE,
                DemoUser.ALICE,
                ok,
                notFound,
                forbidden,
                ok));
        all.add(endpoint(
                "PATCH",
                "/api/plans/" + planId,
                "{\"devices\":2}",
                DemoUser.CAROL,
                DemoUser.DAVE,
                DemoUser.ALICE,
                ok,
                notFound,
                forbidden,
                forbidden));
        all.add(endpoint(
                "POST",
                "/api/plans/" + planToStop + "/stop",
                null,
                DemoUser.CAROL,
                DemoUser.DAVE,
                DemoUser.ALICE,
                ok,
                notFound,
                forbidden,
                forbidden));
        // Enterprises resell hours of their own leases; operators read every listing. (A resale of another
        // tenant's lease is refused by field: ResaleEndToEndTest.)
        all.add(endpoint(
                "GET", "/api/resales", null, DemoUser.CAROL, DemoUser.DAVE, DemoUser.ALICE, ok, ok, forbidden, ok));
        all.add(endpoint(
                "POST",
                "/api/resales",
                "{\"leaseId\":\"" + java.util.UUID.randomUUID() + "\",\"devices\":1,\"pricePerDeviceHour\":100}",
                DemoUser.CAROL,
                DemoUser.DAVE,
                DemoUser.ALICE,
                Set.of(422),
                Set.of(422),
                forbidden,
                forbidden));
        // Money (settlement-service): a tenant's accounts are its own (another tenant's, of any role, is a 404);
        // operators read any and move money. Writes without an Idempotency-Key pass the role check and are
        // then refused for the missing key (400), which is what an operator gets here.
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        for (String path : List.of(
                "/api/accounts/acme-ai",
                "/api/accounts/acme-ai/statement",
                "/api/accounts/acme-ai/statements/" + month)) {
            all.add(endpoint(
                    "GET", path, null, DemoUser.CAROL, DemoUser.DAVE, DemoUser.ALICE, ok, notFound, notFound, ok));
        }
        all.add(endpoint("GET", "/api/accounts", null, DemoUser.CAROL, DemoUser.DAVE, DemoUser.ALICE, ok, ok, ok, ok));
        // Buying power (order-service's pre-trade risk): an enterprise reads its own (naming another tenant is an
        // operator's), providers have none.
        all.add(endpoint(
                "GET",
                "/api/buying-power?tenant=acme-ai",
                null,
                DemoUser.CAROL,
                DemoUser.DAVE,
                DemoUser.ALICE,
                ok,
                forbidden,
                forbidden,
                ok));
        all.add(endpoint(
                "GET", "/api/vouchers", null, DemoUser.CAROL, DemoUser.DAVE, DemoUser.ALICE, ok, ok, forbidden, ok));
        // Settlements: each tenant sees the fills it bought or provided; a provider reads its own fee, an
        // operator sets it.
        all.add(endpoint(
                "GET", "/api/settlements", null, DemoUser.CAROL, DemoUser.DAVE, DemoUser.ALICE, ok, ok, ok, ok));
        all.add(endpoint(
                "GET",
                "/api/fees/west-gpu-cloud",
                null,
                DemoUser.ALICE,
                DemoUser.BOB,
                DemoUser.CAROL,
                ok,
                Set.of(404),
                forbidden,
                ok));
        all.add(endpoint(
                "PUT",
                "/api/fees/sec-matrix",
                "{\"bps\":150}",
                DemoUser.OLIVIA,
                null,
                DemoUser.ALICE,
                ok,
                null,
                forbidden,
                ok));
        for (String path : List.of("/api/ledger/totals", "/api/vouchers/programs/sec-matrix")) {
            all.add(endpoint("GET", path, null, DemoUser.OLIVIA, null, DemoUser.CAROL, ok, null, forbidden, ok));
        }
        all.add(endpoint(
                "PUT",
                "/api/accounts/sec-matrix/credit-limit",
                "{\"currency\":\"CNY\",\"creditLimit\":0}",
                DemoUser.OLIVIA,
                null,
                DemoUser.CAROL,
                ok,
                null,
                forbidden,
                ok));
        for (String[] write : List.of(
                new String[] {"/api/accounts/sec-matrix/top-ups", "{\"currency\":\"CNY\",\"amount\":100}"},
                new String[] {"/api/vouchers", voucher()})) {
            all.add(endpoint(
                    "POST",
                    write[0],
                    write[1],
                    DemoUser.OLIVIA,
                    null,
                    DemoUser.CAROL,
                    Set.of(400),
                    null,
                    forbidden,
                    Set.of(400)));
        }
        return all;
    }

    static Endpoint endpoint(
            String method,
            String path,
            String body,
            DemoUser owner,
            DemoUser sameRoleOther,
            DemoUser otherRole,
            Set<Integer> asOwner,
            Set<Integer> asOtherTenant,
            Set<Integer> asOtherRole,
            Set<Integer> asOperator) {
        Map<Caller, Set<Integer>> expected = new LinkedHashMap<>();
        expected.put(Caller.OWNER, asOwner);
        if (sameRoleOther != null) {
            expected.put(Caller.SAME_ROLE_OTHER_TENANT, asOtherTenant);
        }
        expected.put(Caller.OTHER_ROLE, asOtherRole);
        expected.put(Caller.OPERATOR, asOperator);
        for (Caller bad : List.of(
                Caller.NO_TOKEN,
                Caller.EXPIRED,
                Caller.WRONG_AUDIENCE,
                Caller.WRONG_ISSUER,
                Caller.ALG_NONE,
                Caller.TAMPERED)) {
            expected.put(bad, Set.of(401));
        }
        return new Endpoint(method, path, body, owner, sameRoleOther, otherRole, expected);
    }

    static Response call(Endpoint e, Caller c) {
        String token = switch (c) {
            case OWNER -> tokens.get(e.owner());
            case SAME_ROLE_OTHER_TENANT -> tokens.get(e.sameRoleOther());
            case OTHER_ROLE -> tokens.get(e.otherRole());
            case OPERATOR -> tokens.get(DemoUser.OLIVIA);
            case NO_TOKEN -> null;
            case EXPIRED -> expired.get(e.owner());
            case WRONG_AUDIENCE -> otherAudience.get(e.owner());
            case WRONG_ISSUER -> otherIssuer;
            case ALG_NONE -> algNone(tokens.get(e.owner()));
            case TAMPERED -> tampered(tokens.get(e.owner()));
        };
        RequestSpecification spec = given().contentType(ContentType.JSON);
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        if (e.body() != null) {
            spec = spec.body(e.body());
        }
        return spec.request(e.method(), e.path());
    }

    static void check(List<String> bad, DemoUser user, String method, String path, String body) {
        Response r = as(user).body(body).request(method, path);
        int status = r.statusCode();
        boolean problem = r.contentType() != null && r.contentType().startsWith("application/problem+json");
        if (status >= 500 || (status == 400 || status == 422) && !problem) {
            String shown = body.length() > 80 ? body.substring(0, 80) + "…" : body;
            bad.add(method + " " + path + " " + shown + " -> " + status + " "
                    + r.asString().lines().findFirst().orElse(""));
        }
    }

    // --- tokens made wrong on purpose

    static String algNone(String jwt) {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + part(jwt, 1, true) + ".";
    }

    /** The payload changed (another tenant), the signature kept. */
    static String tampered(String jwt) {
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(part(jwt, 1));
            payload.put("tenant", "bluesky-bio");
            String[] parts = jwt.split("\\.");
            return parts[0] + "."
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8))
                    + "." + parts[2];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String kid(String jwt) throws Exception {
        return JSON.readTree(part(jwt, 0)).path("kid").asText();
    }

    static String part(String jwt, int index) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
    }

    static String part(String jwt, int index, boolean encoded) {
        return encoded ? jwt.split("\\.")[index] : part(jwt, index);
    }

    // --- valid bodies

    static RequestSpecification as(DemoUser user) {
        return given().auth().oauth2(tokens.get(user)).contentType(ContentType.JSON);
    }

    static String site(String name) {
        return "{\"name\":\"" + name
                + "\",\"hub\":\"gansu\",\"cluster\":\"qingyang\",\"pue\":1.2,\"greenRating\":\"4A\","
                + "\"backboneConnected\":true,\"interconnect\":\"ROCE\"}";
    }

    static String offering(String site) {
        return "{\"model\":\"A800-SXM4-80GB\",\"siteId\":\"" + site + "\",\"devices\":8,\"availableFrom\":\"" + FROM
                + "\",\"availableUntil\":\"" + FROM.plus(48, ChronoUnit.HOURS) + "\",\"pricePerDeviceHour\":1500,"
                + "\"currency\":\"CNY\",\"minLeaseHours\":1}";
    }

    static String order() {
        return "{\"kind\":\"DEVICES\",\"models\":[\"A800-SXM4-80GB\"],\"devices\":2,\"durationHours\":2,\"earliestStart\":\""
                + FROM + "\",\"latestStart\":\"" + FROM.plus(2, ChronoUnit.HOURS)
                + "\",\"limitPrice\":100,\"currency\":\"CNY\","
                + "\"hubs\":[\"gansu\"],\"fillPolicy\":\"ALL_OR_NONE\",\"timeInForce\":\"GOOD_TILL\",\"clientReference\":\"matrix\"}";
    }

    static String plan() {
        return "{\"name\":\"matrix\",\"models\":[\"A800-SXM4-80GB\"],\"hubs\":[\"gansu\"],\"devices\":1,"
                + "\"startsAt\":\"" + FROM + "\",\"endsAt\":\"" + FROM.plus(24, ChronoUnit.HOURS)
                + "\",\"aheadHours\":24,\"limitPrice\":100,\"currency\":\"CNY\",\"budget\":100000}";
    }

    static String voucher() {
        return """
                {"program":"sec-matrix","tenant":"bluesky-bio","currency":"CNY","amount":100,
                 "expiresAt":"%s","hubs":["guizhou"]}""".formatted(Instant.now().plus(30, ChronoUnit.DAYS));
    }

    static String quote() {
        return "{\"kind\":\"DEVICES\",\"models\":[\"A800-SXM4-80GB\"],\"devices\":2,\"durationHours\":2,\"earliestStart\":\""
                + FROM + "\",\"limitPrice\":2000,\"currency\":\"CNY\",\"hubs\":[\"gansu\"]}";
    }

    static String model() {
        return "{\"vendor\":\"Test\",\"kind\":\"GPU\",\"memoryGb\":80,\"memoryBandwidthGbps\":2000,\"tdpWatts\":400,"
                + "\"peakGflops\":{\"FP16\":300000},\"confidence\":\"approximate\",\"note\":\"security test\"}";
    }

    static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
