package org.ruralatlas.data.store.geopackage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;

/**
 * A GeoPackage written twice from the same features and data time is the same file, byte for
 * byte, whenever it is written: replicas each make a download's file and a client resumes on one
 * what another began (issue 18). Its {@code last_change} is the data's, not the writer's clock.
 */
class GeoPackageWriterTest {

    private static final Layer TOURISM = LayerCatalog.load().require("tourism");

    @Test
    void theSameFeaturesAndDataTimeMakeTheSameBytesWhoeverWritesThemAndWhen(@TempDir Path dir) throws Exception {
        Instant changed = Instant.parse("2025-07-01T03:04:05.678Z");
        Path first = dir.resolve("first.gpkg");
        Path second = dir.resolve("second.gpkg");
        GeoPackageWriter.write(first, Map.of(TOURISM, () -> sites().iterator()), changed);
        Thread.sleep(20); // the library's clock, had it leaked in, has moved on
        GeoPackageWriter.write(second, Map.of(TOURISM, () -> sites().iterator()), changed);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + first);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT last_change FROM gpkg_contents WHERE table_name = 'tourism'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2025-07-01T03:04:05.678Z");
        }
    }

    private static List<Feature> sites() {
        GeometryFactory gf = new GeometryFactory();
        List<Feature> sites = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Map<String, Object> p = new java.util.HashMap<>();
            p.put("site_id", "S" + i);
            p.put("name", "Làng nghề " + i);
            p.put("category", "craft_village");
            sites.add(new Feature("S" + i, gf.createPoint(new Coordinate(105 + i * 0.001, 21 + i * 0.0005)), p));
        }
        return sites;
    }
}
