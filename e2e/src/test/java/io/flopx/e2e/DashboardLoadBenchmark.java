package io.flopx.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How many events a second the dashboard keeps up with: fills and order events are produced straight onto
 * {@code market-events} and {@code order-events} at a fixed rate for 20 s per step while an operator's page
 * is open, and each second the page's frame counter and the events per second matching-service's feed reads are
 * read. A step is sustained when the gateway takes in the offered rate and the page keeps drawing its
 * four frames a second. Prints a table; asserts nothing about time.
 * {@code ./mvnw install -DskipTests && ./mvnw -pl deploy verify -Pbenchmark -Dtest=DashboardLoadBenchmark}.
 */
@ExtendWith(SharedStack.class)
@Tag("benchmark")
class DashboardLoadBenchmark {

    static final int[] RATES = {100, 500, 1_000, 2_000};
    static final int SECONDS = 20;
    static final String[] HUBS = {
        "jing-jin-ji",
        "yangtze-delta",
        "greater-bay",
        "chengdu-chongqing",
        "inner-mongolia",
        "guizhou",
        "gansu",
        "ningxia"
    };

    @Test
    void eventsPerSecondThePageSustains() throws Exception {
        DashboardBrowserTest.chromium();
        String gateway = SharedStack.stack().config().gatewayUrl();
        ChromeDriver page = DashboardBrowserTest.browser("load");
        List<String> table = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedStack.stack().kafkaBootstrap(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        "5"),
                new StringSerializer(),
                new StringSerializer())) {
            DashboardBrowserTest.signIn(page, gateway + "/dashboard/", "olivia");
            new WebDriverWait(page, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("feed"), "live"));
            for (int rate : RATES) {
                long framesBefore = frames(page);
                long gatewayRateSum = 0;
                long worstGapMs = 0;
                long start = System.nanoTime();
                long sent = 0;
                for (int second = 0; second < SECONDS; second++) {
                    long secondEnd = start + (second + 1) * 1_000_000_000L;
                    // Spread the second's events over ten slices.
                    for (int slice = 0; slice < 10; slice++) {
                        for (int i = 0; i < rate / 10; i++) {
                            sendPair(producer, sent++);
                        }
                        long sliceEnd = start + second * 1_000_000_000L + (slice + 1) * 100_000_000L;
                        Thread.sleep(Math.max(0, (sliceEnd - System.nanoTime()) / 1_000_000));
                    }
                    Thread.sleep(Math.max(0, (secondEnd - System.nanoTime()) / 1_000_000));
                    gatewayRateSum += ((Number) page.executeScript("return window.flopxDashboard.eventsPerSecond || 0"))
                            .longValue();
                    worstGapMs = Math.max(
                            worstGapMs,
                            ((Number) page.executeScript("return Date.now() - window.flopxDashboard.lastFrameAt"))
                                    .longValue());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double framesPerSecond = (frames(page) - framesBefore) / seconds;
                table.add(String.format(
                        "| %,d fills + %,d orders/s (%,d events/s) | %,d | %.1f | %d ms |",
                        rate, rate, 2 * rate, gatewayRateSum / SECONDS, framesPerSecond, worstGapMs));
            }
            Files.write(
                    Path.of(System.getProperty("flopx.repo.root"), "e2e", "target", "dashboard-under-load.png"),
                    page.getScreenshotAs(OutputType.BYTES));
        } finally {
            page.quit();
        }
        System.out.println(
                "\n| offered | events/s the gateway took in (mean) | page frames/s | longest wait for a frame |");
        System.out.println("| --- | --- | --- | --- |");
        table.forEach(System.out::println);
    }

    private static long frames(ChromeDriver page) {
        return ((Number) page.executeScript("return window.flopxDashboard.frames")).longValue();
    }

    /** One order placed and its fill, as order-service and the matcher would publish them. */
    private static void sendPair(KafkaProducer<String, String> producer, long n) {
        String orderId = UUID.randomUUID().toString();
        String hub = HUBS[(int) (n % HUBS.length)];
        Instant now = Instant.now();
        producer.send(new ProducerRecord<>(
                "order-events",
                orderId,
                "{\"type\":\"ORDER_PLACED\",\"orderId\":\"" + orderId + "\",\"synthetic\":true}"));
        producer.send(new ProducerRecord<>(
                "market-events",
                hub,
                "{\"eventId\":\"" + UUID.randomUUID()
                        + "\",\"type\":\"FILL\",\"hub\":\"" + hub + "\",\"orderId\":\"" + orderId
                        + "\",\"model\":\"LOAD-TEST\","
                        + "\"devices\":1,\"start\":\"" + now + "\",\"end\":\"" + now.plusSeconds(3600)
                        + "\",\"pricePerDeviceHour\":"
                        + (1000 + n % 500) + ",\"currency\":\"CNY\"}"));
    }
}
