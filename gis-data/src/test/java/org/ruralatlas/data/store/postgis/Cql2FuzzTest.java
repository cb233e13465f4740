package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.PropertySelection;
import org.ruralatlas.data.filter.BadFilterException;
import org.ruralatlas.data.filter.Cql2;
import org.ruralatlas.data.filter.Cql2Json;
import org.ruralatlas.data.filter.Expression;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.filter.RandomCql2;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzing the whole way a filter goes: 12,000 random and mutated CQL2 inputs (half text, half
 * JSON, up to 4 KB) are parsed, bound to a layer, translated to SQL, evaluated in Java on sample
 * features, and one in ten run on both stores. Each step either succeeds or refuses the filter
 * with {@link BadFilterException}, the one exception the HTTP layer turns into 400; any other
 * exception is a failure. Parsing never takes 100 ms (CPU time). Where both stores answer, they answer alike.
 */
@IntegrationTest
class Cql2FuzzTest {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path sampleDir;

    private static final LayerCatalog CATALOG = LayerCatalog.load();
    private static final int INPUTS = 12_000;
    private static final int MAX_LENGTH = 4096;
    private static final long PARSE_LIMIT_NANOS = 100_000_000L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static PostgisFeatureStore postgis;
    private static GeoPackageFeatureStore geopackage;
    private static final Map<String, List<Feature>> SAMPLES = new HashMap<>();

    @BeforeAll
    static void open() {
        postgis = new PostgisFeatureStore(TestDatabase.dataSource(TestDatabase.sharedSample()), 30, "test");
        geopackage = new GeoPackageFeatureStore(SampleData.copyTo(sampleDir.resolve("sample.gpkg")));
        for (Layer layer : CATALOG.collections()) {
            List<Feature> some = new ArrayList<>();
            try (FeatureCursor c = geopackage.query(FeatureQuery.all(layer).page(0, 25))) {
                c.forEachRemaining(some::add);
            }
            SAMPLES.put(layer.id(), some);
        }
    }

    @AfterAll
    static void close() {
        postgis.close();
        geopackage.close();
    }

    @Test
    void everyInputIsAnsweredOrRefusedAsABadFilter() throws Exception {
        // a fixed seed, so that a failure can be run again; -Druralatlas.test.fuzz.seed=… explores further
        RandomCql2 random = new RandomCql2(Long.getLong("ruralatlas.test.fuzz.seed", 16));
        List<String> seeds = seeds();
        List<Layer> layers = CATALOG.collections();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < INPUTS; i++) {
            Layer layer = layers.get(random.random().nextInt(layers.size()));
            boolean json = i % 2 == 1;
            String input = input(random, layer, seeds, json);
            try {
                outcomes.merge(run(layer, input, json, i % 10 == 0), 1, Integer::sum);
            } catch (BadFilterException e) {
                outcomes.merge("refused", 1, Integer::sum);
            } catch (AssertionError | RuntimeException e) {
                failures.add((json ? "json " : "text ") + layer.id() + ": " + input + "\n  -> " + e);
            }
        }
        assertThat(failures)
                .as("inputs that failed otherwise than as a bad filter")
                .isEmpty();
        // the mix exercises every step: refused inputs, filters run in Java and SQL, and on both stores
        assertThat(outcomes.getOrDefault("refused", 0)).isGreaterThan(INPUTS / 10);
        assertThat(INPUTS - outcomes.getOrDefault("refused", 0)).as("accepted").isGreaterThan(INPUTS / 10);
        assertThat(outcomes.getOrDefault("run on both stores", 0)).isGreaterThan(100);
        System.out.println("CQL2 fuzz outcomes of " + INPUTS + " inputs: " + outcomes);
    }

    /** A random expression, a mutated one, or a mutated example, as text or JSON. */
    private static String input(RandomCql2 random, Layer layer, List<String> seeds, boolean json) {
        String text = switch (random.random().nextInt(3)) {
            case 0 -> random.predicate(layer, 3);
            case 1 -> random.mutate(random.predicate(layer, 2), MAX_LENGTH);
            default -> random.mutate(seeds.get(random.random().nextInt(seeds.size())), MAX_LENGTH);
        };
        if (!json) {
            return text;
        }
        // JSON: the text's tree written as JSON when it reads, then maybe mutated as characters
        try {
            String written = Cql2Json.write(Cql2.parseText(text));
            return random.random().nextBoolean() ? written : random.mutate(written, MAX_LENGTH);
        } catch (BadFilterException e) {
            return random.mutate("{\"op\":\"=\",\"args\":[{\"property\":\"name\"},\"x\"]}", MAX_LENGTH);
        }
    }

    /** Parses, binds, translates and evaluates one input; returns how far it went. */
    private static String run(Layer layer, String input, boolean json, boolean onStores) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        Expression parsed;
        try {
            parsed = json ? Cql2.parseJson(input) : Cql2.parseText(input);
        } finally {
            if (threads.getCurrentThreadCpuTime() - start > PARSE_LIMIT_NANOS) {
                // one slow measurement may be a pause of the machine: the claim is about the parser
                assertThat(fastest(input, json)).as("parse time of %s", input).isLessThan(PARSE_LIMIT_NANOS);
            }
        }
        if (!json) {
            assertThat(Cql2.parseJson(Cql2Json.write(parsed)))
                    .as("text and JSON read alike")
                    .isEqualTo(parsed);
        }
        Filter filter = Filter.bind(layer, parsed, org.ruralatlas.data.geo.Crs.CRS84);
        FilterSql.where(filter, new ArrayList<>());
        filter.candidateBoxes();
        for (Feature f : SAMPLES.get(layer.id())) {
            filter.test(f.properties(), f.geometry());
        }
        if (!onStores) {
            return "translated";
        }
        FeatureQuery q = FeatureQuery.all(layer)
                .withFilter(filter)
                .selecting(new PropertySelection(List.of(), false))
                .page(0, 50);
        List<String> a = null;
        List<String> b = null;
        try {
            a = ids(postgis, q);
        } catch (BadFilterException e) {
            // refused by PostgreSQL while running (an overflow on some row): the GeoPackage may refuse or not
        }
        try {
            b = ids(geopackage, q);
        } catch (BadFilterException e) {
            // likewise
        }
        if (a != null && b != null) {
            assertThat(b).as("both stores answer alike").isEqualTo(a);
            return "run on both stores";
        }
        return "refused by a store";
    }

    /** The least CPU time of ten parses of {@code input}. */
    private static long fastest(String input, boolean json) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            best = Math.min(
                    best,
                    org.ruralatlas.data.filter.Cql2ParseTimeTest.time(input, json ? Cql2::parseJson : Cql2::parseText));
        }
        return best;
    }

    private static List<String> ids(FeatureStore store, FeatureQuery q) {
        List<String> out = new ArrayList<>();
        try (FeatureCursor c = store.query(q)) {
            c.forEachRemaining(f -> out.add(f.id()));
        }
        return out;
    }

    /** The expressions of the shared table and of the standard, as text. */
    private static List<String> seeds() throws Exception {
        List<String> seeds = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Cql2FuzzTest.class.getResourceAsStream("/org/ruralatlas/data/filter/cql2-expressions.txt"),
                StandardCharsets.UTF_8))) {
            r.lines().filter(l -> l.startsWith("text: ")).forEach(l -> seeds.add(l.substring(6)));
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Cql2FuzzTest.class.getResourceAsStream("/org/ruralatlas/data/filter/ogc-cql2-examples.jsonl"),
                StandardCharsets.UTF_8))) {
            for (String line : r.lines().toList()) {
                JsonNode n = JSON.readTree(line);
                seeds.add(n.get("text").stringValue());
            }
        }
        return seeds;
    }
}
