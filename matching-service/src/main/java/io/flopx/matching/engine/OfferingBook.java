package io.flopx.matching.engine;

import java.util.Arrays;

/**
 * Offerings of one hub and one model (or one precision) sorted by price, then age: the engine walks it
 * from the cheapest and stops at the order's limit. Parallel arrays, so that walking it allocates nothing.
 */
final class OfferingBook {

    private long[] prices = new long[16];
    private BookedOffering[] offerings = new BookedOffering[16];
    private int size;

    int size() {
        return size;
    }

    long price(int i) {
        return prices[i];
    }

    BookedOffering get(int i) {
        return offerings[i];
    }

    void add(long price, BookedOffering b) {
        if (size == prices.length) {
            prices = Arrays.copyOf(prices, size * 2);
            offerings = Arrays.copyOf(offerings, size * 2);
        }
        int at = position(price, b.sequence);
        System.arraycopy(prices, at, prices, at + 1, size - at);
        System.arraycopy(offerings, at, offerings, at + 1, size - at);
        prices[at] = price;
        offerings[at] = b;
        size++;
    }

    /** Removes the offering filed at {@code price} (the price it was added with). */
    void remove(long price, BookedOffering b) {
        int at = position(price, b.sequence);
        if (at == size || offerings[at] != b) {
            throw new IllegalStateException("offering " + b.spec.id() + " is not in the book at " + price);
        }
        System.arraycopy(prices, at + 1, prices, at, size - at - 1);
        System.arraycopy(offerings, at + 1, offerings, at, size - at - 1);
        size--;
        offerings[size] = null;
    }

    /** The first index whose (price, sequence) is not below the given one. */
    private int position(long price, long sequence) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (prices[mid] < price || prices[mid] == price && offerings[mid].sequence < sequence) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
