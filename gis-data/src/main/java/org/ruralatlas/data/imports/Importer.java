package org.ruralatlas.data.imports;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.edit.EditProblem;
import org.ruralatlas.data.edit.FeatureEdits;
import org.ruralatlas.data.edit.FeatureValidator;
import org.ruralatlas.data.edit.Provinces;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.CrsTransform;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports a file into a layer: every row mapped to the layer's properties, its geometry
 * reprojected to CRS84, checked as an edit is (the layer's schema, a valid geometry inside
 * Vietnam and in its {@code province_code}) and against the importer's provinces, then streamed
 * into the store in one transaction that commits only when every row was accepted and no id exists
 * already: all or nothing. A dry run goes the same way and never commits. Rows go through one at a
 * time: memory stays bounded whatever the file's size.
 */
public final class Importer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FeatureEdits edits;
    private final Provinces provinces;
    private final FeatureValidator validator;

    /** An importer placing rows among {@code provinces} as they are now (read once into memory). */
    public Importer(FeatureEdits edits, Provinces provinces) {
        this.edits = edits;
        this.provinces = provinces.indexed();
        this.validator = new FeatureValidator(this.provinces);
    }

    /**
     * The rows of {@code file} in {@code format}; a zipped shapefile is unpacked and converted in
     * {@code scratch} (an empty folder the caller deletes).
     */
    public static ImportReader open(
            Path file, ImportFormat format, String table, Path scratch, ShapefileArchive.Limits limits) {
        return switch (format) {
            case GEOJSON -> new GeoJsonImportReader(file);
            case CSV -> new CsvImportReader(file);
            case GEOPACKAGE -> new GeoPackageImportReader(file, table);
            case SHAPEFILE -> {
                ShapefileArchive.Converted c = ShapefileArchive.convert(file, scratch, limits);
                GeoPackageImportReader rows = new GeoPackageImportReader(c.geopackage(), null);
                yield c.crs().isEmpty() ? rows : new DeclaredCrs(rows, c.crs().get());
            }
        };
    }

    /**
     * Imports the rows of {@code reader} into {@code layer}; {@code progress} hears the number of
     * rows read as they are read.
     */
    public ImportReport run(Layer layer, ImportReader reader, ImportOptions options, LongConsumer progress) {
        Crs crs = options.crs() != null ? options.crs() : reader.declaredCrs().orElse(Crs.CRS84);
        Checked rows = new Checked(layer, reader, crs, options, progress);
        FeatureEdits.Inserted inserted =
                edits.insertAll(layer, options.actor(), rows, () -> !options.dryRun() && rows.clean());
        long conflicts = inserted.conflicts();
        for (String id : inserted.conflictIds()) {
            rows.problem(
                    0,
                    layer.idProperty(),
                    "a feature " + id + " exists already in " + layer.id()
                            + " or comes twice in the file; an import adds new features only");
        }
        return new ImportReport(
                layer.id(),
                options.dryRun(),
                rows.read,
                rows.accepted - conflicts,
                rows.rejected + conflicts,
                List.copyOf(rows.problems),
                rows.box.isNull() ? null : Bbox.of(rows.box),
                crs.uri(),
                List.copyOf(rows.ignored),
                inserted.committed());
    }

    /** The accepted rows as features, counting and noting the rejected ones as it goes. */
    private final class Checked implements Iterator<Feature> {

        private final Layer layer;
        private final ImportReader reader;
        private final CrsTransform transform;
        private final Crs crs;
        private final ImportOptions options;
        private final LongConsumer progress;
        private final List<ImportProblem> problems = new ArrayList<>();
        private final Set<String> ignored = new TreeSet<>();
        private final Envelope box = new Envelope();
        private long read;
        private long accepted;
        private long rejected;
        private boolean broken;
        private Feature next;

        Checked(Layer layer, ImportReader reader, Crs crs, ImportOptions options, LongConsumer progress) {
            this.layer = layer;
            this.reader = reader;
            this.transform = CrsTransform.toCrs84(crs);
            this.crs = crs;
            this.options = options;
            this.progress = progress;
        }

        boolean clean() {
            return rejected == 0 && !broken;
        }

        void problem(long row, String property, String detail) {
            if (problems.size() < ImportReport.MAX_PROBLEMS) {
                problems.add(new ImportProblem(row, property, detail));
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && !broken) {
                ImportRow row;
                try {
                    if (!reader.hasNext()) {
                        return false;
                    }
                    row = reader.next();
                } catch (MalformedImportException e) {
                    broken = true;
                    problem(read + 1, "file", e.getMessage());
                    return false;
                }
                progress.accept(++read);
                next = check(row);
            }
            return next != null;
        }

        @Override
        public Feature next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Feature f = next;
            next = null;
            return f;
        }

        /** The row as a feature of the layer, or null when rejected (and noted). */
        private Feature check(ImportRow row) {
            ObjectNode properties = JSON.createObjectNode();
            for (Map.Entry<String, Object> e : row.values().entrySet()) {
                String name = options.mapping().property(layer, e.getKey());
                if (name == null) {
                    ignored.add(e.getKey());
                } else {
                    properties.set(name, ImportValues.json(layer.property(name).orElseThrow(), e.getValue()));
                }
            }
            String id = id(row, properties);
            Geometry g = single(row.geometry());
            String geometryProblem = row.geometryProblem();
            if (g != null && geometryProblem == null) {
                try {
                    g = transform.apply(g);
                } catch (RuntimeException e) {
                    geometryProblem = "the geometry cannot be reprojected from " + crs.uri() + ": " + e.getMessage();
                }
            }
            FeatureValidator.Checked checked = validator.check(layer, id, properties, g, geometryProblem, null);
            List<EditProblem> found = new ArrayList<>(checked.problems());
            if (checked.valid() && options.provinces() != null) {
                Set<String> codes = provinces.of(checked.feature());
                if (codes.isEmpty() || !options.provinces().containsAll(codes)) {
                    found.add(new EditProblem(
                            "province_code",
                            options.actor() + " may import into provinces " + String.join(", ", options.provinces())
                                    + " only; this feature lies in "
                                    + (codes.isEmpty() ? "no province" : String.join(", ", codes))));
                }
            }
            if (!found.isEmpty()) {
                rejected++;
                found.forEach(p -> problem(row.number(), p.property(), p.detail()));
                return null;
            }
            accepted++;
            box.expandToInclude(checked.feature().geometry().getEnvelopeInternal());
            return checked.feature();
        }

        /** A multi-geometry of one member (as shapefiles and GeoPackages often hold points) as that member. */
        private static Geometry single(Geometry g) {
            return g instanceof org.locationtech.jts.geom.GeometryCollection c
                            && !(g instanceof org.locationtech.jts.geom.MultiPolygon)
                            && c.getNumGeometries() == 1
                    ? c.getGeometryN(0)
                    : g;
        }

        /** The row's id: its id property, else the feature's id (GeoJSON), else a new random one. */
        private String id(ImportRow row, ObjectNode properties) {
            var given = properties.get(layer.idProperty());
            if (given != null && !given.isNull()) {
                return given.asString("");
            }
            if (row.id() != null && !row.id().isBlank()) {
                properties.put(layer.idProperty(), row.id());
                return row.id();
            }
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            String id = layer.id() + "-" + HexFormat.of().formatHex(random);
            properties.put(layer.idProperty(), id);
            return id;
        }
    }

    /** A reader whose CRS is known from outside it (a shapefile's .prj). */
    private record DeclaredCrs(ImportReader rows, Crs crs) implements ImportReader {
        @Override
        public Optional<Crs> declaredCrs() {
            return Optional.of(crs);
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public ImportRow next() {
            return rows.next();
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
