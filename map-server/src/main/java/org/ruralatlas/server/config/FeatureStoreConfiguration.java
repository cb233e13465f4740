package org.ruralatlas.server.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.io.ScratchFolder;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.GuardedFeatureStore;
import org.ruralatlas.data.store.StoreCircuit;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.store.postgis.ConnectionPools;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.data.store.postgis.PostgisProbe;
import org.ruralatlas.data.store.postgis.PostgisSchema;
import org.ruralatlas.data.store.postgis.ReadRoute;
import org.ruralatlas.data.store.postgis.Replicas;
import org.ruralatlas.server.health.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the store at start: PostGIS when a database URL is configured, the embedded GeoPackage
 * otherwise; either behind its {@link StoreCircuit}, so that while it is away requests get 503 at
 * once and health says DOWN without waiting.
 */
@Configuration(proxyBeanMethods = false)
public class FeatureStoreConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureStoreConfiguration.class);

    @Bean
    LayerCatalog layerCatalog() {
        return LayerCatalog.load();
    }

    /** This run's temporary folder (the sample's copy and its side files), deleted when the server stops. */
    /** The NTM programme's records, read through whichever store serves. */
    @Bean
    NtmRecords ntmRecords(LayerCatalog catalog, FeatureStore store) {
        return new NtmRecords(catalog, store);
    }

    @Bean(destroyMethod = "close")
    ScratchFolder scratchFolder() {
        return new ScratchFolder("ruralatlas-run-");
    }

    @Bean(destroyMethod = "close")
    GuardedFeatureStore featureStore(DatabaseProperties db, GeoPackageProperties gpkg, ScratchFolder scratch) {
        if (!db.configured()) {
            FeatureStore store = geopackage(gpkg, scratch);
            LOG.info("serving {}", store.description());
            return new GuardedFeatureStore(store);
        }
        PostgisProbe probe = connect(db);
        try {
            FeatureStore store = postgis(db);
            LOG.info("serving {}", store.description());
            // with the primary away, reads go on while a standby serves them; writes get 503
            Replicas replicas =
                    store.as(PostgisFeatureStore.class).orElseThrow().replicas();
            return new GuardedFeatureStore(store, probe, replicas::anyUsable);
        } catch (RuntimeException e) {
            probe.close();
            throw e;
        }
    }

    /**
     * The probe's own connection, opened first and outside any pool: a database that cannot be
     * reached is reported at once in the driver's words (connection refused, no such database,
     * password authentication failed), not after a pool's timeout.
     */
    private static PostgisProbe connect(DatabaseProperties db) {
        if (!db.url().startsWith("jdbc:postgresql:")) {
            throw new FeatureStoreException(
                    "ruralatlas.db.url must be a PostgreSQL JDBC URL " + "(jdbc:postgresql://host:port/database), not '"
                            + db.url().replaceAll("password=[^&]*", "password=***") + "'");
        }
        LOG.info("connecting to the PostGIS database at {}", db.url().replaceAll("password=[^&]*", "password=***"));
        PostgisProbe probe = new PostgisProbe(direct(db));
        try {
            probe.run();
        } catch (FeatureStoreException e) {
            throw new FeatureStoreException("cannot connect to the PostGIS database: " + e.getMessage(), e);
        }
        return probe;
    }

    /** An unpooled data source for the store's probe: a second to connect, two to answer. */
    private static PGSimpleDataSource direct(DatabaseProperties db) {
        return direct(db, db.url());
    }

    /** The same for one of the databases (primary or standby) at {@code url}. */
    private static PGSimpleDataSource direct(DatabaseProperties db, String url) {
        PGSimpleDataSource ds = unpooled(db, url, "ruralatlas-probe");
        ds.setSocketTimeout(2);
        return ds;
    }

    /** An unpooled data source of the configured database: a connection per use, two seconds to connect. */
    private static PGSimpleDataSource unpooled(DatabaseProperties db, String application) {
        return unpooled(db, db.url(), application);
    }

    private static PGSimpleDataSource unpooled(DatabaseProperties db, String url, String application) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        // as with the pools' driver, a URL's own user and password win over the configured ones
        if (db.user() != null && !url.matches(".*[?&]user=.*")) {
            ds.setUser(db.user());
        }
        if (db.password() != null && !url.matches(".*[?&]password=.*")) {
            ds.setPassword(db.password());
        }
        ds.setConnectTimeout(2);
        ds.setApplicationName(application);
        return ds;
    }

    /** The store's circuit (closed with the store), whose probe is one of the workers health watches. */
    @Bean(destroyMethod = "")
    StoreCircuit storeCircuit(GuardedFeatureStore store, Workers workers) {
        workers.register("data store probe", store.circuit()::probing);
        return store.circuit();
    }

    private static FeatureStore postgis(DatabaseProperties db) {
        // checking (and migrating) the schema is start-up work, not a request: connections of its own, without the
        // requests' short wait
        PostgisSchema schema = new PostgisSchema(unpooled(db, "ruralatlas"));
        if (db.migrate()) {
            schema.migrate();
        }
        String version = schema.check();
        HikariConfig config = pool(db, "postgis", db.poolSize());
        storeSession(config);
        HikariDataSource ds = new HikariDataSource(config);
        Replicas replicas = Replicas.NONE;
        try {
            ConnectionPools.warm(ds);
            replicas = replicas(db);
            ReadRoute reads =
                    readRoute(db, ds, replicas, "postgis-read", db.poolSize(), FeatureStoreConfiguration::storeSession);
            String standbys = db.readUrls().isEmpty()
                    ? ""
                    : ", reads from "
                            + db.readUrls().stream()
                                    .map(DatabaseProperties::hidePassword)
                                    .collect(java.util.stream.Collectors.joining(", "))
                            + " while healthy";
            return new PostgisFeatureStore(
                    reads,
                    (int) db.statementTimeout().toSeconds(),
                    "PostGIS " + version + " at " + DatabaseProperties.hidePassword(db.url()) + standbys);
        } catch (RuntimeException e) {
            replicas.close();
            ds.close();
            throw e;
        }
    }

    /**
     * The sessions of the store's pools: every statement planned with its values
     * ({@link PostgisFeatureStore#SESSION}), and at most 64 statements kept prepared per
     * connection (the driver's default is 256), so that however many shapes of filter are asked
     * for, a connection holds a few megabytes of plans at most (about 50 kB each).
     */
    private static void storeSession(HikariConfig config) {
        config.setConnectionInitSql(PostgisFeatureStore.SESSION);
        config.addDataSourceProperty("preparedStatementCacheQueries", "64");
    }

    /**
     * The standbys of {@code ruralatlas.db.read-urls}, probed once before this returns. One that
     * cannot be reached does not keep the server from starting: its reads go to the primary until
     * it answers.
     */
    private static Replicas replicas(DatabaseProperties db) {
        if (db.readUrls().isEmpty()) {
            return Replicas.NONE;
        }
        java.util.List<Replicas.Standby> standbys = db.readUrls().stream()
                .map(u -> new Replicas.Standby(standbyName(u), direct(db, u)))
                .toList();
        Replicas replicas = new Replicas(direct(db), standbys, db.maxReplicaLag(), db.replicaWait()).start();
        replicas.status()
                .forEach(s -> LOG.info(
                        "standby {}: {}", s.name(), s.usable() ? "serves reads" : "no reads (" + s.reason() + ")"));
        return replicas;
    }

    /** host:port/database of a JDBC URL, for logs, health and metric tags. */
    static String standbyName(String url) {
        return url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
    }

    /**
     * A route for one kind of read: {@code primary} and a pool of {@code size} on each standby, made
     * like the primary's (with {@code session}'s settings, as the primary's, when not null). The standbys'
     * pools open their connections as reads need them.
     */
    public static ReadRoute readRoute(
            DatabaseProperties db,
            HikariDataSource primary,
            Replicas replicas,
            String name,
            int size,
            java.util.function.Consumer<HikariConfig> session) {
        java.util.List<HikariDataSource> pools = new java.util.ArrayList<>();
        for (int i = 0; i < db.readUrls().size(); i++) {
            HikariConfig config = pool(db, db.readUrls().get(i), name + "-" + (i + 1), size);
            if (session != null) {
                session.accept(config);
            }
            pools.add(new HikariDataSource(config));
        }
        return new ReadRoute(primary, replicas, pools);
    }

    /**
     * A connection pool on the configured PostGIS database; one per kind of work. A request waits
     * at most {@code connection-timeout} for a connection, and a pooled connection idle for a while
     * is checked within 250 ms before use, so a database that went away answers fast. No idle
     * minimum: with one, HikariCP keeps reconnecting to an absent database and backs off up to five
     * seconds between attempts, which would delay the return after an outage; connections are
     * opened as requests need them.
     */
    public static HikariConfig pool(DatabaseProperties db, String name, int size) {
        return pool(db, db.url(), name, size);
    }

    /** The same on the database at {@code url} (a standby), with the configured user and password unless the URL has its own. */
    private static HikariConfig pool(DatabaseProperties db, String url, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setPoolName(name);
        config.setConnectionTimeout(db.connectionTimeout().toMillis());
        config.setValidationTimeout(250);
        // start even when the database is down, so that check() can say why in one sentence
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "ruralatlas");
        return config;
    }

    private static FeatureStore geopackage(GeoPackageProperties gpkg, ScratchFolder scratch) {
        Path path = gpkg.path();
        if (path == null) {
            return GeoPackageFeatureStore.served(copySample(scratch.path().resolve("ruralatlas-sample.gpkg")));
        }
        if (!Files.exists(path)) {
            if (!gpkg.create()) {
                throw new FeatureStoreException(
                        "the GeoPackage " + path.toAbsolutePath() + " does not exist (check "
                                + "ruralatlas.geopackage.path, or add --ruralatlas.geopackage.create=true to put the bundled sample there)");
            }
            LOG.info("{} does not exist: copying the bundled sample there", path);
            copySample(path);
        }
        return GeoPackageFeatureStore.served(path);
    }

    private static Path copySample(Path target) {
        try {
            return SampleData.copyTo(target);
        } catch (UncheckedIOException e) {
            throw new FeatureStoreException(
                    "cannot write the sample GeoPackage to " + target.toAbsolutePath() + ": "
                            + FileProblems.describe(e.getCause()),
                    e);
        }
    }
}
