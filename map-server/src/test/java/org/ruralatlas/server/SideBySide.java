package org.ruralatlas.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * A reference build's server and the current one measured in the same run, rounds interleaved
 * (reference first in even rounds, current first in odd ones) so that a machine getting busier
 * weighs on both alike; the servers' addresses come from {@code bench.reference} and
 * {@code bench.current}, as bench/viewer.sh passes them.
 */
final class SideBySide {

    /** One measurement of the server at a base address. */
    interface Measure<T> {
        T at(String base) throws Exception;
    }

    private SideBySide() {}

    /** The servers by name, "current" and "reference". */
    static Map<String, String> servers() {
        return new TreeMap<>(Map.of(
                "reference", System.getProperty("bench.reference"), "current", System.getProperty("bench.current")));
    }

    /** Each server's measurements, rounds of them interleaved. */
    static <T> Map<String, List<T>> rounds(Map<String, String> servers, int rounds, Measure<T> measure)
            throws Exception {
        Map<String, List<T>> out = new TreeMap<>();
        servers.keySet().forEach(name -> out.put(name, new ArrayList<>()));
        for (int i = 0; i < rounds; i++) {
            List<String> order = new ArrayList<>(servers.keySet());
            if (i % 2 == 1) {
                Collections.reverse(order);
            }
            for (String name : order) {
                out.get(name).add(measure.at(servers.get(name)));
            }
        }
        return out;
    }

    /** The median of one figure of the measurements. */
    static <T> long median(List<T> measurements, ToLongFunction<T> figure) {
        List<Long> v =
                new ArrayList<>(measurements.stream().map(figure::applyAsLong).toList());
        Collections.sort(v);
        return v.get(v.size() / 2);
    }
}
