package io.flopx.matching.engine;

import java.util.UUID;

/**
 * Derives a fill's id from what was traded (order, offering, start hour, the order's fill count), so a
 * replay of the same commands yields the same id. A 128-bit mix of the inputs rather than a name-based
 * (MD5) UUID: it is on the hot path and allocates nothing but the UUID. Version 8 (custom) per RFC 9562.
 */
final class FillIds {

    private FillIds() {}

    static UUID of(UUID order, UUID offering, long startHour, int n) {
        long high = mix(order.getMostSignificantBits() ^ mix(offering.getMostSignificantBits() + startHour));
        long low = mix(order.getLeastSignificantBits()
                        ^ mix(offering.getLeastSignificantBits() + 0x9E3779B97F4A7C15L * (n + 1)))
                ^ mix(high + startHour);
        return new UUID((high & ~0xF000L) | 0x8000L, (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
