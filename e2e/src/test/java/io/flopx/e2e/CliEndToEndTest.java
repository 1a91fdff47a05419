package io.flopx.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code flopx} command as a person runs it, through the repository's launcher script, against the shared
 * stack: signing in with the device code (approved through Keycloak's own pages), a provider listing capacity,
 * an enterprise finding it, quoting and buying it, and what scripts rely on (JSON and CSV output, exit codes,
 * readable refusals).
 */
@ExtendWith(SharedStack.class)
class CliEndToEndTest {

    private static final Path REPO = Path.of(System.getProperty("flopx.repo.root"));
    private static final Pattern APPROVAL_URL = Pattern.compile("\\(or open (\\S+)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {}

    @TempDir
    Path home;

    @Test
    void aProviderListsAndAnEnterpriseBuysFromTheTerminal() throws Exception {
        Path alice = home.resolve("alice");
        Path carol = home.resolve("carol");
        Run none = flopx(carol, "whoami");
        assertEquals(3, none.exit(), none.toString());
        assertTrue(none.err().contains("flopx login"), none.err());

        signIn(alice, "alice");
        Path credentials = alice.resolve("credentials.json");
        assertEquals(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(credentials),
                "the refresh token is its owner's only");
        // An access token past its time is refreshed with the saved refresh token, and the new one saved.
        var session = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(credentials.toFile());
        var tokens = (com.fasterxml.jackson.databind.node.ObjectNode) session.get("tokens");
        tokens.put("accessToken", "expired.not.used").put("accessExpiresAt", "2020-01-01T00:00:00Z");
        JSON.writeValue(credentials.toFile(), session);
        Run refreshed = flopx(alice, "sites", "ls");
        assertEquals(0, refreshed.exit(), refreshed.toString());
        String saved = JSON.readTree(credentials.toFile())
                .path("tokens")
                .path("accessToken")
                .asText();
        assertTrue(saved.startsWith("eyJ"), "a fresh access token was saved: " + saved);
        Run who = flopx(alice, "whoami", "-o", "json");
        assertEquals(0, who.exit(), who.toString());
        assertEquals("west-gpu-cloud", JSON.readTree(who.out()).path("tenant").asText());

        // A day far enough ahead that no other test's capacity or orders share its hours.
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(41);
        JsonNode site = json(flopx(
                alice,
                "sites",
                "create",
                "--name",
                "CLI DC " + UUID.randomUUID(),
                "--hub",
                "inner-mongolia",
                "--cluster",
                "horinger",
                "--pue",
                "1.15",
                "--green",
                "5A",
                "--backbone",
                "-o",
                "json"));
        JsonNode offering = json(flopx(
                alice,
                "offerings",
                "create",
                "--site",
                site.path("id").asText(),
                "--model",
                "H100-SXM5-80GB",
                "--devices",
                "8",
                "--from",
                day.toString(),
                "--until",
                day.plusDays(1).toString(),
                "--price",
                "9.50",
                "-o",
                "json"));
        assertEquals(950, offering.path("pricePerDeviceHour").asLong());

        signIn(carol, "carol");
        Run search = flopx(carol, "offerings", "search", "--hub", "inner-mongolia", "--size", "100", "-o", "csv");
        assertEquals(0, search.exit(), search.toString());
        assertTrue(search.out().startsWith("ID,MODEL,HUB,DEVICES,"), search.out());
        assertTrue(search.out().contains(offering.path("id").asText()), search.out());

        String[] order = {
            "--model",
            "H100-SXM5-80GB",
            "--devices",
            "8",
            "--hours",
            "4",
            "--earliest",
            day + "T06:00Z",
            "--limit",
            "10.00",
            "--hub",
            "inner-mongolia"
        };
        // The listing reaches the matcher's book through Kafka: quote until it is there (a person would retry too).
        Run quote = null;
        for (int i = 0; i < 30; i++) {
            quote = flopx(carol, concat(new String[] {"quote"}, order));
            if (quote.exit() == 0 && quote.out().contains("Fills completely")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertTrue(quote.out().contains("Fills completely: 8 of 8"), quote.toString());
        assertTrue(quote.out().contains("9.50 CNY"), quote.out());

        // Carol watches the hub's market stream while she buys: the fill arrives as a frame of its own.
        Process watch = start(
                carol,
                "market",
                "watch",
                "--hub",
                "inner-mongolia",
                "--model",
                "H100-SXM5-80GB",
                "--trades",
                "5",
                "-o",
                "json");
        List<JsonNode> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        // Its own thread: the common pool (one thread on two cores) reads the other commands' output.
        Thread.ofPlatform().daemon().start(() -> {
            try (var values = JSON.readerFor(JsonNode.class).<JsonNode>readValues(watch.getInputStream())) {
                values.forEachRemaining(frames::add);
            } catch (IOException ended) {
                // the test ends the watch
            }
        });
        Run placed;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !frames.isEmpty());
            int framesBefore = frames.size();
            placed = flopx(carol, concat(new String[] {"orders", "place", "--yes", "--wait", "-o", "json"}, order));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertTrue(
                            frames.subList(framesBefore, frames.size()).stream()
                                    .anyMatch(CliEndToEndTest::hasCarolsTrade),
                            "no frame with Carol's trade: " + frames));
            for (JsonNode frame : frames) {
                for (JsonNode book : frame.path("depth")) {
                    assertEquals("inner-mongolia", book.path("hub").asText(), book.toString());
                }
            }
        } finally {
            watch.destroy();
        }
        JsonNode filled = json(placed);
        assertEquals("FILLED", filled.path("status").asText(), placed.toString());
        assertTrue(placed.err().contains("Waiting for the matcher"), "progress on stderr: " + placed.err());
        String orderId = filled.path("id").asText();

        Run table = flopx(carol, "orders", "show", orderId);
        assertEquals(0, table.exit(), table.toString());
        assertTrue(table.out().lines().findFirst().orElse("").startsWith("ID"), table.out());
        assertTrue(
                table.out().contains("FILLED") && table.out().contains("8 x H100-SXM5-80GB in inner-mongolia"),
                table.out());

        Run leases = flopx(alice, "leases", "ls", "-o", "json");
        assertEquals(0, leases.exit(), leases.toString());
        assertTrue(leases.out().contains(orderId), "Alice sees the lease of Carol's order: " + leases.out());

        assertEquals(0, flopx(carol, "logout").exit());
        assertEquals(3, flopx(carol, "orders", "ls").exit(), "signed out");
    }

    @Test
    void refusalsAndMistakesGetTheirOwnExitCodesAndSayWhy() throws Exception {
        // Dave, an enterprise no other step of this class signs in with the browser.
        Path dave = home.resolve("dave");
        String token = io.flopx.embedded.KeycloakTokens.password(
                SharedStack.stack().config().realmUrl(), "dave", io.flopx.embedded.DemoUser.DEMO_PASSWORD);

        // The exchange refuses: 1, with the problem's title and the field named.
        Run refused = flopx(
                dave,
                with(
                        token,
                        "orders",
                        "place",
                        "--yes",
                        "--model",
                        "H100-SXM5-80GB",
                        "--devices",
                        "0",
                        "--hours",
                        "4",
                        "--earliest",
                        "2030-01-01T00:00Z",
                        "--limit",
                        "10"));
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(
                refused.err().contains("Refused (422 Unprocessable Content)")
                        && refused.err().contains("devices"),
                refused.err());

        // Usage: 2, for picocli's own checks and for what only the command can see.
        Run missing = flopx(dave, with(token, "orders", "place", "--devices", "8"));
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("Missing required option"), missing.err());
        Run decimals = flopx(
                dave,
                with(
                        token,
                        "quote",
                        "--devices",
                        "8",
                        "--hours",
                        "4",
                        "--earliest",
                        "2030-01-01T00:00Z",
                        "--limit",
                        "10.001"));
        assertEquals(2, decimals.exit(), decimals.toString());
        assertTrue(decimals.err().contains("--limit has more than 2 decimals for CNY"), decimals.err());

        // Without a terminal to confirm at, placing needs --yes, and says so before calling anything.
        Run unconfirmed = flopx(
                dave,
                with(
                        token,
                        "orders",
                        "place",
                        "--model",
                        "H100-SXM5-80GB",
                        "--devices",
                        "1",
                        "--hours",
                        "1",
                        "--earliest",
                        "2030-01-01T00:00Z",
                        "--limit",
                        "10"));
        assertEquals(2, unconfirmed.exit(), unconfirmed.toString());
        assertTrue(unconfirmed.err().contains("pass --yes"), unconfirmed.err());

        // Nobody answering is 1 too, and says where it called.
        Run unreachable = flopx(dave, "models", "--token", token, "--gateway", "http://127.0.0.1:1");
        assertEquals(1, unreachable.exit(), unreachable.toString());
        assertTrue(unreachable.err().contains("Cannot reach the exchange"), unreachable.err());

        // A bad token is not a sign-in: 3.
        Run badToken = flopx(dave, "models", "--token", "not.a.token");
        assertEquals(3, badToken.exit(), badToken.toString());

        // FLOPX_TOKEN works like --token (how the README's walk-through runs); models as CSV.
        Run models = run(dave, Map.of("FLOPX_TOKEN", token), "models", "-o", "csv");
        assertEquals(0, models.exit(), models.toString());
        assertTrue(models.out().startsWith("ID,VENDOR,KIND,MEMORY GB,TDP W\r\n"), models.out());
        assertTrue(models.out().contains("H100-SXM5-80GB,"), models.out());
    }

    /** {@code flopx login} for {@code user}: reads the URL it prints, approves it as a browser would, waits. */
    private void signIn(Path config, String user) throws Exception {
        Process login = start(config, "login");
        BufferedReader err = new BufferedReader(new InputStreamReader(login.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(login.getInputStream()));
        String url = null;
        List<String> seen = new ArrayList<>();
        for (String line; url == null && (line = err.readLine()) != null; ) {
            seen.add(line);
            Matcher m = APPROVAL_URL.matcher(line);
            if (m.find()) {
                url = m.group(1);
            }
        }
        assertTrue(url != null, "flopx login printed no URL: " + seen);
        assertTrue(seen.get(0).contains("enter the code"), seen.toString());
        String page = new DeviceApproval().approve(URI.create(url), user, io.flopx.embedded.DemoUser.DEMO_PASSWORD);
        assertTrue(page.contains("Device Login Successful"), page);
        assertTrue(login.waitFor(60, TimeUnit.SECONDS), "flopx login did not finish");
        assertEquals(0, login.exitValue(), seen + " " + out.get());
        assertTrue(out.get().startsWith("Signed in as " + user), out.get());
    }

    private Run flopx(Path config, String... args) throws Exception {
        return run(config, Map.of(), args);
    }

    /** {@code ./flopx args} with {@code env} added to what {@link #start} sets. */
    private Run run(Path config, Map<String, String> env, String... args) throws Exception {
        Process p = start(config, env, args);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "flopx " + String.join(" ", args) + " hung");
        return new Run(p.exitValue(), out.get(), err.get());
    }

    private Process start(Path config, String... args) throws IOException {
        return start(config, Map.of(), args);
    }

    private Process start(Path config, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("flopx").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("FLOPX_CONFIG_DIR", config.toString());
        pb.environment().put("FLOPX_GATEWAY", SharedStack.stack().config().gatewayUrl());
        pb.environment().put("FLOPX_ISSUER", SharedStack.stack().config().realmUrl());
        pb.environment().remove("FLOPX_TOKEN");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** A frame whose trades include 8 devices for 4 hours at 9.50. */
    private static boolean hasCarolsTrade(JsonNode frame) {
        for (JsonNode row : frame.path("trades")) {
            JsonNode t = row.path("trade");
            if (t.path("pricePerDeviceHour").asLong() == 950
                    && t.path("devices").asInt() == 8
                    && t.path("hours").asLong() == 4) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode json(Run run) throws IOException {
        assertEquals(0, run.exit(), run.toString());
        return JSON.readTree(run.out());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A command's words with {@code --token} after them (options belong to the command they follow). */
    private static String[] with(String token, String... words) {
        return concat(words, "--token", token);
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
