package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.catalog.PropertyType;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.PropertySelection;
import org.ruralatlas.data.feature.SortKey;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * Sorting and property selection give the same features in the same order on both stores, on
 * the shared sample whose database collation is Vietnamese (so a text sort that followed the
 * database's collation instead of code points would show here): every sortable queryable of
 * every layer both ways, keys combined with filters, boxes, selections and pages.
 */
@IntegrationTest
class SortAndSelectionParityTest {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path sampleDir;

    private static final LayerCatalog CATALOG = LayerCatalog.load();
    private static PostgisFeatureStore postgis;
    private static GeoPackageFeatureStore geopackage;

    @BeforeAll
    static void open() {
        postgis = new PostgisFeatureStore(TestDatabase.dataSource(TestDatabase.sharedSample()), 30, "test");
        geopackage = new GeoPackageFeatureStore(SampleData.copyTo(sampleDir.resolve("sample.gpkg")));
    }

    @AfterAll
    static void close() {
        postgis.close();
        geopackage.close();
    }

    @Test
    void everySortableQueryableSortsAlikeBothWays() {
        int checked = 0;
        for (Layer layer : CATALOG.collections()) {
            for (PropertySpec p : layer.queryables()) {
                if (p.type() == PropertyType.STRING_LIST || p.type() == PropertyType.JSON) {
                    continue;
                }
                for (String key : List.of(p.name(), "-" + p.name())) {
                    FeatureQuery q = FeatureQuery.all(layer)
                            .sortedBy(SortKey.parse(layer, key))
                            .selecting(new PropertySelection(List.of(p.name()), false));
                    List<Feature> a = read(postgis, q);
                    assertThat(read(geopackage, q))
                            .as(layer.id() + " sortby " + key)
                            .isEqualTo(a);
                    assertThat(walk(postgis, q, 400))
                            .as(layer.id() + " sortby " + key + " by positions")
                            .isEqualTo(a);
                    assertThat(walk(geopackage, q, 400))
                            .as(layer.id() + " sortby " + key + " by positions")
                            .isEqualTo(a);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void textsSortByCodePointWhateverTheDatabaseCollation() {
        Layer communes = CATALOG.require("communes");
        List<String> names = read(
                        postgis,
                        FeatureQuery.all(communes)
                                .sortedBy(SortKey.parse(communes, "name"))
                                .selecting(PropertySelection.parse(communes, "name", true)))
                .stream()
                .map(f -> (String) f.properties().get("name"))
                .toList();
        // Vietnamese collation puts Đ right after D; code points put it (U+0110) after every ASCII letter
        int lastZ = -1;
        int firstD = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).startsWith("Đ") && firstD < 0) {
                firstD = i;
            }
            if (names.get(i).startsWith("Y") || names.get(i).startsWith("X")) {
                lastZ = i;
            }
        }
        assertThat(firstD).isGreaterThan(lastZ).isPositive();
    }

    @Test
    void sortsFiltersBoxesSelectionsAndPagesTogether() {
        Random random = new Random(8);
        List<String[]> cases = List.of(
                new String[] {"zones", "-area_ha,name", "commodity IN ('vai_thieu', 'che', 'lua')", "name,area_ha"},
                new String[] {
                    "communes", "province_code,-criteria_met,name", "criteria_met < 15", "code,name,province_code"
                },
                new String[] {
                    "communes",
                    "-ntm_level,recognition_year",
                    "S_INTERSECTS(geometry, BBOX(105, 20, 107, 22))",
                    "ntm_level"
                },
                new String[] {
                    "farms",
                    "main_product,-area_ha",
                    "CASEI(ACCENTI(name)) LIKE '%nguyen%'",
                    "name,main_product,area_ha"
                },
                new String[] {
                    "tourism", "category,name", "S_DWITHIN(geometry, POINT(105.85 21.03), 60, km)", "name,category"
                },
                new String[] {
                    "farms",
                    "-ocop_stars,farm_id",
                    "A_CONTAINS(certifications, ('VietGAP'))",
                    "certifications,ocop_stars"
                });
        for (String[] c : cases) {
            Layer layer = CATALOG.require(c[0]);
            FeatureQuery q = FeatureQuery.all(layer)
                    .sortedBy(SortKey.parse(layer, c[1]))
                    .withFilter(Filter.parse(layer, c[2], null, null, CrsOffer.ALL))
                    .selecting(PropertySelection.parse(layer, c[3], random.nextBoolean()));
            List<Feature> all = read(postgis, q);
            assertThat(all).as(c[2]).isNotEmpty();
            assertThat(read(geopackage, q)).as(c[0] + " " + c[1] + " " + c[2]).isEqualTo(all);
            assertThat(geopackage.count(q)).isEqualTo(postgis.count(q)).isEqualTo(all.size());
            for (int i = 0; i < 5; i++) {
                int offset = random.nextInt(all.size());
                int limit = 1 + random.nextInt(20);
                FeatureQuery page = q.page(offset, limit);
                List<Feature> expected = all.subList(offset, Math.min(all.size(), offset + limit));
                try (FeatureCursor cursor = postgis.query(page)) {
                    List<Feature> got = new ArrayList<>();
                    cursor.forEachRemaining(got::add);
                    assertThat(got).isEqualTo(expected);
                }
                assertThat(postgis.countUpTo(page, all.size(), java.time.Duration.ofSeconds(10)))
                        .isEqualTo(org.ruralatlas.data.feature.MatchCount.exactly(all.size()));
                assertThat(geopackage.countUpTo(page, all.size(), java.time.Duration.ofSeconds(10)))
                        .isEqualTo(org.ruralatlas.data.feature.MatchCount.exactly(all.size()));
                assertThat(read(geopackage, page)).isEqualTo(expected);
            }
            int size =
                    5 + random.nextInt(20); // pages ending inside and at ties of the sort keys, a few hundred of them
            assertThat(walk(postgis, q, size))
                    .as(c[0] + " " + c[1] + " by positions, pages of " + size)
                    .isEqualTo(all);
            assertThat(walk(geopackage, q, size))
                    .as(c[0] + " " + c[1] + " by positions, pages of " + size)
                    .isEqualTo(all);
            Bbox box = new Bbox(104, 19, 107, 23);
            assertThat(read(geopackage, q.withBbox(box))).isEqualTo(read(postgis, q.withBbox(box)));
        }
    }

    /** Every feature of {@code q}, read in pages of {@code size} each starting after the last one's position. */
    static List<Feature> walk(FeatureStore store, FeatureQuery q, int size) {
        List<Feature> out = new ArrayList<>();
        org.ruralatlas.data.feature.Keyset after = null;
        for (int pages = 0; pages < 100_000; pages++) {
            int before = out.size();
            try (FeatureCursor c = store.query(q.startingAfter(after).page(0, size))) {
                while (c.hasNext()) {
                    out.add(c.next());
                    after = c.position().orElseThrow();
                }
            }
            if (out.size() - before < size) {
                return out;
            }
        }
        throw new AssertionError("no end");
    }

    private static List<Feature> read(FeatureStore store, FeatureQuery q) {
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor c = store.query(q)) {
            c.forEachRemaining(out::add);
        }
        return out;
    }
}
