package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * Migration V13's farms per tile cell, which low-zoom farm tiles read instead of the farms: after
 * any mix of writes (inserts, moves, changes of product, deletes, rolled-back transactions,
 * TRUNCATE, four writers at once) the kept counts equal a recount of the farms table, and a tile's
 * cells are read from one range of the primary key, and from the key alone (V23), whatever the number of farms.
 */
@IntegrationTest
class FarmCellsTest {

    /** The counts as the farms table gives them now. */
    private static final String RECOUNT = "SELECT z, cx, cy, value, count(*) FROM (SELECT z,"
            + " ruralatlas.cell_x(geom, z) AS cx, ruralatlas.cell_y(geom, z) AS cy, coalesce(main_product, '') AS value"
            + " FROM ruralatlas.farms, generate_series(8, 12) z) f GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";
    /** The counts as the trigger kept them. */
    private static final String KEPT =
            "SELECT z, cx, cy, value, n FROM ruralatlas.farms_cells WHERE n <> 0 ORDER BY 1, 2, 3, 4";

    /** Cells of one farm that name a farm not in them (V22's hint gone wrong), and those that name none. */
    private static final String HINTS = "SELECT count(*) FILTER (WHERE one_id IS NOT NULL AND NOT EXISTS (SELECT FROM"
            + " ruralatlas.farms f WHERE f.farm_id = c.one_id AND ruralatlas.cell_x(f.geom, c.z) = c.cx"
            + " AND ruralatlas.cell_y(f.geom, c.z) = c.cy AND coalesce(f.main_product, '') = c.value)),"
            + " count(*) FILTER (WHERE one_id IS NULL), count(*) FROM ruralatlas.farms_cells c WHERE n = 1";

    private static final String[] PRODUCTS = {"lua", "che", "vai_thieu", null};

    private static DataSource db;

    @BeforeAll
    static void farms() throws SQLException {
        db = TestDatabase.dataSource(TestDatabase.freshDatabase("cells", true));
        new PostgisSchema(db).migrate();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT setseed(0.13)");
            // 20,000 farms in the Red River delta, a fifth of them 60 m squares
            s.execute("INSERT INTO ruralatlas.farms (farm_id, name, main_product, geom) SELECT 'f' || i, 'Farm ' || i,"
                    + " (ARRAY['lua', 'che', 'vai_thieu', NULL])[1 + i % 4], CASE WHEN i % 5 = 0"
                    + " THEN ST_Expand(ST_SetSRID(ST_MakePoint(x, y), 4326), 0.0003)"
                    + " ELSE ST_SetSRID(ST_MakePoint(x, y), 4326) END"
                    + " FROM (SELECT i, 105.5 + random() * 1.0 AS x, 20.5 + random() * 1.0 AS y"
                    + " FROM generate_series(1, 20000) i) g");
        }
    }

    private static List<String> rows(String sql) throws SQLException {
        return rowsOf(db, sql);
    }

    private static List<String> rowsOf(DataSource on, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = on.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getInt(1) + " " + rs.getInt(2) + " " + rs.getInt(3) + " '" + rs.getString(4) + "' "
                        + rs.getLong(5));
            }
        }
        return out;
    }

    @Test
    void countsFollowEveryWriteWhoeverMakesIt() throws Exception {
        assertThat(rows(KEPT))
                .as("after the first insert")
                .isEqualTo(rows(RECOUNT))
                .hasSizeGreaterThan(20_000);
        long[] hints = hints(db);
        assertThat(hints[2]).as("cells of one farm").isGreaterThan(10_000);
        assertThat(hints[0]).as("hints naming a farm not in the cell").isZero();
        assertThat(hints[1])
                .as("cells of one farm naming none, after inserts only")
                .isZero();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                write(writer);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();
        assertThat(rows(KEPT)).as("after four concurrent writers").isEqualTo(rows(RECOUNT));
        hints = hints(db);
        assertThat(hints[0]).as("hints naming a farm not in the cell").isZero();
        assertThat(hints[1])
                .as("cells of one farm naming none (left so by a delete)")
                .isLessThan(hints[2] / 10);
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("TRUNCATE ruralatlas.farms");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ruralatlas.farms_cells")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("a TRUNCATE empties the counts too")
                        .isZero();
            }
            c.rollback();
        }
        assertThat(rows(KEPT)).as("after a rolled-back TRUNCATE").isEqualTo(rows(RECOUNT));
        assertThat(rows("SELECT count(*), 0, 0, '', 0 FROM ruralatlas.farms_cells WHERE n < 0"))
                .as("no negative count")
                .containsExactly("0 0 0 '' 0");
    }

    /** Wrong hints, cells of one farm without a hint, cells of one farm. */
    private static long[] hints(DataSource on) throws SQLException {
        try (Connection c = on.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(HINTS)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    @Test
    void anUpgradeToVersion22NamesNoOldCellWronglyAndNewFarmsNameTheirs() throws SQLException {
        DataSource old = TestDatabase.dataSource(TestDatabase.freshDatabase("cells21", true));
        new PostgisSchema(old, org.flywaydb.core.api.MigrationVersion.fromVersion("21")).migrate();
        String insert = "INSERT INTO ruralatlas.farms (farm_id, name, main_product, geom) SELECT '%s' || i, 'Farm',"
                + " (ARRAY['lua', NULL])[1 + i %% 2], ST_SetSRID(ST_MakePoint(105.5 + random(),"
                + " 20.5 + random()), 4326) FROM generate_series(1, 3000) i";
        try (Connection c = old.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT setseed(0.22)");
            s.execute(insert.formatted("old"));
        }
        new PostgisSchema(old).migrate();
        long[] hints = hints(old);
        assertThat(hints[2])
                .as(rowsOf(old, "SELECT n, count(*), 0, '', 0 FROM ruralatlas.farms_cells GROUP BY 1 ORDER BY 1")
                        .toString())
                .isGreaterThan(1000);
        assertThat(hints[0]).as("wrong").isZero();
        assertThat(hints[1])
                .as("old cells of one farm name none (no pass over the farms at start)")
                .isEqualTo(hints[2]);
        try (Connection c = old.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT setseed(0.33)");
            s.execute(insert.formatted("new"));
        }
        assertThat(rowsOf(
                        old,
                        "SELECT count(*), 0, 0, '', 0 FROM ruralatlas.farms_cells WHERE n = 1 AND one_id LIKE 'new%'"))
                .as("cells of one new farm name it")
                .isNotEqualTo(List.of("0 0 0 '' 0"));
        assertThat(hints(old)[0]).as("wrong").isZero();
    }

    /** One writer's 40 transactions: insert, move, change the product, rename, delete; every fifth rolled back. */
    private static void write(int writer) throws SQLException {
        Random r = new Random(writer);
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 40; i++) {
                String id = "w" + writer + "-" + i;
                String product = PRODUCTS[r.nextInt(PRODUCTS.length)];
                s.execute(
                        "INSERT INTO ruralatlas.farms (farm_id, name, main_product, geom) VALUES ('" + id + "', 'New', "
                                + (product == null ? "NULL" : "'" + product + "'") + ", ST_SetSRID(ST_MakePoint("
                                + (105.5 + r.nextDouble()) + ", " + (20.5 + r.nextDouble()) + "), 4326))");
                s.execute("UPDATE ruralatlas.farms SET geom = ST_Translate(geom, 0.01, -0.02) WHERE farm_id IN ('f"
                        + (1 + r.nextInt(20_000)) + "', '" + id + "')");
                s.execute("UPDATE ruralatlas.farms SET main_product = 'cam' WHERE farm_id = 'f"
                        + (1 + r.nextInt(20_000)) + "'");
                s.execute("UPDATE ruralatlas.farms SET name = 'Renamed' WHERE farm_id = 'f" + (1 + r.nextInt(20_000))
                        + "'");
                s.execute("DELETE FROM ruralatlas.farms WHERE farm_id = 'f" + (1 + r.nextInt(20_000)) + "'");
                if (i % 5 == 4) {
                    c.rollback();
                } else {
                    c.commit();
                }
            }
        }
    }

    @Test
    void aTilesCellsAreOneRangeOfThePrimaryKey() throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN SELECT cx, cy, sum(n), (array_agg(value ORDER BY n DESC))[1],"
                        + " (array_agg(one_id))[1] FROM ruralatlas.farms_cells"
                        + " WHERE z = 10 AND tx = 831 AND ty = 448 GROUP BY cx, cy")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            // V23: the key carries what a tile reads of a cell, so no row is fetched from the table
            assertThat(plan.toString())
                    .contains("Index Only Scan using farms_cells_pkey")
                    .doesNotContain("Seq Scan");
        }
    }
}
