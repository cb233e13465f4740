package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.change.DataChange;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The V7 announcements, as any client's transaction makes them (psql-style statements here), and
 * the listener that applies them: one notification per layer per committed transaction, at
 * commit, with merged boxes and the version it produced; bursts merged; reconnects at once.
 */
@IntegrationTest
class PostgisChangeFeedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static DataSource db;
    private static List<Layer> layers;

    @BeforeAll
    static void schema() {
        db = TestDatabase.dataSource(TestDatabase.freshDatabase("changes", true));
        new PostgisSchema(db).migrate();
        layers = LayerCatalog.load().all();
    }

    /** A connection that LISTENs, as the server's does. */
    static Connection listener() throws SQLException {
        Connection c = db.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN ruralatlas_changes");
        }
        return c;
    }

    /** The notifications that arrive within {@code millis}, as JSON. */
    static List<JsonNode> heard(Connection listening, int millis) throws SQLException {
        List<JsonNode> notes = new ArrayList<>();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            PGNotification[] got = listening.unwrap(PGConnection.class).getNotifications(50);
            if (got != null) {
                for (PGNotification n : got) {
                    notes.add(JSON.readTree(n.getParameter()));
                }
            }
        }
        return notes;
    }

    static long version(String layer) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT version FROM ruralatlas.layer_versions WHERE layer = '" + layer + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String farm(String id, double lon, double lat) {
        return "INSERT INTO ruralatlas.farms (farm_id, name, geom) VALUES ('" + id + "', 'Trại " + id
                + "', ST_SetSRID(ST_MakePoint(" + lon + ", " + lat + "), 4326))";
    }

    @Test
    void aTransactionOfManyStatementsAnnouncesEachLayerOnceAtCommitWithTheVersionItMade() throws Exception {
        long farmsBefore = version("farms");
        long targetsBefore = version("ntm_targets");
        try (Connection listening = listener();
                Connection w = db.getConnection();
                Statement s = w.createStatement()) {
            w.setAutoCommit(false);
            // 2,000 single-row INSERTs in two 1-degree cells, as psql runs a script: one statement each
            for (int i = 0; i < 2000; i++) {
                s.execute(farm("tx-" + i, 105.1 + (i % 2) + i * 1e-5, 21.2 + i * 1e-5));
            }
            s.execute("UPDATE ruralatlas.farms SET name = name || '!' WHERE farm_id = 'tx-7'");
            s.execute("INSERT INTO ruralatlas.ntm_targets (target_id) VALUES ('t-" + System.nanoTime() + "')");
            assertThat(heard(listening, 300)).as("nothing before the commit").isEmpty();
            ResultSet rs = s.executeQuery("SELECT extract(epoch FROM clock_timestamp())");
            rs.next();
            double beforeCommit = rs.getDouble(1);
            Thread.sleep(200);
            w.commit();
            List<JsonNode> notes = heard(listening, 500);
            assertThat(notes)
                    .extracting(n -> n.get("layer").asString())
                    .containsExactlyInAnyOrder("farms", "ntm_targets");
            JsonNode farms = notes.stream()
                    .filter(n -> n.get("layer").asString().equals("farms"))
                    .findFirst()
                    .orElseThrow();
            assertThat(farms.get("version").asLong()).isEqualTo(farmsBefore + 1).isEqualTo(version("farms"));
            assertThat(farms.get("boxes")).hasSize(2);
            JsonNode box = farms.get("boxes").get(0);
            assertThat(box.get(0).asDouble()).isBetween(105.0, 107.0);
            assertThat(box.get(1).asDouble()).isBetween(21.2, 21.3);
            // "at" is the commit, not the statements
            assertThat(farms.get("at").asDouble()).isGreaterThanOrEqualTo(beforeCommit + 0.2);
            JsonNode targets = notes.stream()
                    .filter(n -> n.get("layer").asString().equals("ntm_targets"))
                    .findFirst()
                    .orElseThrow();
            assertThat(targets.get("boxes").isNull()).isTrue();
            assertThat(targets.get("version").asLong()).isEqualTo(targetsBefore + 1);
        }
    }

    @Test
    void manyCellsBecomeTheirExtentAndATruncateTheWholeLayer() throws Exception {
        try (Connection listening = listener();
                Connection w = db.getConnection();
                Statement s = w.createStatement()) {
            w.setAutoCommit(false);
            for (int i = 0; i < 60; i++) {
                s.execute(farm("cells-" + i, 102.5 + (i % 6), 9.5 + i / 6));
            }
            w.commit();
            JsonNode note = heard(listening, 400).get(0);
            assertThat(note.get("boxes")).hasSize(1);
            assertThat(note.get("boxes").get(0).toString()).isEqualTo("[102.5,9.5,107.5,18.5]");
            s.execute("CREATE TEMP TABLE saved AS SELECT * FROM ruralatlas.provinces");
            s.execute("TRUNCATE ruralatlas.provinces");
            s.execute("INSERT INTO ruralatlas.provinces SELECT * FROM saved");
            w.commit();
            List<JsonNode> notes = heard(listening, 400);
            assertThat(notes).hasSize(1);
            assertThat(notes.get(0).get("layer").asString()).isEqualTo("provinces");
            assertThat(notes.get(0).get("boxes").isNull()).as("the whole layer").isTrue();
        }
    }

    @Test
    void rolledBackWorkAndStatementsThatTouchNothingAnnounceNothing() throws Exception {
        long farms = version("farms");
        long tourism = version("tourism");
        try (Connection listening = listener();
                Connection w = db.getConnection();
                Statement s = w.createStatement()) {
            w.setAutoCommit(false);
            s.execute(farm("rolled-back", 105.5, 21.5));
            w.rollback();
            s.execute("UPDATE ruralatlas.farms SET name = 'x' WHERE false");
            s.execute("DELETE FROM ruralatlas.ntm_targets WHERE false");
            w.commit();
            // a savepoint rolled back takes its notes with it; the rest of the transaction still counts
            s.execute(farm("kept", 105.5, 21.5));
            s.execute("SAVEPOINT a");
            s.execute(
                    "INSERT INTO ruralatlas.tourism (site_id, name, geom) VALUES ('gone', 'x', ST_SetSRID(ST_MakePoint(106, 21), 4326))");
            s.execute("ROLLBACK TO SAVEPOINT a");
            w.commit();
            List<JsonNode> notes = heard(listening, 400);
            assertThat(notes).extracting(n -> n.get("layer").asString()).containsExactly("farms");
            assertThat(version("farms")).isEqualTo(farms + 1);
            assertThat(version("tourism")).isEqualTo(tourism);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ruralatlas.pending_changes")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            w.commit();
        }
    }

    @Test
    void aRoleAllowedOnlyToWriteTheLayerHasItsWritesAnnounced() throws Exception {
        String role = "editor_" + ProcessHandle.current().pid();
        try (Connection admin = db.getConnection();
                Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN");
            s.execute("GRANT USAGE ON SCHEMA ruralatlas TO " + role);
            s.execute("GRANT SELECT, INSERT, UPDATE ON ruralatlas.farms TO " + role);
        }
        long before = version("farms");
        try (Connection listening = listener();
                Connection editor = db.getConnection();
                Statement s = editor.createStatement()) {
            s.execute("SET ROLE " + role);
            s.execute(farm("by-editor", 105.5, 21.5));
            List<JsonNode> notes = heard(listening, 400);
            assertThat(notes).extracting(n -> n.get("version").asLong()).containsExactly(before + 1);
        }
    }

    @Test
    void withImmediateConstraintsEachStatementIsAnnouncedAtItsEnd() throws Exception {
        long before = version("farms");
        try (Connection listening = listener();
                Connection w = db.getConnection();
                Statement s = w.createStatement()) {
            w.setAutoCommit(false);
            s.execute("SET CONSTRAINTS ALL IMMEDIATE");
            s.execute(farm("imm-1", 105.5, 21.5));
            s.execute(farm("imm-2", 105.6, 21.6));
            w.commit();
            List<JsonNode> notes = heard(listening, 400);
            assertThat(notes).extracting(n -> n.get("version").asLong()).containsExactly(before + 1, before + 2);
        }
    }

    @Test
    void theListenerMergesABurstOfCommitsAndEndsAtTheLastVersion() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<DataChange> applied = new CopyOnWriteArrayList<>();
        try (ChangeFeed feed = PostgisChangeFeed.start(db, layers, change -> {
                    applied.add(change);
                    first.countDown();
                    await(release);
                });
                Connection w = db.getConnection();
                Statement s = w.createStatement()) {
            s.execute(farm("burst-0", 105.5, 21.5));
            assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
            // 300 commits while the listener is busy with the first
            for (int i = 1; i <= 300; i++) {
                s.execute(farm("burst-" + i, 105.5 + i * 1e-4, 21.5));
            }
            long last = version("farms");
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (applied.get(applied.size() - 1).version() < last && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(applied.get(applied.size() - 1).version()).isEqualTo(last);
            assertThat(applied.size())
                    .as("300 commits applied in a few merged changes")
                    .isLessThanOrEqualTo(5);
            assertThat(applied.get(applied.size() - 1).boxes())
                    .isNotEmpty()
                    .hasSizeLessThanOrEqualTo(DataChange.MAX_BOXES);
        }
    }

    @Test
    void aTerminatedListenerListensAgainAtOnceAndReportsEveryLayer() throws Exception {
        Map<String, Instant> whole = new ConcurrentHashMap<>();
        List<DataChange> changes = new CopyOnWriteArrayList<>();
        try (ChangeFeed feed = PostgisChangeFeed.start(db, layers, change -> {
                    changes.add(change);
                    if (change.wholeLayer()) {
                        whole.put(change.layer(), Instant.now());
                    }
                });
                Connection admin = db.getConnection();
                Statement s = admin.createStatement()) {
            for (int round = 0; round < 3; round++) {
                whole.clear();
                Instant killed = Instant.now();
                try (ResultSet rs = s.executeQuery(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                + "WHERE datname = current_database() AND query = 'LISTEN ruralatlas_changes' AND pid <> pg_backend_pid()")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (whole.size() < layers.size() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(whole.keySet())
                        .containsExactlyInAnyOrderElementsOf(
                                layers.stream().map(Layer::id).toList());
                Instant last = whole.values().stream().max(Instant::compareTo).orElseThrow();
                assertThat(java.time.Duration.between(killed, last).toMillis())
                        .as("every layer reported")
                        .isLessThan(1000);
            }
            // and it hears what comes after
            changes.clear();
            s.execute(farm("after-reconnect", 105.5, 21.5));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (changes.stream().noneMatch(c -> !c.wholeLayer()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(changes).anySatisfy(c -> assertThat(c.version()).isEqualTo(version("farms")));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
