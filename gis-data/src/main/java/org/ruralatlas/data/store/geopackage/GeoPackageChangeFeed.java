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
import org.ruralatlas.data.change.FeedThread;
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
final class GeoPackageChangeFeed {

    static final long POLL_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(GeoPackageChangeFeed.class);

    private GeoPackageChangeFeed() {}

    static ChangeFeed start(DataSource pool, FeatureStore store, List<Layer> layers, Consumer<DataChange> listener)
            throws SQLException {
        Connection c = pool.getConnection();
        long first = dataVersion(c);
        Map<String, String> versions = new HashMap<>();
        layers.forEach(l -> versions.put(l.id(), store.version(l).tag()));
        return FeedThread.start("geopackage-changes", feed -> {
            long seen = first;
            try (c) {
                while (feed.running()) {
                    Thread.sleep(POLL_MILLIS);
                    long now = dataVersion(c);
                    if (now == seen) {
                        continue;
                    }
                    seen = now;
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
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
