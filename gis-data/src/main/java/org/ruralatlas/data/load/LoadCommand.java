package org.ruralatlas.data.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.postgresql.ds.PGSimpleDataSource;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.io.GeoJsonFeatureReader;
import org.ruralatlas.data.io.ScratchFolder;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.store.postgis.PostgisSchema;
import org.ruralatlas.data.store.postgis.PostgisWriter;

/**
 * {@code load}: creates or upgrades the RuralAtlas schema in a PostGIS database and loads the
 * bundled sample, a GeoPackage of RuralAtlas layers, or a GeoJSON file of one layer, all in one
 * transaction, streamed through {@code COPY} (see {@link PostgisWriter}) with its progress on
 * stderr. Loading the same input again leaves the same rows (upsert on the feature id).
 */
public final class LoadCommand {

    static final String USAGE = """
            usage: load --db-url=jdbc:postgresql://HOST[:PORT]/DB [--db-user=U] [--db-password=P] [FILE [--layer=ID]]
              FILE   a GeoPackage (.gpkg) with RuralAtlas layer tables, or a GeoJSON FeatureCollection
                     (.geojson/.json) of the layer named by --layer; without FILE the bundled sample is loaded
              --migrate-only   create or upgrade the schema, load nothing
            environment: RURALATLAS_DB_URL, RURALATLAS_DB_USER, RURALATLAS_DB_PASSWORD""";

    private LoadCommand() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command; returns the process exit code (0 ok, 1 failed, 2 bad usage). */
    public static int run(String[] args) {
        if (List.of(args).contains("--help")
                || List.of(args).contains("-h")
                || List.of(args).equals(List.of("help"))) {
            System.out.println(USAGE);
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        try {
            long start = System.nanoTime();
            Map<String, Long> counts = load(options);
            System.out.printf(
                    Locale.ROOT,
                    "load: %s into %s in %.1f s%n",
                    counts.isEmpty() ? "schema ready" : counts,
                    redact(options.url()),
                    (System.nanoTime() - start) / 1e9);
            return 0;
        } catch (FeatureStoreException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("load: " + e.getMessage());
            return 1;
        }
    }

    static Map<String, Long> load(Options o) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        try {
            ds.setUrl(o.url());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--db-url is not a PostgreSQL JDBC URL: " + redact(o.url()));
        }
        if (o.user() != null) {
            ds.setUser(o.user());
        }
        if (o.password() != null) {
            ds.setPassword(o.password());
        }
        ds.setApplicationName("ruralatlas-load");
        new PostgisSchema(ds).migrate();
        if (o.migrateOnly()) {
            return Map.of();
        }
        LayerCatalog catalog = LayerCatalog.load();
        PostgisWriter writer = new PostgisWriter(ds);
        if (o.file() == null) {
            try (ScratchFolder scratch = new ScratchFolder("ruralatlas-load-")) {
                return fromGeoPackage(
                        catalog, writer, SampleData.copyTo(scratch.path().resolve("ruralatlas-sample.gpkg")), true);
            }
        }
        String name = o.file().getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isReadable(o.file())) {
            throw new IllegalArgumentException("cannot read " + o.file());
        }
        if (name.endsWith(".gpkg")) {
            return fromGeoPackage(catalog, writer, o.file(), false);
        }
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            if (o.layer() == null) {
                throw new IllegalArgumentException("a GeoJSON file needs --layer=ID (one of "
                        + catalog.all().stream().map(Layer::id).toList() + ")");
            }
            Layer layer = catalog.layer(o.layer())
                    .orElseThrow(() -> new IllegalArgumentException("unknown layer " + o.layer() + "; known: "
                            + catalog.all().stream().map(Layer::id).toList()));
            Map<Layer, Supplier<? extends Iterator<Feature>>> input = new LinkedHashMap<>();
            input.put(layer, () -> {
                try {
                    InputStream in = Files.newInputStream(o.file());
                    return GeoJsonFeatureReader.read(layer, in);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + o.file() + ": " + e.getMessage());
                }
            });
            return writer.upsert(input, new LoadProgress(System.err));
        }
        throw new IllegalArgumentException(
                "FILE must be a GeoPackage (.gpkg) or GeoJSON (.geojson, .json): " + o.file());
    }

    private static Map<String, Long> fromGeoPackage(
            LayerCatalog catalog, PostgisWriter writer, Path file, boolean whole) {
        try (GeoPackageFeatureStore source = new GeoPackageFeatureStore(file)) {
            Map<Layer, Supplier<? extends Iterator<Feature>>> input = new LinkedHashMap<>();
            List<String> tables = source.tables();
            for (Layer layer : catalog.all()) {
                if (tables.contains(layer.id())) {
                    input.put(layer, () -> source.scan(layer));
                } else if (whole) {
                    throw new IllegalStateException("the sample has no " + layer.id() + " table");
                }
            }
            if (input.isEmpty()) {
                throw new IllegalArgumentException(file + " has no table named as a RuralAtlas layer "
                        + catalog.all().stream().map(Layer::id).toList());
            }
            return writer.upsert(input, new LoadProgress(System.err));
        }
    }

    static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    record Options(String url, String user, String password, Path file, String layer, boolean migrateOnly) {

        static Options parse(String[] args) {
            String url = System.getenv("RURALATLAS_DB_URL");
            String user = System.getenv("RURALATLAS_DB_USER");
            String password = System.getenv("RURALATLAS_DB_PASSWORD");
            Path file = null;
            String layer = null;
            boolean migrateOnly = false;
            List<String> rest = new ArrayList<>(List.of(args));
            for (String a : rest) {
                if (a.startsWith("--db-url=")) {
                    url = a.substring(9);
                } else if (a.startsWith("--db-user=")) {
                    user = a.substring(10);
                } else if (a.startsWith("--db-password=")) {
                    password = a.substring(14);
                } else if (a.startsWith("--layer=")) {
                    layer = a.substring(8);
                } else if (a.equals("--migrate-only")) {
                    migrateOnly = true;
                } else if (a.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option " + a);
                } else if (file == null) {
                    file = Path.of(a);
                } else {
                    throw new IllegalArgumentException("only one FILE can be loaded at a time");
                }
            }
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("--db-url (or RURALATLAS_DB_URL) is required");
            }
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException(
                        "--db-url must start with jdbc:postgresql: (got " + redact(url) + ")");
            }
            return new Options(url, user, password, file, layer, migrateOnly);
        }
    }
}
