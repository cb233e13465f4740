package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.ruralatlas.data.text.VietnameseText;

/**
 * The PostgreSQL folding functions of migration V9 ({@code accenti}, {@code casei}) give exactly
 * what {@link VietnameseText} gives in Java, on every character of the Basic Multilingual Plane
 * and on every name of the sample in NFC and NFD: the two stores evaluate ACCENTI and CASEI
 * filters one in SQL, one in Java, and must agree.
 */
@IntegrationTest
class FoldingParityTest {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path sampleDir;

    private static DataSource db;

    @BeforeAll
    static void migrate() {
        String url = TestDatabase.freshDatabase("folding", true);
        db = TestDatabase.dataSource(url);
        new PostgisSchema(db).migrate();
    }

    @Test
    void everyCharacterFoldsAlikeInBothStores() throws SQLException {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT i, ruralatlas.accenti(chr(i)), ruralatlas.casei(chr(i)) FROM generate_series(1, 65535) i"
                                + " WHERE i NOT BETWEEN 55296 AND 57343 ORDER BY i");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int cp = rs.getInt(1);
                if (!Character.isDefined(cp)) {
                    continue; // unassigned in this JDK's Unicode version: PostgreSQL's tables may be newer
                }
                String s = Character.toString(cp);
                compared++;
                if (!VietnameseText.accentInsensitive(s).equals(rs.getString(2))) {
                    differences.add(String.format(
                            "accenti U+%04X: java %s, sql %s",
                            cp, VietnameseText.accentInsensitive(s), rs.getString(2)));
                }
                if (!VietnameseText.caseInsensitive(s).equals(rs.getString(3))) {
                    differences.add(String.format(
                            "casei U+%04X: java %s, sql %s", cp, VietnameseText.caseInsensitive(s), rs.getString(3)));
                }
            }
        }
        assertThat(compared).isGreaterThan(50_000);
        assertThat(differences).isEmpty();
    }

    @Test
    void everySampleNameAndWordsInContextFoldAlike() throws SQLException {
        List<String> texts = new ArrayList<>(List.of(
                "Phúc Hoà",
                "Phúc Hòa",
                "PHÚC HOÀ",
                "Thuỷ Nguyên",
                "Thủy",
                "Đắk Ơ",
                "ΟΔΟΣ",
                "οδος",
                "Straße",
                "STRASSE",
                "ǅemal",
                "İstanbul",
                "ﬁnal",
                "Ὀδυσσεύς",
                "Hoà-Bình (TP.)",
                "a\u0301\u0323b"));
        try (GeoPackageFeatureStore sample =
                new GeoPackageFeatureStore(SampleData.copyTo(sampleDir.resolve("sample.gpkg")))) {
            for (String layer : List.of("communes", "tourism", "zones", "farms", "provinces")) {
                sample.query(FeatureQuery.all(LayerCatalog.load().require(layer)))
                        .drainTo(f -> {
                            Object name = f.properties().get("name");
                            if (name != null) {
                                texts.add(name.toString());
                            }
                        });
            }
        }
        Random random = new Random(16);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            while (s.length() < 12) {
                int cp = random.nextInt(4) == 0 ? 0x300 + random.nextInt(0x70) : 0x20 + random.nextInt(0x2000);
                if (Character.isDefined(cp)) { // as above: PostgreSQL may know characters this JDK does not
                    s.appendCodePoint(cp);
                }
            }
            texts.add(s.toString());
        }
        int n = texts.size();
        for (int i = 0; i < n; i++) {
            texts.add(Normalizer.normalize(texts.get(i), Normalizer.Form.NFD));
        }
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT t, ruralatlas.accenti(t), ruralatlas.casei(t) FROM unnest(?::text[]) t")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "text", texts.stream().filter(t -> t.indexOf(0) < 0).toArray()));
            int checked = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    assertThat(rs.getString(2)).as("accenti(%s)", t).isEqualTo(VietnameseText.accentInsensitive(t));
                    assertThat(rs.getString(3)).as("casei(%s)", t).isEqualTo(VietnameseText.caseInsensitive(t));
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(10_000);
        }
    }

    @Test
    void hoaFoldsAlikeHoweverItIsTyped() {
        String key = VietnameseText.caseInsensitive(VietnameseText.accentInsensitive("Hoà"));
        for (String typed : List.of(
                "Hòa",
                "hoà",
                "HOA",
                "hoa",
                Normalizer.normalize("Hoà", Normalizer.Form.NFD),
                Normalizer.normalize("HÒA", Normalizer.Form.NFD))) {
            assertThat(VietnameseText.caseInsensitive(VietnameseText.accentInsensitive(typed)))
                    .isEqualTo(key);
        }
        assertThat(VietnameseText.accentInsensitive("Đắk Ơ")).isEqualTo("Dak O");
        assertThat(VietnameseText.caseInsensitive("ΟΔΟΣ")).isEqualTo(VietnameseText.caseInsensitive("οδοσ"));
    }
}
