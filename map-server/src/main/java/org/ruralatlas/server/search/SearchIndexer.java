package org.ruralatlas.server.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.server.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Search on the embedded store (PostGIS searches itself: {@link DatabaseSearch}). Keeps the
 * {@link SearchIndex} in step with the data: built from the {@link FeatureStore} (any store would
 * give the same results) on a thread of its own at start, and rebuilt
 * whole after a committed write announced by {@link FeatureStore#watch} (a rebuild of the sample
 * takes about a second; writes arriving meanwhile are folded into one more rebuild). Queries use
 * the last complete index, and wait for the first one.
 *
 * <p>The index lives in memory within a byte budget ({@code ruralatlas.search.memory-bytes}):
 * layers are indexed in order of their ranking weight (provinces, communes, tourism, zones,
 * farms), and a layer that does not fit whole is left out and named in every answer, rather
 * than filling the heap (a million farms took over 200 MB). While a new index is built the
 * previous one still answers, so the heap holds up to twice the budget for that time.
 */
public final class SearchIndexer implements Search {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);

    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final long budget;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "search-index");
        t.setDaemon(true);
        return t;
    });
    private static final long FIRST_BUILD_WAIT_SECONDS = 10;
    private static final long RETRY_SECONDS = 30;

    private final AtomicBoolean pending = new AtomicBoolean();
    private final CompletableFuture<Void> first = new CompletableFuture<>();
    private final ChangeFeed feed;
    private volatile SearchIndex index = SearchIndex.EMPTY;
    private volatile long builds;

    public SearchIndexer(FeatureStore store, LayerCatalog catalog, long budget) {
        this.store = store;
        this.catalog = catalog;
        this.budget = budget;
        this.feed = store.watch(catalog.collections(), change -> rebuildSoon());
        rebuildSoon();
    }

    /** The current index; waits a little for the first build, then answers 503 until there is one. */
    SearchIndex index() {
        try {
            first.get(FIRST_BUILD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notReady();
        } catch (ExecutionException | TimeoutException e) {
            throw notReady();
        }
        return index;
    }

    private static ApiException notReady() {
        return ApiException.retryLater(
                HttpStatus.SERVICE_UNAVAILABLE,
                RETRY_SECONDS,
                "the search index is being built; try again in a few seconds");
    }

    @Override
    public Result search(SearchQuery query) {
        SearchIndex index = index();
        return new Result(index.search(query), index.layersLeftOut());
    }

    /** What the index holds against its memory budget, and which layers did not fit. */
    @Override
    public Map<String, Object> details() {
        SearchIndex index = current();
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("searchedBy", "memory");
        details.put("features", index.size());
        details.put("estimatedBytes", index.estimatedBytes());
        details.put("budgetBytes", budget);
        details.put("layersNotSearched", index.layersLeftOut());
        return details;
    }

    /** How many times the index has been built, for tests that wait for a rebuild. */
    long builds() {
        return builds;
    }

    /** The index built last, without waiting: for health. */
    SearchIndex current() {
        return index;
    }

    /** The byte budget the index is built within. */
    long budget() {
        return budget;
    }

    /** False once the indexer has stopped for good (closed, or its thread died of an error). */
    boolean alive() {
        return !thread.isShutdown();
    }

    /** The change feed that triggers rebuilds, for the workers' health. */
    ChangeFeed feed() {
        return feed;
    }

    private void rebuildSoon() {
        if (pending.compareAndSet(false, true)) {
            thread.execute(() -> {
                pending.set(false);
                try {
                    long start = System.nanoTime();
                    index = build();
                    builds++;
                    first.complete(null);
                    if (thread.isShutdown()) {
                        // closed while building: a start that failed has said why in one last line, which this
                        // must not follow
                        return;
                    }
                    LOG.info(
                            "search index: {} features, {} words, about {} MB of {} MB ({} ms){}",
                            index.size(),
                            index.words(),
                            index.estimatedBytes() >> 20,
                            budget >> 20,
                            (System.nanoTime() - start) / 1_000_000,
                            index.layersLeftOut().isEmpty()
                                    ? ""
                                    : "; not searched, over the memory budget: " + index.layersLeftOut());
                } catch (RuntimeException e) {
                    if (thread.isShutdown()) {
                        return; // closed while building (the server stopping, or failing to start): nothing to report
                    }
                    LOG.error(
                            "search index not rebuilt; the previous one stays, another try in {} s: {}",
                            RETRY_SECONDS,
                            e.toString());
                    thread.schedule(this::rebuildSoon, RETRY_SECONDS, TimeUnit.SECONDS);
                } catch (Error e) {
                    // an executor keeps what its task throws: hand the error on as if this thread had died of it
                    thread.shutdown();
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                }
            });
        }
    }

    private SearchIndex build() {
        SearchIndex.Builder builder = new SearchIndex.Builder(budget);
        Map<String, String> provinces = names("provinces", "code");
        Map<String, String[]> communes = new HashMap<>();
        read(
                "communes",
                f -> communes.put(text(f.properties().get("code")), new String[] {
                    text(f.properties().get("name")), text(f.properties().get("province_name"))
                }),
                f -> {
                    // the lookup of commune names, held while building
                    return builder.reserve(
                            SearchEntry.string(text(f.properties().get("code")))
                                    + SearchEntry.string(text(f.properties().get("name")))
                                    + SearchEntry.string(text(f.properties().get("province_name")))
                                    + 100);
                });
        List<Layer> layers = catalog.collections().stream()
                .filter(l -> l.property("name").isPresent())
                .sorted(java.util.Comparator.comparingDouble((Layer l) -> -SearchEntries.weight(l)))
                .toList();
        // a label's folded words, made once per label: as many as the communes' lookup, which is reserved
        Map<String, List<String>> labelWords = new HashMap<>();
        for (Layer layer : layers) {
            double weight = SearchEntries.weight(layer);
            builder.startLayer();
            boolean fits = read(layer.id(), f -> {}, f -> {
                String[] commune = communes.get(text(f.properties().get("commune_code")));
                SearchEntry entry = SearchEntries.entry(
                        layer.id(),
                        weight,
                        f,
                        commune,
                        provinces.get(text(f.properties().get("province_code"))),
                        true,
                        labelWords);
                return entry == null || builder.add(entry);
            });
            if (!fits) {
                builder.leaveOut(layer.id());
            }
        }
        return builder.build();
    }

    private Map<String, String> names(String layer, String key) {
        Map<String, String> names = new HashMap<>();
        read(
                layer,
                f -> names.put(
                        text(f.properties().get(key)), text(f.properties().get("name"))),
                f -> true);
        return names;
    }

    /**
     * Every current feature of a layer (today's units for dated layers) to {@code action}, as long
     * as {@code more} says so; false when it said stop. Nothing if the catalogue lacks the layer.
     */
    private boolean read(
            String layerId, java.util.function.Consumer<Feature> action, java.util.function.Predicate<Feature> more) {
        Layer layer = catalog.layer(layerId).filter(Layer::isCollection).orElse(null);
        if (layer == null) {
            return true;
        }
        FeatureQuery q = FeatureQuery.all(layer);
        if (layer.temporal() != null) {
            q = q.withTime(TimeInterval.at(VietnamCalendar.today()));
        }
        try (FeatureCursor cursor = store.query(q)) {
            while (cursor.hasNext()) {
                Feature f = cursor.next();
                if (!more.test(f)) {
                    return false;
                }
                action.accept(f);
            }
        }
        return true;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    @Override
    public void close() {
        feed.close();
        thread.shutdownNow();
        // a build under way ends (or is abandoned) before the context is gone, so nothing of it is said after
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
