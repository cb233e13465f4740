package org.ruralatlas.data.sample;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.geopackage.GeoPackageWriter;

/**
 * Builds the embedded sample GeoPackage from the bundled sources; run by the gis-data build
 * ({@code exec:java}) so the jar carries a ready file. Same sources and seed, same file content.
 */
public final class SampleDataBuilder {

    /** Farms to generate; the issue asks for at least 2,000. */
    static final int FARMS = 2400;

    private SampleDataBuilder() {}

    /** Arguments: the sources folder, the GeoPackage to write. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SampleDataBuilder <sources dir> <output.gpkg>");
            System.exit(2);
        }
        long start = System.nanoTime();
        Map<String, Long> counts = build(Path.of(args[0]), Path.of(args[1]));
        System.out.printf("sample GeoPackage %s: %s (%.1f s)%n", args[1], counts, (System.nanoTime() - start) / 1e9);
    }

    static Map<String, Long> build(Path sources, Path target) {
        LayerCatalog catalog = LayerCatalog.load();
        SampleSources src = new SampleSources(sources);
        List<AdminUnit> provinces = src.provinces();
        List<AdminUnit> communes = src.communes();
        SampleGenerator gen = new SampleGenerator(provinces, communes);
        List<Feature> zones = gen.zones();
        Map<String, List<Feature>> byLayer = new LinkedHashMap<>();
        byLayer.put("farms", gen.farms(zones, FARMS));
        byLayer.put("zones", zones);
        List<Feature> communeFeatures = gen.communes();
        byLayer.put("communes", communeFeatures);
        byLayer.put("tourism", gen.tourism(src.places()));
        byLayer.put("provinces", gen.provinces(provinces));
        byLayer.put(
                "reported_province_figures",
                ReportedFacts.records(
                        catalog.require("reported_province_figures"), src.csv("reported_province_figures.csv")));
        byLayer.put(
                "historical_recognitions",
                ReportedFacts.recognitions(
                        catalog.require("historical_recognitions"), src.csv("historical_recognitions.csv"), communes));
        for (String records : List.of("ntm_criteria_sets", "ntm_criteria", "ntm_targets")) {
            byLayer.put(records, ReportedFacts.records(catalog.require(records), src.csv(records + ".csv")));
        }
        byLayer.put("ntm_assessments", gen.assessments(communeFeatures));
        List<Feature> lineage =
                new java.util.ArrayList<>(Lineage.provinces(src.csv("provinces_pre2025.csv"), provinces));
        lineage.addAll(Lineage.communes(communes));
        byLayer.put("unit_lineage", lineage);
        Map<Layer, Supplier<? extends Iterator<Feature>>> input = new LinkedHashMap<>();
        for (Layer layer : catalog.all()) {
            List<Feature> features = byLayer.get(layer.id());
            if (features == null) {
                throw new IllegalStateException("the sample has no data for layer " + layer.id());
            }
            input.put(layer, features::iterator);
        }
        Map<String, Long> counts = GeoPackageWriter.write(target, input);
        stampDate(target);
        return counts;
    }

    /** Every table's last change is the sample's stated date, not the time of the build. */
    private static void stampDate(Path file) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                java.sql.PreparedStatement ps = c.prepareStatement("UPDATE gpkg_contents SET last_change = ?")) {
            ps.setString(1, SampleData.DATE + "T00:00:00.000Z");
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot date the sample " + file + ": " + e.getMessage(), e);
        }
    }
}
