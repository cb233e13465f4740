package org.ruralatlas.data.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ruralatlas.data.io.GeoJsonFeatureReader;
import org.ruralatlas.data.io.GeoJsonGeometries;

/** Reads the bundled source files (gzipped GeoJSON of the 2025 units and GeoNames places, fact tables). */
final class SampleSources {

    private final Path dir;

    SampleSources(Path dir) {
        this.dir = dir;
    }

    List<AdminUnit> provinces() {
        List<AdminUnit> out = new ArrayList<>();
        for (org.geojson.Feature f : geojson("vn_provinces_2025_light.geojson.gz")) {
            Map<String, Object> p = f.getProperties();
            out.add(new AdminUnit(
                    str(p, "code"),
                    str(p, "name"),
                    str(p, "name_en"),
                    "Thành phố".equals(p.get("unit_type")) ? "thanh_pho" : "tinh",
                    str(p, "code"),
                    str(p, "name"),
                    num(p, "area_km2"),
                    ((Number) p.get("ward_count")).longValue(),
                    str(p, "before_merger"),
                    GeoJsonGeometries.toJts(f.getGeometry())));
        }
        return out;
    }

    List<AdminUnit> communes() {
        List<AdminUnit> out = new ArrayList<>();
        for (org.geojson.Feature f : geojson("vn_communes_2025_light.geojson.gz")) {
            Map<String, Object> p = f.getProperties();
            String type = switch (str(p, "unit_type")) {
                case "Xã" -> "xa";
                case "Phường" -> "phuong";
                case "Thị trấn" -> "thi_tran";
                case "Đặc khu" -> "dac_khu";
                default -> throw new IllegalStateException("unknown unit type " + p.get("unit_type"));
            };
            out.add(new AdminUnit(
                    str(p, "code"),
                    str(p, "name"),
                    str(p, "name_en"),
                    type,
                    str(p, "province_code"),
                    str(p, "province_name"),
                    num(p, "area_km2"),
                    null,
                    str(p, "before_merger"),
                    GeoJsonGeometries.toJts(f.getGeometry())));
        }
        return out;
    }

    List<org.geojson.Feature> places() {
        return geojson("vn_places_geonames.geojson.gz");
    }

    List<CSVRecord> csv(String name) {
        try (Reader r = Files.newBufferedReader(dir.resolve(name), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(r)
                    .getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<org.geojson.Feature> geojson(String name) {
        try {
            InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(name)));
            return GeoJsonFeatureReader.readRaw(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }

    private static Double num(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : ((Number) v).doubleValue();
    }
}
