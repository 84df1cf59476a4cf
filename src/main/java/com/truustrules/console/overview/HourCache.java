package com.truustrules.console.overview;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures per hour (hours since the epoch) of hours that are over and will not change, kept in memory
 * so that the overview reads a week of a big table once and then only its newest hours. Hours older
 * than the range are dropped; an instance that restarts reads the week again on its first overview.
 */
final class HourCache<T> {

    /** Reads the figures of the hours [fromHour, toHour); an hour without any is absent. */
    @FunctionalInterface
    interface Loader<T> {
        Map<Long, T> load(long fromHour, long toHour) throws SQLException;
    }

    private final TreeMap<Long, T> closed = new TreeMap<>();

    /**
     * The figures of hours [first, last]: those before {@code closedUntil} from memory (read once, an
     * hour without figures kept as {@code empty}), the later ones read afresh.
     */
    synchronized Map<Long, T> get(long first, long closedUntil, long last, Loader<T> loader, T empty) throws SQLException {
        closed.headMap(first).clear();
        long missing = first;
        while (missing < closedUntil && closed.containsKey(missing)) {
            missing++;
        }
        if (missing < closedUntil) {
            Map<Long, T> loaded = loader.load(missing, closedUntil);
            for (long h = missing; h < closedUntil; h++) {
                closed.put(h, loaded.getOrDefault(h, empty));
            }
        }
        Map<Long, T> all = new HashMap<>(closed.subMap(first, Math.max(first, closedUntil)));
        all.putAll(loader.load(Math.max(first, closedUntil), last + 1));
        return all;
    }
}
