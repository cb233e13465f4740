package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;

/** The API on the zero-configuration default: the embedded sample GeoPackage. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ruralatlas.admin.token=" + Http.ADMIN_TOKEN, "ruralatlas.downloads.burst=100000"})
class GeoPackageApiTest extends ApiContract
        implements SearchApiContract,
                EdgeContract,
                FuzzContract,
                FilterContract,
                FilterFuzzContract,
                PagingContract,
                ErrorPageContract {

    @org.springframework.beans.factory.annotation.Autowired
    org.ruralatlas.data.store.FeatureStore store;

    /**
     * A quarter of PostGIS's ten thousand: the embedded store scans a layer per filter (8 ms each
     * against PostGIS's 4), and gis-data's Cql2FuzzTest already evaluates 12,000 filters in Java.
     */
    @Override
    public int filterFuzzCount() {
        return 2_500;
    }

    private java.sql.Connection geopackage() throws java.sql.SQLException {
        java.nio.file.Path file = store.as(org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore.class)
                .orElseThrow()
                .file();
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setBusyTimeout(10_000);
        java.sql.Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        org.ruralatlas.data.store.geopackage.GeoPackageSqlFunctions.register(c);
        return c;
    }

    /** As sqlite3 would: a copy of the row, its R-tree entry made by the file's own triggers. */
    @Override
    public void copyFarms(String fromId, java.util.Map<String, Double> areas, String growingAreaCode) throws Exception {
        try (java.sql.Connection c = geopackage()) {
            c.setAutoCommit(false);
            List<String> columns = new ArrayList<>();
            try (java.sql.ResultSet rs = c.createStatement().executeQuery("PRAGMA table_info(farms)")) {
                while (rs.next()) {
                    if (!rs.getString("name").equals("fid")) {
                        columns.add('"' + rs.getString("name") + '"');
                    }
                }
            }
            String values = String.join(
                    ", ",
                    columns.stream()
                            .map(n -> switch (n) {
                                case "\"farm_id\"", "\"growing_area_code\"", "\"area_ha\"" -> "?";
                                default -> n;
                            })
                            .toList());
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO farms (" + String.join(", ", columns)
                    + ") SELECT " + values + " FROM farms WHERE farm_id = ?")) {
                for (java.util.Map.Entry<String, Double> e : areas.entrySet()) {
                    int i = 1;
                    for (String n : columns) {
                        switch (n) {
                            case "\"farm_id\"" -> ps.setString(i++, e.getKey());
                            case "\"growing_area_code\"" -> ps.setString(i++, growingAreaCode);
                            case "\"area_ha\"" -> ps.setObject(i++, e.getValue());
                            default -> {}
                        }
                    }
                    ps.setString(i, fromId);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
            c.commit();
        }
    }

    @Override
    public void deleteFarms(java.util.Collection<String> ids) throws Exception {
        try (java.sql.Connection c = geopackage();
                java.sql.PreparedStatement ps = c.prepareStatement("DELETE FROM farms WHERE farm_id = ?")) {
            c.setAutoCommit(false);
            for (String id : ids) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    @Test
    void runsOnTheEmbeddedGeoPackageWithoutConfiguration() {
        JsonNode health = Http.asAdmin(url("/actuator/health")).json();
        assertThat(health.get("components")
                        .get("featureStore")
                        .get("details")
                        .get("store")
                        .asString())
                .startsWith("GeoPackage ");
    }

    @Test
    void webjarsAreKeptForAYearAndTheViewersOwnFilesRevalidate() {
        Http.Reply ol = Http.get(url("/webjars/ol/10.7.0/dist/ol.js"));
        assertThat(ol.status()).isEqualTo(200);
        assertThat(ol.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
        Http.Reply viewer = Http.get(url("/viewer.js"));
        assertThat(viewer.header("Cache-Control")).isEqualTo("no-cache");
        Http.Reply again = Http.get(url("/viewer.js"), "If-Modified-Since", viewer.header("Last-Modified"));
        assertThat(again.status()).isEqualTo(304);
    }

    /**
     * The pages' scripts are ES modules: a browser runs one only when served with a JavaScript
     * type, and fetches it in CORS mode (a page of another origin, or behind a proxy, needs the
     * CORS header). Each revalidates by Last-Modified, and the larger ones go gzipped.
     */
    @Test
    void everyScriptOfThePagesIsJavaScriptForAnyOriginThatRevalidates() throws IOException {
        List<String> scripts = new ArrayList<>();
        for (Resource r :
                new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/resources/**/*.js")) {
            String u = r.getURL().toString();
            if (!u.contains("/webjars/")) {
                scripts.add(u.substring(u.indexOf("META-INF/resources/") + "META-INF/resources/".length()));
            }
        }
        assertThat(scripts)
                .contains(
                        "viewer.js",
                        "planner.js",
                        "trace.js",
                        "survey.js",
                        "js/api.js",
                        "js/i18n.js",
                        "js/viewer/map.js");
        for (String script : scripts) {
            Http.BinaryReply r =
                    Http.bytes(url("/" + script), "Origin", "https://elsewhere.example", "Accept-Encoding", "gzip");
            assertThat(r.status()).as(script).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(script).startsWith("text/javascript");
            assertThat(r.header("Access-Control-Allow-Origin")).as(script).isEqualTo("*");
            assertThat(r.header("Cache-Control")).as(script).isEqualTo("no-cache");
            assertThat(Http.get(url("/" + script), "If-Modified-Since", r.header("Last-Modified"))
                            .status())
                    .as(script)
                    .isEqualTo(304);
            if (Http.bytes(url("/" + script)).body().length >= 2048) {
                assertThat(r.header("Content-Encoding")).as(script).isEqualTo("gzip");
            }
        }
    }
}
