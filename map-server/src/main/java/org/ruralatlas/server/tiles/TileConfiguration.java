package org.ruralatlas.server.tiles;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.change.DataChange;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.StoreCircuit;
import org.ruralatlas.data.store.postgis.ConnectionPools;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.data.store.postgis.ReadRoute;
import org.ruralatlas.data.store.postgis.Replicas;
import org.ruralatlas.server.config.CacheFolders;
import org.ruralatlas.server.config.DatabaseProperties;
import org.ruralatlas.server.config.FeatureStoreConfiguration;
import org.ruralatlas.server.config.StartupReads;
import org.ruralatlas.server.health.Workers;
import org.ruralatlas.server.security.SecurityConfiguration;
import org.ruralatlas.tiles.DiskTiles;
import org.ruralatlas.tiles.GuardedTileProducer;
import org.ruralatlas.tiles.PostgisTileProducer;
import org.ruralatlas.tiles.StoreTileProducer;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileProducer;
import org.ruralatlas.tiles.TileSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the tile cache to the store: PostGIS makes tiles with ST_AsMVT, any other store through
 * JTS; every committed data change drops the tiles under it. The disk level remembers the layer
 * versions its tiles were made from, so a restart after the data changed unseen drops them.
 */
@Configuration(proxyBeanMethods = false)
public class TileConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TileConfiguration.class);
    private static final String VERSIONS = "layer-versions.properties";

    /** On PostGIS, the worker that names the feature of each cell of one feature of the layers whose tiles aggregate. */
    @Bean(destroyMethod = "close")
    CellHintsWorker cellHints(FeatureStore store, LayerCatalog catalog) {
        List<org.ruralatlas.tiles.PostgisCellHints> hints = store.as(PostgisFeatureStore.class)
                .map(p -> catalog.collections().stream()
                        .filter(l -> l.tiles().aggregate() != null)
                        .map(l -> new org.ruralatlas.tiles.PostgisCellHints(p.dataSource(), l, p.timeoutSeconds()))
                        .toList())
                .orElse(List.of());
        return new CellHintsWorker(hints, Duration.ofSeconds(10), Duration.ofMinutes(1));
    }

    @Bean(destroyMethod = "close")
    TileCache tileCache(
            FeatureStore store,
            LayerCatalog catalog,
            TileProperties props,
            DatabaseProperties db,
            MeterRegistry meters,
            StoreCircuit circuit,
            CacheFolders folders) {
        TileProducer producer = new GuardedTileProducer(
                store.as(PostgisFeatureStore.class)
                        .<TileProducer>map(
                                p -> new PostgisTileProducer(tileReads(db, props, p.replicas()), p.timeoutSeconds()))
                        .orElseGet(() -> new StoreTileProducer(store)),
                circuit);
        List<TileSet> sets = new ArrayList<>();
        sets.add(new TileSet(TileSet.ALL, catalog.collections()));
        catalog.collections().forEach(l -> sets.add(TileSet.of(l)));
        Path dir = cacheDir(props, folders);
        // replicas of one PostGIS database may share the folder: a tile another one makes from the data before a change
        // lands there within its statement timeout plus its standby's lag, so each change is applied again that long
        // after
        Duration settle = store.as(PostgisFeatureStore.class).isPresent()
                ? db.statementTimeout().plus(db.maxReplicaLag())
                : Duration.ZERO;
        TileCache cache = new TileCache(
                producer,
                new DiskTiles(dir),
                props.memoryCacheBytes(),
                props.producerThreads(),
                props.maxTileBytes(),
                sets,
                meters,
                settle);
        LOG.info(
                "vector tiles from {}, cached in memory (up to {} MB) and in {}",
                store.as(PostgisFeatureStore.class).isPresent() ? "PostGIS (ST_AsMVT)" : "the store (JTS)",
                props.memoryCacheBytes() >> 20,
                dir);
        return cache;
    }

    @Bean
    TileFreshness tileFreshness(
            FeatureStore store, TileCache cache, TileProperties props, StoreCircuit circuit, DatabaseProperties db) {
        return new TileFreshness(store, cache, props.freshness().equals("strict"), circuit, db.replicaWait());
    }

    @Bean
    TileVersions tileVersions() {
        return new TileVersions();
    }

    /** Every tile request, good or bad, answered before Spring MVC by one endpoint. */
    @Bean
    FilterRegistrationBean<TileEndpoint> tileEndpoint(
            TileCache cache, TileProperties props, TileFreshness freshness, TileVersions versions) {
        var registration = new FilterRegistrationBean<>(
                new TileEndpoint(cache, freshness, versions, props.cacheControl(), props.versionedCacheControl()));
        registration.addUrlPatterns("/tiles/*", "/collections/*");
        // right after the security chain (spring.security.filter.order, checked at start): the firewall has refused odd
        // path spellings first
        registration.setOrder(SecurityConfiguration.FILTER_ORDER + 1);
        return registration;
    }

    @Bean(destroyMethod = "close")
    ChangeFeed tileInvalidation(
            FeatureStore store,
            LayerCatalog catalog,
            TileCache cache,
            TileProperties props,
            TileFreshness freshness,
            TileVersions versions,
            MeterRegistry meters,
            CacheFolders folders,
            Workers workers) {
        Timer lag = Timer.builder("ruralatlas.tiles.invalidation.lag")
                .description("from the database's commit of a change to its tiles being dropped")
                .register(meters);
        Path dir = cacheDir(props, folders);
        ChangeFeed feed = store.watch(catalog.collections(), (DataChange change) -> {
            // a change of unknown version (after a reconnect) covers whatever is committed now
            long version = change.version() > 0 ? change.version() : freshness.current(change.layer());
            // read before the drop, so the URLs' version is never ahead of the tiles
            String urlVersion = change.version() > 0
                    ? TileVersions.counter(change.version())
                    : catalog.layer(change.layer())
                            .map(l -> TileVersions.tag(store.version(l).tag()))
                            .orElse("");
            if (change.wholeLayer()) {
                cache.invalidateLayer(change.layer());
            } else {
                cache.invalidate(change.layer(), change.boxes());
            }
            freshness.applied(change.layer(), version);
            versions.applied(change.layer(), urlVersion);
            lag.record(Duration.between(change.at(), Instant.now()));
            catalog.layer(change.layer())
                    .ifPresent(l -> remember(dir, l, store.version(l).tag()));
        });
        // only now that changes are heard: drop disk tiles of layers that changed while no one listened
        Map<String, String> before = new HashMap<>();
        catalog.collections()
                .forEach(l -> before.put(
                        l.id(),
                        TileVersions.tag(StartupReads.patiently("the version of " + l.id(), () -> store.version(l))
                                .tag())));
        if (props.memoryCacheBytes() > 0) {
            StartupReads.patiently("the tiles of changed layers", () -> {
                dropTilesOfChangedLayers(cache, store, catalog, dir);
                return null;
            });
        }
        // a change heard meanwhile has recorded its own, later version
        before.forEach((layer, v) -> versions.start(layer, v));
        freshness.start();
        workers.register("tile invalidation (data change feed)", feed::alive);
        return feed;
    }

    /**
     * Tiles get their own pool, two connections per producer thread, whose sessions keep generic
     * plans: the tile statement is the same for every tile of a zoom, and re-planning it per tile
     * cost a third of the database time at zoom 14 (pgbench: 8,500 against 12,500 tiles/s). Each
     * statement is prepared on the server at its first use (the driver waits for a fifth by default):
     * planning a low zoom's statement takes 17 to 67 ms at 10 M farms, as long as making the tile.
     */
    private static ReadRoute tileReads(DatabaseProperties db, TileProperties props, Replicas replicas) {
        // the producers, plus as many seeding threads
        int size = 2 * props.producerThreads();
        java.util.function.Consumer<HikariConfig> generic = c -> {
            c.setConnectionInitSql("SET plan_cache_mode = force_generic_plan");
            c.addDataSourceProperty("prepareThreshold", "1");
        };
        HikariConfig config = FeatureStoreConfiguration.pool(db, "postgis-tiles", size);
        generic.accept(config);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            ConnectionPools.warm(pool);
            // the same on each standby (ruralatlas.db.read-urls), for tiles made while it is healthy
            return FeatureStoreConfiguration.readRoute(db, pool, replicas, "postgis-tiles-read", size, generic);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static Path cacheDir(TileProperties props, CacheFolders folders) {
        return props.cacheDir() != null ? props.cacheDir() : folders.of("tiles");
    }

    private static void dropTilesOfChangedLayers(TileCache cache, FeatureStore store, LayerCatalog catalog, Path dir) {
        Properties known = load(dir);
        for (Layer l : catalog.collections()) {
            String now = store.version(l).tag();
            if (!now.equals(known.getProperty(l.id()))) {
                cache.dropLayer(l.id());
                remember(dir, l, now);
            }
        }
    }

    private static synchronized void remember(Path dir, Layer layer, String version) {
        Properties p = load(dir);
        p.setProperty(layer.id(), version);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "versions", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "layer versions the cached tiles were made from");
            }
            Files.move(
                    tmp,
                    dir.resolve(VERSIONS),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path dir) {
        Properties p = new Properties();
        Path file = dir.resolve(VERSIONS);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }
}
