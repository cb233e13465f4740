package org.ruralatlas.data.sample;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.catalog.PropertyType;
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
        indexQueryables(target, catalog.all());
        stampDate(target);
        return counts;
    }

    /**
     * An index on every queryable property of one value (a list's JSON text is not compared whole),
     * as PostGIS has on the record tables: the embedded store answers equality filters in SQLite,
     * and a commune's NTM answer alone looks up its commune, assessments, criteria and lineage by
     * them (without, each scans its table). Only the sample: a download's file is written for
     * reading once, where indexes would only cost time.
     */
    private static void indexQueryables(Path file, List<Layer> layers) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                java.sql.Statement s = c.createStatement()) {
            for (Layer layer : layers) {
                for (PropertySpec p : layer.queryables()) {
                    if (!p.name().equals(layer.idProperty()) && SCALAR.contains(p.type())) {
                        s.execute("CREATE INDEX " + quote(layer.id() + "_" + p.name() + "_idx") + " ON "
                                + quote(layer.id()) + " (" + quote(p.name()) + ")");
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot index the sample " + file + ": " + e.getMessage(), e);
        }
    }

    private static final Set<PropertyType> SCALAR = EnumSet.of(
            PropertyType.STRING, PropertyType.INTEGER, PropertyType.NUMBER, PropertyType.BOOLEAN, PropertyType.DATE);

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
