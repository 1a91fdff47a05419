package io.flopx.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flopx.embedded.DemoUser;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operators' dashboard in a real browser (Debian's headless Chromium through Debian's chromedriver,
 * installed by {@link #chromium()} if missing; never a downloaded browser): an operator signs in through
 * Keycloak and sees a trade placed through the API appear within two seconds; an enterprise user who
 * signs in is refused. Saves {@code target/dashboard.png}.
 */
@ExtendWith(SharedStack.class)
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @BeforeAll
    static void chromium() throws Exception {
        DebianPackages.ensure(List.of(CHROMIUM, CHROMEDRIVER), "chromium", "chromium-driver");
    }

    @Test
    void anOperatorSeesATradeArriveLiveAndAnEnterpriseIsRefused() throws Exception {
        String gateway = SharedStack.stack().config().gatewayUrl();
        ChromeDriver operator = browser("operator");
        try {
            signIn(operator, gateway + "/dashboard/", "olivia");
            WebDriverWait wait = new WebDriverWait(operator, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.textToBe(By.id("feed"), "live"));
            wait.until(d -> ((Number) operator.executeScript("return window.flopxDashboard.frames")).intValue() > 2);
            wait.until(ExpectedConditions.textMatches(By.id("who"), java.util.regex.Pattern.compile("olivia")));

            // The exchange's money from settlement-service's ledger: at least the demo funding (carol's and dave's
            // top-ups) and dave's voucher, in major units with the currency.
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//table[@id='money']/tbody/tr[td[1]='CNY']")));
            // The table is drawn again every 2 s: a cell read between two draws is read again from the new one.
            assertTrue(
                    major(cell(wait, "//table[@id='money']/tbody/tr[td[1]='CNY']/td[2]"))
                                    .compareTo(new java.math.BigDecimal("1500000.00"))
                            >= 0,
                    "paid in");
            assertTrue(
                    major(cell(wait, "//table[@id='money']/tbody/tr[td[1]='CNY']/td[9]"))
                                    .compareTo(new java.math.BigDecimal("200000.00"))
                            >= 0,
                    "vouchers left");
            // Delivery, from catalog- and settlement-service: open disputes are counted (none is a count too).
            wait.until(
                    ExpectedConditions.textMatches(By.id("disputesOpen"), java.util.regex.Pattern.compile("\\d+\\+?")));
            // Standing plans, from order-service: active ones are counted (none is a count too; '–' is no answer).
            wait.until(
                    ExpectedConditions.textMatches(By.id("plansActive"), java.util.regex.Pattern.compile("\\d+\\+?")));
            // Resale volume, from catalog-service: a count of listings still selling ('–' is no answer).
            wait.until(ExpectedConditions.textMatches(By.id("resaleSelling"), java.util.regex.Pattern.compile("\\d+")));

            // A provider lists capacity at a price nobody else uses; once the matcher has it, a buyer takes it.
            Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(40, ChronoUnit.DAYS);
            Gateway.listed(DemoUser.ALICE, "Guiyang DC-3", "guizhou", "ASCEND-910B", 16, 1377, from);

            // A first trade warms the path (a fresh stack's first order loads and compiles code in every
            // service); the measured one is the second, as on a market that is running.
            RequestSpecification carol = Gateway.as(DemoUser.CAROL);
            String warmUp = carol.body(order(from, 1))
                    .post("/api/orders")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> Gateway.as(DemoUser.CAROL)
                            .get("/api/orders/" + warmUp)
                            .then()
                            .body("status", org.hamcrest.Matchers.equalTo("FILLED")));
            new WebDriverWait(operator, Duration.ofSeconds(10))
                    .until(ExpectedConditions.textMatches(
                            By.id("trades"),
                            java.util.regex.Pattern.compile("guizhou\\s+ASCEND-910B\\s+1 × 2\\s+13.77 CNY")));

            RequestSpecification measured = Gateway.as(DemoUser.CAROL).body(order(from, 3));
            long placed = System.nanoTime();
            long placedAtMs = System.currentTimeMillis();
            String measuredId = measured.post("/api/orders")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            try {
                new WebDriverWait(operator, Duration.ofSeconds(2))
                        .pollingEvery(Duration.ofMillis(50))
                        .until(ExpectedConditions.textMatches(
                                By.id("trades"),
                                java.util.regex.Pattern.compile("guizhou\\s+ASCEND-910B\\s+3 × 2\\s+13.77 CNY")));
            } catch (org.openqa.selenium.TimeoutException late) {
                printPath(measuredId, placedAtMs);
                throw late;
            }
            long shownMs = (System.nanoTime() - placed) / 1_000_000;
            System.out.printf("%ndashboard: the trade was on the page %d ms after the order was sent%n", shownMs);
            printPath(measuredId, placedAtMs);

            readsAsAPersonWould(operator);

            // The whole page, from its top, for the README.
            operator.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1900));
            operator.executeScript("window.scrollTo(0, 0)");
            Thread.sleep(1_000); // let the charts draw a few more frames for the picture
            Path shot = Path.of(System.getProperty("flopx.repo.root"), "e2e", "target", "dashboard.png");
            Files.write(shot, operator.getScreenshotAs(OutputType.BYTES));
            System.out.println("dashboard: screenshot " + shot);
        } finally {
            operator.quit();
        }

        ChromeDriver enterprise = browser("enterprise");
        try {
            signIn(enterprise, gateway + "/dashboard/", "carol");
            new WebDriverWait(enterprise, Duration.ofSeconds(30))
                    .until(d -> d.getCurrentUrl().startsWith(gateway));
            String page = enterprise.getPageSource();
            assertFalse(page.contains("FlopX operations"), "an enterprise user saw the dashboard");
            assertTrue(
                    page.contains("403"),
                    "expected the browser's 403 page: " + page.substring(0, Math.min(300, page.length())));
        } finally {
            enterprise.quit();
        }
    }

    /** "1,500,000.00 CNY" as 1500000.00; fails on anything else. */
    /** A cell's text, read again if the page replaced the element meanwhile. */
    private static String cell(WebDriverWait wait, String xpath) {
        return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.xpath(xpath)).getText());
    }

    private static java.math.BigDecimal major(String cell) {
        assertTrue(cell.matches("-?[\\d,]+\\.\\d{2} CNY"), "a money cell reads " + cell);
        return new java.math.BigDecimal(cell.replace(",", "").replace(" CNY", ""));
    }

    /**
     * What an operator reads: every price with its currency (in major units) and model, times with their
     * date, the price index one precision at a time, consumer lag one line per group, the eight hubs drawn.
     */
    static void readsAsAPersonWould(ChromeDriver page) {
        WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(10));

        String firstTrade = shown(page, "#trades tbody tr");
        assertTrue(
                firstTrade.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} guizhou ASCEND-910B 3 × 2 13\\.77 CNY"),
                "a trade reads: " + firstTrade);
        // The trade was made seconds ago: its date is today's, or yesterday's just after midnight UTC.
        String tradeDay = firstTrade.substring(0, 10);
        java.time.LocalDate traded = java.time.LocalDate.parse(tradeDay);
        java.time.LocalDate now = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        assertTrue(traded.equals(now) || traded.equals(now.minusDays(1)), "the trade's date: " + firstTrade);

        // The hub card names the model, the currency and the hour of each price (books are published each second).
        wait.until(ExpectedConditions.textMatches(
                By.cssSelector(".hub[data-hub=guizhou]"),
                java.util.regex.Pattern.compile("last trade 13\\.77 CNY ASCEND-910B · " + tradeDay)));
        String card = shown(page, ".hub[data-hub=guizhou]");
        assertTrue(
                java.util.regex.Pattern.compile(
                                "best ask [\\d,]+\\.\\d{2} CNY \\S+ · from \\d{4}-\\d{2}-\\d{2} \\d{2}:00")
                        .matcher(card)
                        .find(),
                "the hub card: " + card);
        assertTrue(card.contains("device-h"), card);

        String rate = shown(page, "#rate");
        assertTrue(rate.matches("[1-9]\\d* fills in the last minute"), "the header: " + rate);

        // The price index, one precision at a time: FP16 first, and a click shows BF16 alone.
        wait.until(d -> "true"
                .equals(d.findElement(By.xpath("//div[@id='precisions']/button[text()='FP16']"))
                        .getAttribute("aria-selected")));
        assertTrue(
                page.findElement(By.id("indexCaption"))
                        .getText()
                        .matches("FP16 · latest [\\d,]+\\.\\d{2} CNY per PFLOP-hour.*"),
                page.findElement(By.id("indexCaption")).getText());
        page.findElement(By.xpath("//div[@id='precisions']/button[text()='BF16']"))
                .click();
        wait.until(ExpectedConditions.textMatches(By.id("indexCaption"), java.util.regex.Pattern.compile("^BF16 · ")));
        @SuppressWarnings("unchecked")
        List<String> series = (List<String>)
                page.executeScript("return window.flopxDashboard.charts.index.getOption().series.map(s => s.name)");
        assertFalse(series.isEmpty(), "no BF16 series");
        series.forEach(name -> assertTrue(name.startsWith("BF16 "), "a series of another precision: " + series));

        // Consumer lag: one line per group with its worst partition; the partitions only when opened. The gateway
        // probes every 2 s, one service after another, and a scrape may time out (1 s) on a busy machine, so the
        // groups may take several probes.
        new WebDriverWait(page, Duration.ofSeconds(45))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lag details")));
        List<org.openqa.selenium.WebElement> groups = page.findElements(By.cssSelector("#lag details"));
        assertFalse(groups.isEmpty(), "no consumer groups shown");
        for (org.openqa.selenium.WebElement g : groups) {
            assertTrue(
                    g.findElement(By.tagName("summary")).getText().matches("(?s)\\S+\\s+worst \\d+ · total \\d+"),
                    g.getText());
        }
        assertFalse(groups.get(0).findElement(By.tagName("table")).isDisplayed(), "partitions shown unasked");
        groups.get(0).findElement(By.tagName("summary")).click();
        wait.until(
                d -> d.findElement(By.cssSelector("#lag details[open] table")).isDisplayed());

        // The schematic draws the eight hubs, with what each traded.
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) page.executeScript(
                "return window.flopxDashboard.charts.hubMap.getOption().series[0].data.map(d => d.label.formatter)");
        assertEquals(8, labels.size(), String.valueOf(labels));
        assertTrue(
                labels.stream()
                        .anyMatch(l -> l.startsWith("guizhou\n")
                                && l.contains("device-h")
                                && l.contains("13.77 CNY ASCEND-910B")),
                String.valueOf(labels));
    }

    /**
     * The text of an element as the page shows it, read in one step: most of the page is redrawn every frame,
     * so an element found in one call may be gone by the next.
     */
    static String shown(ChromeDriver page, String css) {
        Object text = page.executeScript(
                "const e = document.querySelector(arguments[0]); return e === null ? null : e.innerText;", css);
        assertTrue(text != null, "nothing on the page matches " + css);
        return ((String) text).replaceAll("\\s+", " ").trim();
    }

    /** Keycloak's login form, as a person fills it in. */
    static void signIn(ChromeDriver browser, String url, String username) {
        browser.get(url);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")))
                .sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(DemoUser.DEMO_PASSWORD);
        browser.findElement(By.id("kc-login")).click();
    }

    static ChromeDriver browser(String profile) throws IOException {
        Path userData = Files.createTempDirectory("flopx-chromium-" + profile);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // Headless, and nothing that would reach out of this machine (its network is closed).
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--user-data-dir=" + userData);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Where the time went: each Kafka record of the order, by its broker timestamp, after the order was sent. */
    private static void printPath(String orderId, long sentAtMs) {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(
                Map.of("bootstrap.servers", SharedStack.stack().kafkaBootstrap()),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = new java.util.ArrayList<>();
            for (String topic : List.of("order-events", "market-commands", "market-events")) {
                consumer.partitionsFor(topic)
                        .forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < until) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().contains(orderId)) {
                        System.out.printf("dashboard:   +%d ms %s%n", r.timestamp() - sentAtMs, r.topic());
                    }
                }
            }
        }
    }

    private static Map<String, Object> order(Instant from, int devices) {
        return Map.of(
                "kind",
                "DEVICES",
                "models",
                List.of("ASCEND-910B"),
                "devices",
                devices,
                "durationHours",
                2,
                "earliestStart",
                from.toString(),
                "limitPrice",
                1400,
                "currency",
                "CNY",
                "hubs",
                List.of("guizhou"));
    }
}
