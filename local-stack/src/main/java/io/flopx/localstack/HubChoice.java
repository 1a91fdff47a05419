package io.flopx.localstack;

import java.util.Random;

/** The hubs a generated order allows, as its JSON array: an order names a hub at most once (a repeat is a 422). */
public final class HubChoice {

    private HubChoice() {}

    /** Two different hubs of {@code hubs}, each pair as likely as any other. */
    public static String twoDifferent(Random random, String[] hubs) {
        int first = random.nextInt(hubs.length);
        int second = (first + 1 + random.nextInt(hubs.length - 1)) % hubs.length;
        return "[\"" + hubs[first] + "\",\"" + hubs[second] + "\"]";
    }
}
