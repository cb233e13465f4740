package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.search.NameSearch;
import org.ruralatlas.data.search.WordPatterns;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * Search in the database (V18) on 100,000 farms: the dictionary is read through its indexes and
 * the farms through the GIN index of their words, never the whole table; a farm written with
 * plain SQL, as psql or QGIS would, is found at once, by its name and by a typo of it.
 */
@IntegrationTest
class SearchPlanTest {

    private static final LayerCatalog CATALOG = LayerCatalog.load();
    private static final Layer FARMS = CATALOG.require("farms");
    private static DataSource db;

    @BeforeAll
    static void farms() throws SQLException {
        db = TestDatabase.dataSource(TestDatabase.freshDatabase("searchplans", true));
        new PostgisSchema(db).migrate();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT setseed(0.18)");
            // the audit's trigger: not what this looks at, and a third of the fixture's time
            s.execute("ALTER TABLE ruralatlas.farms DISABLE TRIGGER farms_revisions_insert");
            s.execute("INSERT INTO ruralatlas.farms (farm_id, name, owner_type, main_product, area_ha, certifications,"
                    + " province_code, commune_code, sample, geom) SELECT 'farm-' || lpad(i::text, 7, '0'),"
                    + " 'Trang trại ' || (ARRAY['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng'])[1 + i % 5] || ' '"
                    + " || substr(md5(i::text), 1, 6), 'household', 'lua', 1, '[]', lpad((1 + i % 34)::text, 2, '0'),"
                    + " lpad((i % 3000)::text, 5, '0'), true,"
                    + " ST_SetSRID(ST_MakePoint(102.2 + random() * 7.5, 8.6 + random() * 14.7), 4326)"
                    + " FROM generate_series(1, 100000) i");
            s.execute("ALTER TABLE ruralatlas.farms ENABLE TRIGGER farms_revisions_insert");
            s.execute("ANALYZE ruralatlas.farms");
            s.execute("ANALYZE ruralatlas.search_dictionary");
        }
    }

    @Test
    void farmsAreFoundThroughTheIndexOfTheirWords() throws SQLException {
        ItemsSql sql = PostgisSearch.candidatesSql(
                FARMS,
                FARMS.properties(),
                CATALOG.require("communes"),
                CATALOG.require("provinces"),
                List.of(Set.of("nguyen"), Set.of("a1b2c3", "a1b2c4")),
                null,
                LocalDate.of(2026, 1, 1),
                5_000);
        String plan = explain(sql);
        System.out.println("EXPLAIN of the farms named nguyen a1b2c…:\n" + plan);
        assertThat(plan).contains("farms_search_words_idx").doesNotContain("Seq Scan on farms");
    }

    /**
     * Words that no farm's own words hold select farms only through their communes or provinces, whose codes the
     * planner cannot see beforehand: it guessed many rows and, under the LIMIT, chose to scan the whole layer and fold
     * every row's words (over 30 s at 10 M farms, "vai thieu"). As the store reads candidates, the indexes are used.
     */
    @Test
    void wordsFoundOnlyThroughCommunesAreStillReadByTheIndexes() throws SQLException {
        ItemsSql sql = PostgisSearch.candidatesSql(
                FARMS,
                FARMS.properties(),
                CATALOG.require("communes"),
                CATALOG.require("provinces"),
                List.of(Set.of("vai"), Set.of("thieu")),
                null,
                LocalDate.of(2026, 1, 1),
                5_000);
        String plan;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(PostgisSearch.INDEXES_ONLY);
            }
            plan = FilterPlanTest.explain(c, sql);
            c.rollback();
        }
        System.out.println("EXPLAIN of vai thieu, as the store reads it:\n" + plan
                + "\nand as the planner would choose alone:\n" + explain(sql));
        assertThat(plan)
                .contains("farms_search_words_idx", "farms_commune_code_idx")
                .doesNotContain("Seq Scan on farms");
    }

    @Test
    void theDictionaryIsReadThroughItsIndexes() throws SQLException {
        List<Object> patterns = new java.util.ArrayList<>();
        for (String w : List.of("nguyen", "trai")) {
            patterns.addAll(WordPatterns.of(w, 4));
        }
        String where = String.join(" OR ", java.util.Collections.nCopies(patterns.size(), "\"word\" LIKE ?"));
        String plan =
                explain(new ItemsSql("SELECT \"word\" FROM ruralatlas.search_dictionary WHERE " + where, patterns));
        System.out.println("EXPLAIN of the dictionary's words for nguyen trai:\n" + plan);
        // prefixes from the B-tree, a typo in the first letter ("_guyen%") from the trigram index
        assertThat(plan)
                .contains("search_dictionary_pkey", "search_dictionary_trgm_idx")
                .doesNotContain("Seq Scan");
    }

    /**
     * A typed word whose patterns match more words than the bound (the start of every id: "00"
     * starts 100,000 ids here) stands for itself alone, when the dictionary has it, and for
     * nothing when not; the words under the bound are all there, each typed word's in its own set.
     */
    @Test
    void aWordThatStartsTooManyWordsStandsForItself() throws SQLException {
        write("INSERT INTO ruralatlas.farms (farm_id, name, sample, geom) VALUES"
                + " ('farm-x00', 'Trại Số 00', true, 'SRID=4326;POINT(105.8 21.0)')");
        NameSearch search =
                new PostgisFeatureStore(db, 30, "test").nameSearch(CATALOG).orElseThrow();
        List<Set<String>> words = search.dictionary(List.of("00", "0000", "so", "0099999"), 4, 500);
        assertThat(words.get(0)).as("00: itself, a word of the dictionary").containsExactly("00");
        assertThat(words.get(1)).as("0000: not a word of the dictionary").isEmpty();
        assertThat(words.get(2)).as("so").contains("so");
        assertThat(words.get(3))
                .as("0099999: itself and the ids a typo away")
                .contains("0099999", "0099998", "0099990")
                .hasSizeLessThanOrEqualTo(500);
        assertThat(search.dictionary(List.of("00"), 4, 200_000).get(0))
                .as("under a bound that high, every word it starts")
                .hasSizeGreaterThan(100_000);
    }

    /** Written with plain SQL, in its own statement: searchable at once, by its words and a typo of one. */
    @Test
    void aFarmWrittenByAnyClientIsFoundAtOnce() throws SQLException {
        write(
                "INSERT INTO ruralatlas.farms (farm_id, name, sample, geom) VALUES"
                        + " ('farm-x1', 'Trang trại Thử Nghiệm Quýt', true, 'SRID=4326;POINT(105.8 21.0)')",
                "UPDATE ruralatlas.farms SET name = 'Vườn Bưởi Diễn Xanh' WHERE farm_id = 'farm-0000007'");
        NameSearch search =
                new PostgisFeatureStore(db, 30, "test").nameSearch(CATALOG).orElseThrow();
        List<Set<String>> words = search.dictionary(List.of("quyt", "nghiem"), 4, 500);
        assertThat(words.get(0)).contains("quyt");
        assertThat(words.get(1)).contains("nghiem");
        assertThat(search.dictionary(List.of("nhgiem"), 4, 500).get(0))
                .as("a swap forgiven")
                .contains("nghiem");
        assertThat(search.dictionary(List.of("xquyt"), 4, 500).get(0))
                .as("an inserted first letter")
                .contains("quyt");
        List<NameSearch.Candidate> found = search.candidates(
                FARMS, List.of(Set.of("nghiem"), Set.of("quyt")), null, LocalDate.of(2026, 1, 1), 10, Set.of("name"));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).feature().id()).isEqualTo("farm-x1");
        assertThat(found.get(0).feature().properties())
                .as("the id and the properties asked for, no other")
                .containsOnlyKeys("farm_id", "name", "commune_code", "province_code");
        assertThat(found.get(0).feature().geometry()).isNotNull();
        assertThat(search.candidates(
                                FARMS,
                                List.of(Set.of("nghiem"), Set.of("quyt")),
                                null,
                                LocalDate.of(2026, 1, 1),
                                10,
                                Set.of("growing_area_code", "main_product", "no_such_property"))
                        .get(0)
                        .feature()
                        .properties())
                .containsOnlyKeys("farm_id", "main_product", "growing_area_code", "commune_code", "province_code");
        assertThat(search.candidates(
                        FARMS, List.of(Set.of("buoi"), Set.of("dien")), null, LocalDate.now(), 10, Set.of()))
                .extracting(f -> f.feature().id())
                .containsExactly("farm-0000007");
        assertThat(search.candidates(
                        FARMS,
                        List.of(Set.of("buoi")),
                        org.ruralatlas.data.geo.Bbox.parse("106,20,107,21"),
                        LocalDate.now(),
                        10,
                        Set.of()))
                .as("outside the box")
                .isEmpty();
    }

    private static String explain(ItemsSql sql) throws SQLException {
        return FilterPlanTest.explain(db, sql);
    }

    /** Each statement in a statement of its own, as a client outside RuralAtlas writes. */
    private static void write(String... statements) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.executeUpdate(sql);
            }
        }
    }
}
