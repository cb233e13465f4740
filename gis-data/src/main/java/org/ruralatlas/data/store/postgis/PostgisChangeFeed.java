package org.ruralatlas.data.store.postgis;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.change.DataChange;
import org.ruralatlas.data.change.FeedThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens on {@code ruralatlas_changes}, where the V4 triggers announce every committed write
 * with its boxes (V6: record tables, without boxes), and passes on each for a watched layer as a
 * {@link DataChange}. One connection is held for it.
 * When the connection breaks, notifications sent meanwhile are lost, so after reconnecting it
 * reports every layer as wholly changed: a listener may drop too much, never too little.
 */
final class PostgisChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PostgisChangeFeed.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final List<Layer> layers;
    private final Consumer<DataChange> listener;

    private PostgisChangeFeed(DataSource dataSource, List<Layer> layers, Consumer<DataChange> listener) {
        this.dataSource = dataSource;
        this.layers = layers;
        this.listener = listener;
    }

    /** Starts listening; the first LISTEN is done before this returns, so no later change is missed. */
    static ChangeFeed start(DataSource dataSource, List<Layer> layers, Consumer<DataChange> listener) throws SQLException {
        Connection first = listen(dataSource);
        PostgisChangeFeed loop = new PostgisChangeFeed(dataSource, layers, listener);
        return FeedThread.start("postgis-changes", feed -> loop.run(first, feed));
    }

    private static Connection listen(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN ruralatlas_changes");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void run(Connection first, FeedThread feed) {
        Connection c = first;
        while (feed.running()) {
            try {
                if (c == null) {
                    c = listen(dataSource);
                    LOG.info("listening for data changes again; every layer's tiles are dropped in case a change was missed");
                    for (Layer l : layers) {
                        listener.accept(new DataChange(l.id(), List.of(), 0, Instant.now()));
                    }
                }
                PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(500);
                if (notes != null) {
                    for (PGNotification n : notes) {
                        deliver(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (feed.running()) {
                    LOG.warn("data change listener lost its connection ({}); reconnecting", e.getMessage());
                }
                close(c);
                c = null;
                sleep();
            } catch (RuntimeException e) {
                LOG.error("data change listener failed on a notification", e);
            }
        }
        close(c);
    }

    private void deliver(String payload) {
        JsonNode n = JSON.readTree(payload);
        String layer = n.get("layer").asString();
        if (layers.stream().noneMatch(l -> l.id().equals(layer))) {
            return; // a table this listener did not ask about
        }
        List<Envelope> boxes = new ArrayList<>();
        JsonNode b = n.get("boxes");
        if (b != null && b.isArray()) {
            for (JsonNode box : b) {
                boxes.add(new Envelope(box.get(0).asDouble(), box.get(2).asDouble(), box.get(1).asDouble(), box.get(3).asDouble()));
            }
        }
        long micros = (long) (n.get("at").asDouble() * 1_000_000);
        long version = n.has("version") && !n.get("version").isNull() ? n.get("version").asLong() : 0;
        listener.accept(new DataChange(layer, boxes, version, Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000)));
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

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
