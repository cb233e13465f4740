package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.filter.Cql2;
import org.ruralatlas.data.filter.Cql2Json;
import org.ruralatlas.data.filter.RandomCql2;
import tools.jackson.databind.JsonNode;

/**
 * Ten thousand (on PostGIS; see {@link #filterFuzzCount}) random and mutated CQL2 filters (gis-data's {@link RandomCql2}, seeded; half sent
 * as CQL2 JSON) over HTTP, four connections at a time: every answer is 200 with a whole
 * GeoJSON document or 400 problem+json naming a filter parameter; never a 5xx, never a
 * truncated body, and nothing logged as an error meanwhile.
 */
interface FilterFuzzContract {

    long SEED = 16_016L;

    String url(String path);

    /** How many filters to send: ten thousand on PostGIS; a store may send fewer where gis-data fuzzes its evaluation already. */
    default int filterFuzzCount() {
        return 10_000;
    }

    @Test
    default void tenThousandRandomAndMutatedFiltersGet200Or400() throws Exception {
        LayerCatalog catalog = LayerCatalog.load();
        List<Layer> layers = List.of("farms", "zones", "communes", "tourism", "provinces").stream()
                .map(catalog::require)
                .toList();
        RandomCql2 random = new RandomCql2(SEED);
        List<String> paths = new ArrayList<>();
        int filters = filterFuzzCount();
        for (int i = 0; i < filters; i++) {
            Layer layer = layers.get(random.random().nextInt(layers.size()));
            String text = random.predicate(layer, 3);
            String filter = text;
            String lang = "";
            if (i % 2 == 1) {
                lang = "&filter-lang=cql2-json";
                try {
                    filter = Cql2Json.write(Cql2.parseText(text));
                } catch (IllegalArgumentException e) {
                    filter = "{\"op\":\"=\",\"args\":[{\"property\":\"name\"},\"" + text.replace("\"", "") + "\"]}";
                }
            }
            if (random.random().nextInt(3) == 0) {
                filter = random.mutate(filter, 600);
            }
            String sort = random.random().nextInt(4) == 0 ? "&sortby=-" + layer.idProperty() : "";
            paths.add("/collections/" + layer.id() + "/items?limit="
                    + (1 + random.random().nextInt(20)) + "&filter=" + FilterContract.q(filter) + lang + sort);
        }
        Map<String, String> failures = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> statuses = new TreeMap<>();
        List<String> logged;
        long start = System.nanoTime();
        try (LogCapture log = new LogCapture()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Map<Integer, Integer>>> parts = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    int first = c;
                    parts.add(pool.submit(() -> {
                        Map<Integer, Integer> counts = new TreeMap<>();
                        for (int i = first; i < paths.size(); i += 4) {
                            String problem = check(Http.get(url(paths.get(i))), counts);
                            if (problem != null) {
                                failures.putIfAbsent(problem, paths.get(i));
                            }
                        }
                        return counts;
                    }));
                }
                for (Future<Map<Integer, Integer>> part : parts) {
                    part.get()
                            .forEach((s, n) -> statuses.computeIfAbsent(s, k -> new AtomicInteger())
                                    .addAndGet(n));
                }
            } finally {
                pool.shutdownNow();
            }
            logged = log.incidents();
        }
        System.out.printf(
                "filter fuzz: %d filters in %.1f s, statuses %s%n",
                filters, (System.nanoTime() - start) / 1e9, statuses);
        assertThat(failures).as("what went wrong, with an example request").isEmpty();
        assertThat(logged)
                .as("errors or stack traces logged while the filters ran")
                .isEmpty();
        assertThat(statuses.get(200).get()).as("filters that ran").isGreaterThan(filters / 20);
        assertThat(statuses.get(400).get()).as("filters refused").isGreaterThan(filters / 2);
    }

    /** What is wrong with this answer, or null; counts its status. */
    private static String check(Http.Reply r, Map<Integer, Integer> counts) {
        counts.merge(r.status(), 1, Integer::sum);
        if (r.status() == 200) {
            JsonNode doc;
            try {
                doc = r.json();
            } catch (RuntimeException e) {
                return "200 with a body that is not JSON";
            }
            return doc.get("features") != null && doc.get("numberReturned") != null
                    ? null
                    : "200 without a whole collection";
        }
        if (r.status() != 400) {
            return "status " + r.status();
        }
        if (!r.contentType().startsWith("application/problem+json")) {
            return "400 not problem+json";
        }
        String parameter = r.json().path("parameter").asString("");
        if (!List.of("filter", "filter-lang", "filter-crs").contains(parameter)) {
            return "400 naming '" + parameter + "'";
        }
        if (!r.json().path("detail").asString("").startsWith(parameter + ": ") && !parameter.equals("filter")) {
            return "400 detail not naming " + parameter;
        }
        return r.text().contains("Exception") || r.text().contains("\tat ") ? "exception in the body" : null;
    }
}
