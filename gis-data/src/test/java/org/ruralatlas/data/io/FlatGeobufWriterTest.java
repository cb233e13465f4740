package org.ruralatlas.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

/** FlatGeobuf files as GDAL reads them: every feature, its values, and a spatial index GDAL uses. */
@IntegrationTest
class FlatGeobufWriterTest {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    @Test
    void gdalReadsEveryFeatureAndSearchesTheIndex(@TempDir Path dir) throws Exception {
        Layer farms = LayerCatalog.load().require("farms");
        Random random = new Random(7);
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("farm_id", "farm-" + i);
            p.put("name", "Trang trại số " + i);
            p.put("area_ha", i / 4.0);
            p.put("certifications", List.of("VietGAP"));
            p.put("sample", i % 2 == 0);
            features.add(new Feature(
                    "farm-" + i,
                    GEOMETRY.createPoint(new Coordinate(102 + 8 * random.nextDouble(), 8 + 15 * random.nextDouble())),
                    p));
        }
        Path file = dir.resolve("farms.fgb");
        assertThat(FlatGeobufWriter.write(farms, features.iterator(), file)).isEqualTo(5000);

        String all = gdal("ogrinfo", "-ro", "-so", "-al", file.toString());
        assertThat(all)
                .contains("Feature Count: 5000")
                .contains("farm_id: String")
                .contains("area_ha: Real");

        // a window of one degree: GDAL walks the index and reads only the features it finds
        long inWindow = features.stream()
                .filter(f -> f.geometry().getCoordinate().x >= 105
                        && f.geometry().getCoordinate().x <= 106
                        && f.geometry().getCoordinate().y >= 15
                        && f.geometry().getCoordinate().y <= 16)
                .count();
        assertThat(gdal(
                        "/usr/bin/python3",
                        "-c",
                        "from osgeo import ogr; import sys; "
                                + "ds = ogr.Open(sys.argv[1]); print('fast spatial filter:', ds.GetLayer(0).TestCapability(ogr.OLCFastSpatialFilter))",
                        file.toString()))
                .contains("fast spatial filter: True");
        String window = gdal("ogrinfo", "-ro", "-al", "-q", "-spat", "105", "15", "106", "16", file.toString());
        assertThat(window.split("OGRFeature\\(farms\\)", -1)).hasSize((int) inWindow + 1);

        // the index sorted in ten runs and merged: the same file, and GDAL's windows find exactly their farms
        Path merged = dir.resolve("merged.fgb");
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(merged)) {
            assertThat(FlatGeobufWriter.write(farms, features.iterator(), out, dir, 500))
                    .isEqualTo(5000);
        }
        assertThat(merged).hasSameBinaryContentAs(file);
        for (double[] w :
                new double[][] {{105, 15, 106, 16}, {102, 8, 102.5, 9}, {109.2, 22, 110, 23}, {103, 10, 104, 20}}) {
            Set<String> expected = features.stream()
                    .filter(f -> f.geometry().getCoordinate().x >= w[0]
                            && f.geometry().getCoordinate().x <= w[2]
                            && f.geometry().getCoordinate().y >= w[1]
                            && f.geometry().getCoordinate().y <= w[3])
                    .map(Feature::id)
                    .collect(Collectors.toSet());
            String found = gdal(
                    "ogrinfo",
                    "-ro",
                    "-al",
                    "-q",
                    "-spat",
                    Double.toString(w[0]),
                    Double.toString(w[1]),
                    Double.toString(w[2]),
                    Double.toString(w[3]),
                    merged.toString());
            assertThat(Pattern.compile("farm_id \\(String\\) = (\\S+)")
                            .matcher(found)
                            .results()
                            .map(m -> m.group(1))
                            .toList())
                    .as("window %s", Arrays.toString(w))
                    .doesNotHaveDuplicates()
                    .hasSizeGreaterThan(10)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        String one = gdal("ogrinfo", "-ro", "-al", "-q", "-where", "farm_id = 'farm-42'", file.toString());
        assertThat(one)
                .contains("name (String) = Trang trại số 42")
                .contains("area_ha (Real) = 10.5")
                .contains("sample (Integer(Boolean)) = 1")
                .contains("POINT (");
    }

    static String gdal(String... command) throws Exception {
        TestDatabase.requireIntegrationRun("GDAL (" + command[0] + ")");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
