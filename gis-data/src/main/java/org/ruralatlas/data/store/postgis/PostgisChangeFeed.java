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
import org.ruralatlas.data.change.ChangeBatch;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.change.DataChange;
import org.ruralatlas.data.change.FeedThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens on {@code ruralatlas_changes}, where the V7 triggers announce each committed transaction
 * once per layer with its merged boxes (record tables and truncates: none), and passes on each for
 * a watched layer as a {@link DataChange}. Everything that arrived together is merged per layer
 * first ({@link ChangeBatch}), so a burst of commits costs one drop per layer. One connection is
 * held for it. When the connection breaks, notifications sent meanwhile are lost, so it listens
 * again at once (then backing off to a second between tries while the database is away) and
 * reports every layer as wholly changed: a listener may drop too much, never too little.
 *
 * <p>With streaming standbys serving reads, a change is passed on only once they have replayed it
 * ({@link Replicas#awaitPrimary}, asked on the listening connection to the primary after the
 * notifications arrived): a tile dropped earlier could be made again at once from a standby that
 * has not, and kept stale until the next change.
 */
final class PostgisChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PostgisChangeFeed.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Notifications merged into one batch at most, so a flood still gets applied as it comes. */
    private static final int MAX_DRAIN = 10_000;

    private final DataSource dataSource;
    private final List<Layer> layers;
    private final Consumer<DataChange> listener;
    private final Replicas replicas;

    private PostgisChangeFeed(
            DataSource dataSource, List<Layer> layers, Consumer<DataChange> listener, Replicas replicas) {
        this.dataSource = dataSource;
        this.layers = layers;
        this.listener = listener;
        this.replicas = replicas;
    }

    /** Starts listening; the first LISTEN is done before this returns, so no later change is missed. */
    static ChangeFeed start(DataSource dataSource, List<Layer> layers, Consumer<DataChange> listener)
            throws SQLException {
        return start(dataSource, layers, listener, Replicas.NONE);
    }

    /** The same, each change passed on once the standbys that serve reads have replayed it. */
    static ChangeFeed start(DataSource dataSource, List<Layer> layers, Consumer<DataChange> listener, Replicas replicas)
            throws SQLException {
        Connection first = listen(dataSource);
        PostgisChangeFeed loop = new PostgisChangeFeed(dataSource, layers, listener, replicas);
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
        int failures = 0;
        while (feed.running()) {
            try {
                if (c == null) {
                    c = listen(dataSource);
                    LOG.info(
                            "listening for data changes again; every layer's tiles are dropped in case a change was missed");
                    failures = 0;
                    replicas.awaitPrimary(c);
                    ChangeBatch.everyLayer(layers).deliver(listener);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                PGNotification[] notes = pg.getNotifications(500);
                ChangeBatch batch = new ChangeBatch();
                // everything already received joins the batch (bounded: a batch holds at most 50 boxes a layer)
                int drained = 0;
                while (notes != null && notes.length > 0) {
                    for (PGNotification n : notes) {
                        add(batch, n.getParameter());
                    }
                    drained += notes.length;
                    notes = drained < MAX_DRAIN ? pg.getNotifications() : null;
                }
                if (!batch.isEmpty()) {
                    replicas.awaitPrimary(c);
                }
                batch.deliver(listener);
            } catch (SQLException e) {
                if (feed.running() && failures == 0) {
                    LOG.warn("data change listener lost its connection ({}); reconnecting", e.getMessage());
                }
                close(c);
                c = null;
                // the first try at once: every moment unheard is a moment stale tiles may be served
                sleep(failures == 0 ? 0 : Math.min(1000, 50L << Math.min(failures, 5)));
                failures++;
            } catch (RuntimeException e) {
                // a fault of this loop itself: start afresh, and since something may have been missed, from every layer
                LOG.error("data change listener failed; listening again", e);
                close(c);
                c = null;
                sleep(1000);
            }
        }
        close(c);
    }

    private void add(ChangeBatch batch, String payload) {
        try {
            DataChange change = parse(payload);
            if (change != null) {
                batch.add(change);
            }
        } catch (RuntimeException e) {
            LOG.error("ignoring an unreadable data change notification: {}", payload, e);
        }
    }

    /** The change a notification announces, or null for a table this listener did not ask about. */
    private DataChange parse(String payload) {
        JsonNode n = JSON.readTree(payload);
        String layer = n.get("layer").asString();
        if (layers.stream().noneMatch(l -> l.id().equals(layer))) {
            return null;
        }
        List<Envelope> boxes = new ArrayList<>();
        JsonNode b = n.get("boxes");
        if (b != null && b.isArray()) {
            for (JsonNode box : b) {
                boxes.add(new Envelope(
                        box.get(0).asDouble(),
                        box.get(2).asDouble(),
                        box.get(1).asDouble(),
                        box.get(3).asDouble()));
            }
        }
        long micros = (long) (n.get("at").asDouble() * 1_000_000);
        long version = n.has("version") && !n.get("version").isNull()
                ? n.get("version").asLong()
                : 0;
        return new DataChange(
                layer, boxes, version, Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000));
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
