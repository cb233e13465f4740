package org.ruralatlas.data.store.geopackage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.change.DataChange;
import org.ruralatlas.data.store.FeatureStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices writes to the GeoPackage file by any program (QGIS, GDAL, sqlite3): SQLite's
 * {@code PRAGMA data_version} on a held connection changes when another connection commits. It
 * is polled every {@value #POLL_MILLIS} ms; the layers whose {@code gpkg_contents.last_change}
 * moved are reported as wholly changed (a file write carries no boxes), or every layer when none
 * moved, since a writer need not keep last_change.
 */
final class GeoPackageChangeFeed implements ChangeFeed {

    static final long POLL_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(GeoPackageChangeFeed.class);

    private final Thread thread;
    private volatile boolean running = true;

    private GeoPackageChangeFeed(Runnable loop) {
        this.thread = new Thread(loop, "geopackage-changes");
        this.thread.setDaemon(true);
    }

    static GeoPackageChangeFeed start(DataSource pool, FeatureStore store, List<Layer> layers, Consumer<DataChange> listener)
            throws SQLException {
        Connection c = pool.getConnection();
        long[] seen = {dataVersion(c)};
        Map<String, String> versions = new HashMap<>();
        layers.forEach(l -> versions.put(l.id(), store.version(l).tag()));
        GeoPackageChangeFeed[] feed = new GeoPackageChangeFeed[1];
        feed[0] = new GeoPackageChangeFeed(() -> {
            try (c) {
                while (feed[0].running) {
                    Thread.sleep(POLL_MILLIS);
                    long now = dataVersion(c);
                    if (now == seen[0]) {
                        continue;
                    }
                    seen[0] = now;
                    boolean any = false;
                    for (Layer l : layers) {
                        String v = store.version(l).tag();
                        if (!v.equals(versions.put(l.id(), v))) {
                            listener.accept(new DataChange(l.id(), List.of(), 0, Instant.now()));
                            any = true;
                        }
                    }
                    if (!any) {
                        layers.forEach(l -> listener.accept(new DataChange(l.id(), List.of(), 0, Instant.now())));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException | RuntimeException e) {
                LOG.error("watching the GeoPackage for changes stopped", e);
            }
        });
        feed[0].thread.start();
        return feed[0];
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
