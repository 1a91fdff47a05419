package io.flopx.matching.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What a market remembers to keep redelivered or overtaking commands from acting twice or being lost,
 * for a bounded time: entries older than the window (in the command log's own seconds, so a replay forgets
 * exactly what the live market forgot) are dropped. Redeliveries and commands overtaking each other between
 * hubs are milliseconds to minutes apart; the window is far longer.
 */
final class AgedMemory<K, V> {

    private record Entry<V>(V value, long atSecond) {}

    /** One entry as a value, for a snapshot. */
    record Aged<K, V>(K key, V value, long atSecond) {}

    private final long windowSeconds;
    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>();

    AgedMemory(long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    void put(K key, V value, long atSecond) {
        entries.remove(key);
        entries.put(key, new Entry<>(value, atSecond));
    }

    V get(K key) {
        Entry<V> e = entries.get(key);
        return e == null ? null : e.value();
    }

    boolean contains(K key) {
        return entries.containsKey(key);
    }

    void remove(K key) {
        entries.remove(key);
    }

    /** Drops what was remembered before {@code nowSecond - window}: entries are in the order they were put. */
    void forgetBefore(long nowSecond) {
        forgetBefore(nowSecond, key -> {});
    }

    /** The same, telling {@code forgotten} each key dropped. */
    void forgetBefore(long nowSecond, Consumer<K> forgotten) {
        Iterator<Map.Entry<K, Entry<V>>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<K, Entry<V>> e = it.next();
            if (e.getValue().atSecond() >= nowSecond - windowSeconds) {
                return;
            }
            it.remove();
            forgotten.accept(e.getKey());
        }
    }

    int size() {
        return entries.size();
    }

    /** Every entry, oldest first: what a snapshot keeps. */
    List<Aged<K, V>> entries() {
        List<Aged<K, V>> out = new ArrayList<>(entries.size());
        entries.forEach((k, e) -> out.add(new Aged<>(k, e.value(), e.atSecond())));
        return out;
    }

    /** Puts back what a snapshot kept, oldest first. */
    void restore(List<Aged<K, V>> remembered) {
        entries.clear();
        remembered.forEach(a -> entries.put(a.key(), new Entry<>(a.value(), a.atSecond())));
    }

    /** In the order they were put: for the state hash. */
    void forEach(BiConsumer<K, V> action) {
        for (Map.Entry<K, Entry<V>> e : entries.entrySet()) {
            action.accept(e.getKey(), e.getValue().value());
        }
    }
}
