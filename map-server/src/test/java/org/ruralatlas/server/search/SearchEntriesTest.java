package org.ruralatlas.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.ruralatlas.data.feature.Feature;

class SearchEntriesTest {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /**
     * The database's candidates hold only {@link SearchEntries#PROPERTIES} (and the id): an entry made
     * of them must be the entry of the whole feature, or the two stores would rank apart.
     */
    @Test
    void anEntryIsMadeOfItsListedPropertiesAlone() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("farm_id", "farm-7");
        all.put("name", "HTX Vải thiều Phúc Hoà");
        all.put("name_en", "Phuc Hoa Lychee Cooperative");
        all.put("code", "C-7");
        all.put("growing_area_code", "VN-24-LYC-0007");
        all.put("ocop_stars", 4L);
        all.put("ntm_level", "advanced");
        all.put("province_name", "Bắc Ninh");
        all.put("owner_type", "cooperative");
        all.put("main_product", "lychee");
        all.put("area_ha", 12.5);
        all.put("certifications", java.util.List.of("VietGAP"));
        Map<String, Object> listed = new LinkedHashMap<>(all);
        listed.keySet().removeIf(k -> !k.equals("farm_id") && !SearchEntries.PROPERTIES.contains(k));
        assertThat(listed).hasSize(8);
        var polygon = GEOMETRY.createPolygon(new Coordinate[] {
            new Coordinate(106.2, 21.4),
            new Coordinate(106.3, 21.4),
            new Coordinate(106.3, 21.5),
            new Coordinate(106.2, 21.4)
        });
        for (boolean withPoint : new boolean[] {false, true}) {
            SearchEntry whole = SearchEntries.entry(
                    "farms", 0.8, new Feature("farm-7", polygon, all), null, "Bắc Ninh", withPoint, new HashMap<>());
            SearchEntry narrow = SearchEntries.entry(
                    "farms", 0.8, new Feature("farm-7", polygon, listed), null, "Bắc Ninh", withPoint, new HashMap<>());
            assertThat(narrow).usingRecursiveComparison().isEqualTo(whole);
            assertThat(whole.popularity()).as("stars and level count").isGreaterThan(0);
            assertThat(whole.contextWords()).contains("vn", "24", "lyc", "0007", "c", "7");
        }
    }

    /** A label's words, folded once for the commune's farms, are those of the label folded alone. */
    @Test
    void aRememberedLabelGivesTheWordsOfTheLabel() {
        Map<String, java.util.List<String>> labels = new HashMap<>();
        var point = GEOMETRY.createPoint(new Coordinate(106.2, 21.4));
        String[] commune = {"Phúc Hoà", "Bắc Ninh"};
        SearchEntry first = SearchEntries.entry(
                "tourism", 1.0, new Feature("t1", point, Map.of("name", "Chợ quê")), commune, null, true, labels);
        SearchEntry second = SearchEntries.entry(
                "tourism", 1.0, new Feature("t2", point, Map.of("name", "Đình làng")), commune, null, true, labels);
        assertThat(labels).containsOnlyKeys("Phúc Hoà, Bắc Ninh");
        assertThat(first.contextWords()).startsWith("phuc", "hoa", "bac", "ninh");
        assertThat(second.contextWords())
                .startsWith("phuc", "hoa", "bac", "ninh")
                .contains("t2");
        assertThat(second.label()).isEqualTo("Phúc Hoà, Bắc Ninh");
    }
}
