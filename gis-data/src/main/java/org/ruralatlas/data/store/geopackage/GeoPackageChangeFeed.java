package org.ruralatlas.data.store.geopackage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.change.ChangeBatch;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.change.DataChange;
import org.ruralatlas.data.change.FeedThread;
import org.ruralatlas.data.store.FeatureStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices writes to the GeoPackage file by any program (QGIS, GDAL, sqlite3): SQLite's
 * {@code PRAGMA data_version} on a held connection changes when another connection commits. It
 * is polled every {@value #POLL_MILLIS} ms; the layers whose version (their write counter) moved
 * are reported as wholly changed (a file write carries no boxes), or every layer when none moved,
 * since a writer may have bypassed the counters. A failure to read the file (or of a listener on
 * one layer) never ends the watch: the connection is opened again and, since a write may have
 * been missed meanwhile, every layer is reported as changed.
 */
final class GeoPackageChangeFeed {

    static final long POLL_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(GeoPackageChangeFeed.class);

    private final DataSource pool;
    private final FeatureStore store;
    private final List<Layer> layers;
    private final Consumer<DataChange> listener;
    private final Map<String, String> versions = new HashMap<>();

    private GeoPackageChangeFeed(
            DataSource pool, FeatureStore store, List<Layer> layers, Consumer<DataChange> listener) {
        this.pool = pool;
        this.store = store;
        this.layers = layers;
        this.listener = listener;
    }

    /** Starts watching; the file's state is read before this returns, so no later write is missed. */
    static ChangeFeed start(DataSource pool, FeatureStore store, List<Layer> layers, Consumer<DataChange> listener)
            throws SQLException {
        GeoPackageChangeFeed watch = new GeoPackageChangeFeed(pool, store, layers, listener);
        Connection c = pool.getConnection();
        long first;
        try {
            first = dataVersion(c);
            watch.changedLayers();
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return FeedThread.start("geopackage-changes", feed -> watch.run(c, first, feed));
    }

    private void run(Connection first, long firstVersion, FeedThread feed) {
        Connection c = first;
        long seen = firstVersion;
        boolean failing = false;
        while (feed.running()) {
            try {
                Thread.sleep(POLL_MILLIS);
                if (c == null) {
                    c = pool.getConnection();
                    seen = dataVersion(c);
                    changedLayers();
                    LOG.info(
                            "watching the GeoPackage again; every layer is reported changed in case a write was missed");
                    failing = false;
                    ChangeBatch.everyLayer(layers).deliver(listener);
                    continue;
                }
                long now = dataVersion(c);
                if (now == seen) {
                    continue;
                }
                seen = now;
                ChangeBatch batch = changedLayers();
                (batch.isEmpty() ? ChangeBatch.everyLayer(layers) : batch).deliver(listener);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException | RuntimeException e) {
                if (!failing) {
                    LOG.warn("reading the GeoPackage for changes failed ({}); trying again", e.getMessage());
                    failing = true;
                }
                close(c);
                c = null;
            }
        }
        close(c);
    }

    /** The layers whose version moved since last asked, each as a whole-layer change. */
    private ChangeBatch changedLayers() {
        ChangeBatch batch = new ChangeBatch();
        for (Layer l : layers) {
            String v = store.version(l).tag();
            if (!v.equals(versions.put(l.id(), v))) {
                batch.add(DataChange.wholeLayer(l.id()));
            }
        }
        return batch;
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }
}
