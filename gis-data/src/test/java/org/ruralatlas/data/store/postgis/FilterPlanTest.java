package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.Keyset;
import org.ruralatlas.data.feature.MatchCount;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * The four kinds of filter planners use, on 100,000 farms spread over Vietnam, as an items page
 * ({@code limit=100}, counted) would run them: PostgreSQL's plan reads each through its index
 * (B-tree, the trigram index on folded names, GIST twice), never the whole table.
 */
@IntegrationTest
class FilterPlanTest {

    private static final Layer FARMS = LayerCatalog.load().require("farms");
    /** Phúc Hoà (Tân Yên, Bắc Ninh), as the sample has it. */
    static final String PHUC_HOA =
            "POLYGON((106.1896 21.3346, 106.1936 21.3441, 106.1919 21.3572, 106.1881 21.3627, 106.1799 21.3639, "
                    + "106.1855 21.3717, 106.1803 21.3747, 106.176 21.384, 106.1731 21.3943, 106.1673 21.3962, 106.1673 21.4032, 106.1699 21.4079, "
                    + "106.1704 21.4169, 106.1778 21.4229, 106.1713 21.424, 106.1683 21.4256, 106.1599 21.4384, 106.149 21.4373, 106.138 21.4286, "
                    + "106.1331 21.4321, 106.1301 21.4237, 106.1306 21.4164, 106.1282 21.4129, 106.1294 21.4076, 106.1376 21.407, 106.1457 21.4017, "
                    + "106.144 21.3922, 106.1472 21.3851, 106.1503 21.3856, 106.1561 21.3785, 106.1502 21.368, 106.1519 21.3589, 106.1579 21.356, "
                    + "106.1675 21.3564, 106.1745 21.3525, 106.1741 21.3418, 106.1848 21.3356, 106.1896 21.3346))";

    private static DataSource db;

    @BeforeAll
    static void farms() throws SQLException {
        db = TestDatabase.dataSource(TestDatabase.freshDatabase("plans", true));
        new PostgisSchema(db).migrate();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT setseed(0.16)");
            // the audit's and the search's triggers: not what this looks at, and a third of the fixture's time
            s.execute(
                    "ALTER TABLE ruralatlas.farms DISABLE TRIGGER farms_revisions_insert, DISABLE TRIGGER farms_search_words_insert");
            s.execute(
                    "INSERT INTO ruralatlas.farms (farm_id, name, owner_type, main_product, area_ha, certifications, province_code,"
                            + " growing_area_code, sample, geom) SELECT 'farm-' || lpad(i::text, 7, '0'),"
                            + " CASE WHEN i % 97 = 0 THEN 'Trang trại Phúc Hoà ' || i ELSE 'Trang trại ' || md5(i::text) END,"
                            + " (ARRAY['household', 'cooperative', 'enterprise'])[1 + i % 3],"
                            + " (ARRAY['vai_thieu', 'che', 'lua', 'ca_phe', 'cam', 'xoai', 'rau', 'nam'])[1 + (i * 7) % 8],"
                            + " round((random() * 400)::numeric, 2), '[]', lpad((1 + i % 34)::text, 2, '0'),"
                            + " 'VN-' || lpad((i % 5000)::text, 4, '0'), true,"
                            + " ST_SetSRID(ST_MakePoint(102.2 + random() * 7.5, 8.6 + random() * 14.7), 4326)"
                            + " FROM generate_series(1, 100000) i");
            s.execute(
                    "ALTER TABLE ruralatlas.farms ENABLE TRIGGER farms_revisions_insert, ENABLE TRIGGER farms_search_words_insert");
            s.execute("ANALYZE ruralatlas.farms");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "an attribute filter | main_product = 'vai_thieu' AND area_ha > 390 | farms_area_ha_idx",
                "an ACCENTI name filter | CASEI(ACCENTI(name)) LIKE CASEI(ACCENTI('%Phúc Hòa%')) | farms_name_folded_idx",
                "an S_INTERSECTS with a commune polygon | S_INTERSECTS(geometry, " + PHUC_HOA + ") | farms_geom_idx",
                "an S_DWITHIN 5 km | S_DWITHIN(geometry, POINT(106.129337 21.372525), 5, km) | farms_geom_idx",
                "a growing-area code | growing_area_code = 'VN-0042' | farms_growing_area_code_idx"
            })
    void eachPlanUsesItsIndex(String what, String filter, String index) throws SQLException {
        FeatureQuery page = FeatureQuery.all(FARMS)
                .withFilter(Filter.parse(FARMS, filter, null, null, CrsOffer.ALL))
                .page(0, 100);
        String plan = explain(ItemsSql.select(page));
        System.out.println(
                "EXPLAIN of " + what + " (" + filter.substring(0, Math.min(filter.length(), 80)) + "):\n" + plan);
        assertThat(plan).as(what).contains(index).doesNotContain("Seq Scan on farms");
    }

    /**
     * A page after a position is read from the primary key's index from that position on (an
     * index condition, no sort, no scan of what comes before), so the last page costs the first's;
     * with a country-wide box the same, the box a filter on the rows the index gives.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"no box|", "a country-wide box|102,8,110,24"})
    void aPageAfterAPositionReadsFromThereInTheIndex(String what, String box) throws SQLException {
        FeatureQuery page = FeatureQuery.all(FARMS)
                .startingAfter(new Keyset(List.of("farm-0099000")))
                .page(0, 11);
        if (box != null) {
            page = page.withBbox(org.ruralatlas.data.geo.Bbox.parse(box));
        }
        String plan = explain(ItemsSql.select(page));
        System.out.println("EXPLAIN of a page after farm-0099000 with " + what + ":\n" + plan);
        assertThat(plan)
                .contains("Index Scan using farms_pkey")
                .containsPattern("Index Cond: \\(farm_id > ")
                .doesNotContain("Seq Scan")
                .doesNotContain("Sort");
    }

    /**
     * A bbox page over polygons scans the GIST index once, not twice in a BitmapOr: 20,000 zones
     * of 4 to 14 km, a box of a few provinces. Written as {@code geom @ box OR ST_Intersects(…)},
     * the planner scanned the index for each and, multiplying their estimates with that of {@code
     * &&}, expected a thirtieth of the matches (26 of 768), which at a larger box made it sort
     * every match instead of reading a page in order.
     */
    @org.junit.jupiter.api.Test
    void aBoxPageOverPolygonsScansItsIndexOnce() throws SQLException {
        Layer zones = LayerCatalog.load().require("zones");
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SELECT setseed(0.16)");
            s.execute("ALTER TABLE ruralatlas.zones DISABLE TRIGGER zones_revisions_insert,"
                    + " DISABLE TRIGGER zones_search_words_insert");
            s.execute("INSERT INTO ruralatlas.zones (zone_id, geom) SELECT 'zone-' || lpad(i::text, 6, '0'),"
                    + " ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(102.2 + random() * 7.5, 8.6 + random() * 14.7), 4326),"
                    + " 0.02 + random() * 0.05, 4)) FROM generate_series(1, 20000) i");
            s.execute("ANALYZE ruralatlas.zones");
            String plan = explain(
                    c,
                    ItemsSql.select(FeatureQuery.all(zones)
                            .withBbox(org.ruralatlas.data.geo.Bbox.parse("104.5,8.5,106.5,10.5"))
                            .page(0, 100)));
            c.rollback();
            System.out.println("EXPLAIN of a page of zones in a box of a few provinces:\n" + plan);
            assertThat(plan)
                    .contains("zones_geom_idx")
                    .doesNotContain("BitmapOr")
                    .doesNotContain("Seq Scan");
        }
    }

    /**
     * numberMatched's count reads at most its bound of rows, within its time budget: 100,000
     * farms in a country-wide box are counted exactly with a bound above them, estimated by the
     * planner (within a factor of two here) below them or when the budget is spent first.
     */
    @org.junit.jupiter.api.Test
    void theCountIsBoundedInRowsAndTimeAndThenThePlannersEstimate() {
        FeatureQuery country = FeatureQuery.all(FARMS).withBbox(org.ruralatlas.data.geo.Bbox.parse("102,8,110,24"));
        PostgisFeatureStore store = new PostgisFeatureStore(db, 30, "test");
        {
            assertThat(store.countUpTo(country, 100_000, Duration.ofSeconds(60)))
                    .isEqualTo(MatchCount.exactly(100_000));
            MatchCount overBound = store.countUpTo(country, 1_000, Duration.ofSeconds(60));
            assertThat(overBound.exact()).isFalse();
            assertThat(overBound.value()).isBetween(50_000L, 200_000L);
            MatchCount overBudget = store.countUpTo(country, 1_000_000, Duration.ofMillis(1));
            assertThat(overBudget.exact()).isFalse();
            assertThat(overBudget.value()).isBetween(50_000L, 200_000L);
            // the budget is the count's own: the connection (the same one: the pool gives a thread its last) runs as
            // before
            for (int i = 0; i < 3; i++) {
                assertThat(store.count(country)).isEqualTo(100_000);
            }
        }
    }

    /**
     * A filtered page counts its matches in its own statement (it has collected them all anyway),
     * whatever their number and wherever it starts: first, at an offset, after a position. A
     * download (no limit) does not count.
     */
    @org.junit.jupiter.api.Test
    void aFilteredPageCountsItsMatchesInItsOwnStatement() {
        PostgisFeatureStore store = new PostgisFeatureStore(db, 30, "test");
        FeatureQuery lychee = FeatureQuery.all(FARMS)
                .withFilter(Filter.parse(FARMS, "main_product = 'vai_thieu'", null, null, CrsOffer.ALL));
        long n = store.count(lychee);
        assertThat(n).isEqualTo(12_500);
        String position = "farm-0050000";
        for (FeatureQuery page : List.of(
                lychee.page(0, 100),
                lychee.page(5_000, 100),
                lychee.startingAfter(new Keyset(List.of(position))).page(0, 100))) {
            List<String> ids = new java.util.ArrayList<>();
            try (org.ruralatlas.data.feature.FeatureCursor c = store.query(page)) {
                c.forEachRemaining(f -> ids.add(f.id()));
                assertThat(c.matched()).as(page.toString()).hasValue(n);
            }
            assertThat(ids).hasSize(100).isSorted();
            if (page.after() != null) {
                assertThat(ids.get(0)).isEqualTo("farm-0050008");
            } else if (page.offset() > 0) {
                assertThat(ids.get(0)).isEqualTo("farm-0040008");
            }
        }
        try (org.ruralatlas.data.feature.FeatureCursor c = store.query(lychee)) {
            assertThat(c.hasNext()).isTrue();
            assertThat(c.matched()).isEmpty();
        }
    }

    /**
     * The extent of a large table comes from its GIST index, not a scan of every row: it holds
     * the exact extent and is within the index's rounding of it, and it is not the exact extent
     * (whose corners are the features' own doubles; the index keeps single-precision boxes).
     */
    @org.junit.jupiter.api.Test
    void theExtentOfALargeTableComesFromItsIndex() throws SQLException {
        PostgisFeatureStore store = new PostgisFeatureStore(db, 30, "test");
        org.ruralatlas.data.geo.Bbox exact;
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)"
                        + " FROM (SELECT ST_Extent(geom) AS e FROM ruralatlas.farms) x")) {
            rs.next();
            exact = new org.ruralatlas.data.geo.Bbox(
                    rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
        }
        org.ruralatlas.data.geo.Bbox fromIndex = store.extent(FARMS).orElseThrow();
        assertThat(fromIndex).isNotEqualTo(exact);
        assertThat(fromIndex.minx())
                .isLessThanOrEqualTo(exact.minx())
                .isCloseTo(exact.minx(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(fromIndex.miny())
                .isLessThanOrEqualTo(exact.miny())
                .isCloseTo(exact.miny(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(fromIndex.maxx())
                .isGreaterThanOrEqualTo(exact.maxx())
                .isCloseTo(exact.maxx(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(fromIndex.maxy())
                .isGreaterThanOrEqualTo(exact.maxy())
                .isCloseTo(exact.maxy(), org.assertj.core.data.Offset.offset(1e-4));
    }

    /**
     * A page is parsed once per connection (a named statement from its first use) and planned with
     * its own values every time, also after the five executions from which PostgreSQL would try a
     * generic plan, blind to the box: the sessions of the store's pools say so ({@link
     * PostgisFeatureStore#SESSION}).
     */
    @org.junit.jupiter.api.Test
    void aPageIsParsedOnceAndPlannedWithItsValuesEveryTime() throws SQLException {
        try (Connection one = db.getConnection()) {
            try (Statement s = one.createStatement()) {
                s.execute(PostgisFeatureStore.SESSION);
            }
            DataSource single = (DataSource) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        // the same connection every time, as a pool gives it; closing it only hands it back
                        return java.lang.reflect.Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {Connection.class},
                                (p, m, a) -> m.getName().equals("close") ? null : m.invoke(one, a));
                    });
            PostgisFeatureStore store = new PostgisFeatureStore(single, 30, "test");
            FeatureQuery page = FeatureQuery.all(FARMS)
                    .withBbox(org.ruralatlas.data.geo.Bbox.parse("102,8,110,24"))
                    .page(0, 101);
            List<String> first = null;
            for (int i = 0; i < 12; i++) {
                List<String> ids = new java.util.ArrayList<>();
                try (org.ruralatlas.data.feature.FeatureCursor c = store.query(page)) {
                    c.forEachRemaining(f -> ids.add(f.id()));
                }
                assertThat(ids).hasSize(101);
                first = first == null ? ids : first;
                assertThat(ids).isEqualTo(first);
            }
            try (Statement s = one.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), sum(generic_plans), sum(custom_plans)"
                            + " FROM pg_prepared_statements WHERE statement LIKE '%ruralatlas\".\"farms%'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("named statements of the page").isEqualTo(1);
                assertThat(rs.getLong(2)).as("generic plans").isZero();
                assertThat(rs.getLong(3)).as("plans with the values").isEqualTo(12);
            }
        }
    }

    /** The plan PostgreSQL makes for the statement with its values bound, as text. */
    static String explain(ItemsSql sql) throws SQLException {
        return explain(db, sql);
    }

    /** The same in another database. */
    static String explain(DataSource db, ItemsSql sql) throws SQLException {
        try (Connection c = db.getConnection()) {
            return explain(c, sql);
        }
    }

    /** The same on a connection (in a transaction with its own settings). */
    static String explain(Connection c, ItemsSql sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.sql())) {
            List<Object> params = sql.params();
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
