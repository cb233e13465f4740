package org.ruralatlas.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.text.VietnameseText;

class SearchIndexTest {

    private static SearchEntry entry(
            String layer, String id, String name, String label, double weight, double lon, double lat) {
        return new SearchEntry(
                layer,
                id,
                name,
                label,
                new double[] {lon, lat},
                new double[] {lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01},
                weight,
                0,
                String.join(" ", VietnameseText.words(name)),
                SearchQuery.toneKey(name),
                VietnameseText.words(name),
                VietnameseText.words(label));
    }

    private static final SearchIndex INDEX = new SearchIndex(List.of(
            entry("communes", "c1", "Phúc Hoà", "Bắc Ninh", 1.1, 106.2, 21.4),
            entry("communes", "c2", "Phúc Hoà Đông", "Đồng Tháp", 1.1, 105.6, 10.5),
            entry("communes", "c3", "Hoà Phú", "Đắk Lắk", 1.1, 108.0, 12.7),
            entry("tourism", "t1", "Homestay Phúc Hoà", "Phúc Hoà, Bắc Ninh", 1.0, 106.21, 21.41),
            entry("farms", "f1", "Trang trại vải Phúc Hoà", "Phúc Hoà, Bắc Ninh", 0.8, 106.22, 21.42),
            entry("tourism", "t2", "Làng nghề gốm Bát Tràng", "Bát Tràng, Hà Nội", 1.0, 105.91, 20.97),
            entry("communes", "c4", "Quảng Minh", "Bắc Ninh", 1.1, 106.1, 21.2),
            entry("communes", "c5", "Quang Minh", "Hà Nội", 1.1, 105.8, 21.2),
            entry("communes", "c6", "Thuỷ Nguyên", "Hải Phòng", 1.1, 106.7, 20.9),
            entry("tourism", "t3", "Chợ quê", "Thuỷ Nguyên, Hải Phòng", 1.0, 106.71, 20.91)));

    private static List<String> ids(String q) {
        return ids(SearchQuery.of(q, 10, null, null));
    }

    private static List<String> ids(SearchQuery q) {
        return INDEX.search(q).stream().map(h -> h.entry().id()).toList();
    }

    /**
     * A typed word that starts more words than {@link WordMatch#MAX_WORDS} (every id) stands for
     * itself alone, as the database's dictionary answers; one that starts fewer finds them all.
     */
    @Test
    void aWordThatStartsTooManyWordsStandsForItself() {
        List<SearchEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            entries.add(entry("farms", "f" + i, "Trại " + String.format("%04d", i), "", 0.8, 106, 21));
        }
        entries.add(entry("farms", "x", "Trại 00", "", 0.8, 106, 21));
        SearchIndex index = new SearchIndex(entries);
        assertThat(index.search(SearchQuery.of("00", 10, null, null)))
                .extracting(h -> h.entry().id())
                .as("00 starts 101 of the words: all found, itself first")
                .hasSize(10)
                .startsWith("x");
        assertThat(index.search(SearchQuery.of("0 tra", 10, null, null)))
                .as("0 starts 601 of the words: it stands for itself, which no farm has")
                .isEmpty();
        assertThat(index.search(SearchQuery.of("trai 00", 700, null, null)))
                .extracting(h -> h.entry().id())
                .hasSize(101)
                .startsWith("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"phuc hoa", "Phúc Hòa", "Phúc Hoà", "PHUC HOA", "  phúc   HOÀ ", "phuc-hoa"})
    void theCommuneNamedExactlyComesFirstHoweverItIsTyped(String q) {
        assertThat(ids(q).get(0)).isEqualTo("c1");
        assertThat(ids(Normalizer.normalize(q, Normalizer.Form.NFD)).get(0)).isEqualTo("c1");
    }

    @Test
    void exactBeforePrefixBeforeLongerNamesAndOtherLayers() {
        assertThat(ids("phuc hoa")).containsExactly("c1", "c2", "t1", "f1", "c3");
        assertThat(INDEX.search(SearchQuery.of("phuc hoa", 10, null, null))
                        .get(0)
                        .match())
                .isEqualTo(WordMatch.EXACT);
    }

    @Test
    void theLastWordMayBeUnfinished() {
        assertThat(ids("phuc h")).startsWith("c1", "c2");
        assertThat(ids("bat tr")).containsExactly("t2");
        assertThat(ids("lang nghe g")).containsExactly("t2");
    }

    @Test
    void oneTypoInALongWordIsForgiven() {
        assertThat(ids("thuy nguyne")).first().isEqualTo("c6");
        SearchHit hit =
                INDEX.search(SearchQuery.of("thuy nguyne", 10, null, null)).get(0);
        assertThat(hit.match()).isEqualTo(WordMatch.FUZZY);
        assertThat(ids("trang")).contains("t2", "f1"); // tràng and trang, both exact once folded
        assertThat(ids("xyzzy")).isEmpty();
    }

    @Test
    void anExactMatchOutranksATypo() {
        double exact = INDEX.search(SearchQuery.of("thuy nguyen", 10, null, null))
                .get(0)
                .score();
        double typo = INDEX.search(SearchQuery.of("thuy nguyne", 10, null, null))
                .get(0)
                .score();
        assertThat(exact).isGreaterThan(typo);
    }

    @Test
    void thuyAndThủyWithEitherToneMarkPlacementFindThuỷ() {
        assertThat(ids("Thủy Nguyên").get(0)).isEqualTo("c6");
        assertThat(ids("Thuỷ Nguyên").get(0)).isEqualTo("c6");
        assertThat(ids("thuy nguyen").get(0)).isEqualTo("c6");
    }

    @Test
    void diacriticsTypedDecideBetweenNamesThatFoldAlike() {
        assertThat(ids("Quảng Minh")).containsExactly("c4", "c5");
        assertThat(ids("Quang Minh")).containsExactly("c5", "c4");
    }

    @Test
    void contextWordsFindButRankBelowNames() {
        // "chợ quê thuỷ nguyên": the site's name and its commune
        assertThat(ids("cho que thuy nguyen")).containsExactly("t3");
        assertThat(ids("thuy nguyen")).containsExactly("c6", "t3");
    }

    @Test
    void filtersByLayerAndBbox() {
        assertThat(ids(SearchQuery.of("phuc hoa", 10, Set.of("tourism", "farms"), null)))
                .containsExactly("t1", "f1");
        assertThat(ids(SearchQuery.of("phuc hoa", 10, null, Bbox.parse("105,10,106,11"))))
                .containsExactly("c2");
        assertThat(ids(SearchQuery.of("phuc hoa", 2, null, null))).containsExactly("c1", "c2");
    }

    @Test
    void everyWordMustMatch() {
        assertThat(ids("phuc hoa zzzz")).isEmpty();
        assertThat(ids("hoa phu")).first().isEqualTo("c3");
    }

    @Test
    void aLayerThatDoesNotFitTheBudgetIsLeftOutWholeAndNamed() {
        SearchEntry commune = entry("communes", "c1", "Phúc Hoà", "Bắc Ninh", 1.1, 106.2, 21.4);
        SearchEntry site = entry("tourism", "t1", "Homestay Phúc Hoà", "Phúc Hoà, Bắc Ninh", 1.0, 106.21, 21.41);
        SearchEntry farm1 = entry("farms", "f1", "Trang trại vải Phúc Hoà", "Phúc Hoà, Bắc Ninh", 0.8, 106.22, 21.42);
        SearchEntry farm2 =
                entry("farms", "f2", "Trang trại chè Tân Cương", "Tân Cương, Thái Nguyên", 0.8, 105.7, 21.6);
        SearchIndex.Builder measure = new SearchIndex.Builder(Long.MAX_VALUE);
        measure.startLayer();
        measure.add(commune);
        long communeBytes = measure.build().estimatedBytes();
        measure.add(site);
        long withSite = measure.build().estimatedBytes();
        measure.add(farm1);
        long withFarm = measure.build().estimatedBytes();
        assertThat(communeBytes).isPositive();
        assertThat(withSite).isGreaterThan(communeBytes);

        // room for the commune and the site, and for one farm but not two: the farms are left out whole
        SearchIndex.Builder b = new SearchIndex.Builder(withFarm + 10);
        b.startLayer();
        assertThat(b.add(commune)).isTrue();
        b.startLayer();
        assertThat(b.add(farm1)).isTrue();
        assertThat(b.add(farm2)).isFalse();
        b.leaveOut("farms");
        b.startLayer();
        assertThat(b.add(site)).isTrue();
        SearchIndex index = b.build();
        assertThat(index.layersLeftOut()).containsExactly("farms");
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.estimatedBytes()).isEqualTo(withSite).isLessThanOrEqualTo(withFarm + 10);
        assertThat(index.search(SearchQuery.of("phuc hoa", 10, null, null)).stream()
                        .map(h -> h.entry().id()))
                .containsExactly("c1", "t1");
        assertThat(index.search(SearchQuery.of("tan cuong", 10, null, null))).isEmpty();
    }

    @Test
    void theEstimateIsInTheRightRange() {
        // a farm as the sample has them: the real heap is about 1.4 KB (measured: 200,000 farms, 278 MB)
        SearchEntry farm =
                entry("farms", "F0123456", "Trang trại số 123456", "Xã Phúc Hoà 12, Bắc Ninh", 0.8, 105.1, 21.1);
        assertThat(farm.estimatedBytes()).isBetween(700L, 2000L);
    }
}
