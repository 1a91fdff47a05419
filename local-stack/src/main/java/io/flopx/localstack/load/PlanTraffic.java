package io.flopx.localstack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.embedded.DemoUser;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;

/**
 * Standing plans under load: each buyer keeps a plan of {@link #DEVICES} devices of one model in one hub for the
 * next hours, whose rounds (every few seconds in the harness) place orders that trade in the same books as the
 * load's; now and then the buyer scales it to between 1 and 6 devices (each scale-up buys at once, each
 * scale-down cancels what is open). The invariant checker holds every plan to its budget and to the most devices
 * it ever asked for, whatever crashed meanwhile.
 */
final class PlanTraffic {

    static final String HUB = "yangtze-delta";
    static final int DEVICES = 3;
    static final int HOURS = 6;
    static final int AHEAD = 4;
    /**
     * The budget: this many hours of {@link #DEVICES} devices at the limit. More than the hours within reach, so
     * scaling up keeps the rounds buying through a run (fills cost less than the limit), few enough that the
     * scale-ups of a long run meet it.
     */
    static final int BUDGET_HOURS = 12;

    private final ExchangeClient client;
    private final Random random;
    private final ObjectMapper json = new ObjectMapper();
    /** {buyer ordinal, plan id}. */
    final List<String[]> plans = new CopyOnWriteArrayList<>();

    PlanTraffic(ExchangeClient client, long seed) {
        this.client = client;
        this.random = new Random(seed);
    }

    PlanTraffic sharing(PlanTraffic prepared) {
        plans.addAll(prepared.plans);
        return this;
    }

    /** A plan per buyer for {@code model} in {@link #HUB}, from the next hour for {@link #HOURS} hours. */
    void prepare(JsonNode model, long limitPrice, PrintStream out) throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        for (DemoUser buyer : OpenLoopDriver.BUYERS) {
            ExchangeClient.Answer made = client.call(buyer, "POST", "/api/plans", """
                    {"name":"load plan","models":["%s"],"hubs":["%s"],"devices":%d,"startsAt":"%s","endsAt":"%s",
                     "aheadHours":%d,"limitPrice":%d,"currency":"CNY","budget":%d}""".formatted(
                            model.path("id").asText(),
                            HUB,
                            DEVICES,
                            from,
                            from.plus(HOURS, ChronoUnit.HOURS),
                            AHEAD,
                            limitPrice,
                            limitPrice * DEVICES * BUDGET_HOURS));
            if (!made.ok()) {
                throw new IllegalStateException("could not make a plan: HTTP " + made.status() + " " + made.body());
            }
            plans.add(new String[] {
                String.valueOf(buyer.ordinal()),
                json.readTree(made.body()).path("id").asText()
            });
        }
        out.printf("load: %d standing plans of %d devices in %s%n", plans.size(), DEVICES, HUB);
    }

    /** Scales a random plan to 1-6 devices, sent without waiting. */
    void act(BiPredicate<ExchangeClient.Answer, String> record, Runnable sent) {
        if (plans.isEmpty()) {
            return;
        }
        String[] plan = plans.get(random.nextInt(plans.size()));
        sent.run();
        client.send(
                        DemoUser.values()[Integer.parseInt(plan[0])],
                        "PATCH",
                        "/api/plans/" + plan[1],
                        "{\"devices\":" + (1 + random.nextInt(6)) + "}")
                // A plan that has ended or spent its budget answers 409: what the buyer would see, not an error.
                .thenAccept(a -> record.test(a.conflictAsAnswered(), "scale plan"));
    }
}
