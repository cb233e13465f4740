package org.ruralatlas.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.edit.FeatureEdits;
import org.ruralatlas.data.edit.Provinces;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.ImportCrs;
import org.ruralatlas.data.imports.AttributeMapping;
import org.ruralatlas.data.imports.ImportFormat;
import org.ruralatlas.data.imports.ImportOptions;
import org.ruralatlas.data.imports.ImportReader;
import org.ruralatlas.data.imports.ImportReport;
import org.ruralatlas.data.imports.Importer;
import org.ruralatlas.data.imports.MalformedImportException;
import org.ruralatlas.data.imports.ShapefileArchive;
import org.ruralatlas.data.imports.UnsupportedImportException;
import org.ruralatlas.data.io.ScratchFolder;
import org.ruralatlas.server.imports.ImportCommandContext;
import org.ruralatlas.server.imports.ImportProperties;
import org.ruralatlas.server.imports.ImportReportJson;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar ruralatlas.jar import --collection farms FILE [--dry-run] [--crs EPSG:…]
 * [--mapping col:prop,…] [--format …] [--table NAME] [--actor NAME] [--SETTING=VALUE …]}: the
 * same import as {@code POST /collections/{id}/imports}, run by an administrator on the server's
 * machine into the store a server with the same settings uses, with a progress line on stderr and
 * the report on stdout. Exit 0 when written (or a clean dry run), 1 when refused, 2 on a mistake
 * in the command line. Only what an import needs is started ({@link ImportCommandContext}): no web
 * server, search index, tile cache or change feed.
 */
public final class ImportCommand {

    static final String USAGE = """
            usage: java -jar ruralatlas.jar import --collection ID FILE [--dry-run] [--crs EPSG:CODE]
                     [--mapping COLUMN:PROPERTY,...] [--format geojson|csv|gpkg|shapefile] [--table NAME]
                     [--actor NAME] [--SETTING=VALUE ...]
              --collection  the layer to import into (farms, tourism, ...)
              FILE          GeoJSON, CSV (lon/lat or WKT columns), GeoPackage or a zipped shapefile (needs GDAL)
              --dry-run     check every row and print the report; write nothing
              --crs         the file's CRS when it does not say (EPSG:3405, EPSG:9210, ...); default CRS84
              --mapping     which column fills which property, where the names differ
              --actor       the name the audit gives the import (default: ruralatlas import)
              SETTING       the server's own settings (--ruralatlas.db.url=..., --ruralatlas.geopackage.path=...)
            prints the report as JSON; exit 0 written (or a clean dry run), 1 refused, 2 a mistake here""";

    static final String ACTOR = "ruralatlas import";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImportCommand() {}

    /** What was asked: the options as given, and the server settings. */
    private record Request(
            String collection,
            Path file,
            boolean dryRun,
            String crs,
            String mapping,
            String format,
            String table,
            String actor,
            String[] settings) {}

    /** Runs the command; the exit code (0 done, 1 not done, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Request r;
        try {
            r = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (ConfigurableApplicationContext ctx = start(r.settings())) {
            return run(r, ctx, out, err);
        }
    }

    /** The import's own context ({@link ImportCommandContext}), bound from the server's {@code settings}. */
    static ConfigurableApplicationContext start(String... settings) {
        SpringApplication app = new SpringApplication(ImportCommandContext.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        return app.run(settings);
    }

    private static Request parse(String[] args) {
        String collection = null;
        Path file = null;
        boolean dryRun = false;
        String[] values = new String[5]; // crs, mapping, format, table, actor
        List<String> names = List.of("crs", "mapping", "format", "table", "actor");
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String option = a.startsWith("--") ? a.substring(2).split("=", 2)[0] : null;
            if (option == null) {
                if (file != null) {
                    throw new IllegalArgumentException("one FILE only; unexpected " + a);
                }
                file = Path.of(a);
            } else if (option.equals("dry-run")) {
                dryRun = true;
            } else if (option.equals("collection") || names.contains(option)) {
                String value =
                        a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : null;
                if (value == null || value.isEmpty() || value.startsWith("--")) {
                    throw new IllegalArgumentException("--" + option + " needs a value");
                }
                if (option.equals("collection")) {
                    collection = value;
                } else {
                    values[names.indexOf(option)] = value;
                }
            } else if (option.contains(".") && a.contains("=")) {
                settings.add(a);
            } else {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (collection == null || file == null) {
            throw new IllegalArgumentException("give --collection ID and the FILE to import");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + file);
        }
        return new Request(
                collection,
                file,
                dryRun,
                values[0],
                values[1],
                values[2],
                values[3],
                values[4] == null ? ACTOR : values[4],
                settings.toArray(String[]::new));
    }

    private static int run(Request r, ConfigurableApplicationContext ctx, PrintStream out, PrintStream err) {
        Layer layer = ctx.getBean(LayerCatalog.class)
                .layer(r.collection())
                .filter(Layer::isCollection)
                .orElse(null);
        if (layer == null) {
            err.println("import: no collection " + r.collection());
            return 2;
        }
        ImportOptions options;
        ImportFormat format;
        try {
            Crs crs = r.crs() == null
                    ? null
                    : ImportCrs.byCode(r.crs())
                            .orElseThrow(() ->
                                    new IllegalArgumentException("--crs " + r.crs() + " is not one an import reads"));
            format = r.format() == null
                    ? ImportFormat.sniff(r.file())
                    : ImportFormat.byName(r.format())
                            .orElseThrow(
                                    () -> new IllegalArgumentException("--format is geojson, csv, gpkg or shapefile"));
            options = new ImportOptions(crs, AttributeMapping.parse(r.mapping(), layer), r.dryRun(), r.actor(), null);
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
            return 2;
        }
        ImportProperties limits = ctx.getBean(ImportProperties.class);
        Progress progress = new Progress(err);
        try (ScratchFolder scratch = new ScratchFolder("ruralatlas-import-");
                ImportReader reader = Importer.open(
                        r.file(),
                        format,
                        r.table(),
                        scratch.path(),
                        new ShapefileArchive.Limits(
                                limits.maxZipEntries(), limits.maxUnzipped().toBytes()))) {
            ImportReport report = new Importer(ctx.getBean(FeatureEdits.class), ctx.getBean(Provinces.class))
                    .run(layer, reader, options, progress);
            progress.end(report);
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ImportReportJson.of(report)));
            return report.written() || r.dryRun() && report.clean() ? 0 : 1;
        } catch (MalformedImportException | UnsupportedImportException e) {
            err.println("\nimport: " + e.getMessage() + "; nothing was written");
            return 1;
        } catch (RuntimeException e) {
            err.println("\nimport: failed, nothing was written: " + e.getMessage());
            return 1;
        }
    }

    /** "import: 12,345 rows read" on stderr, at most about ten times a second. */
    private static final class Progress implements java.util.function.LongConsumer {
        private final PrintStream err;
        private final long start = System.nanoTime();
        private long last;

        Progress(PrintStream err) {
            this.err = err;
        }

        @Override
        public void accept(long rows) {
            long now = System.nanoTime();
            if (now - last > 100_000_000L) {
                last = now;
                err.printf(Locale.ROOT, "\rimport: %,d rows read, %.0f s", rows, (now - start) / 1e9);
            }
        }

        void end(ImportReport report) {
            err.printf(
                    Locale.ROOT,
                    "\rimport: %,d rows read, %,d accepted, %,d rejected in %.1f s; %s%n",
                    report.rowsRead(),
                    report.accepted(),
                    report.rejected(),
                    (System.nanoTime() - start) / 1e9,
                    report.written() ? "written" : report.dryRun() ? "dry run, nothing written" : "nothing written");
        }
    }
}
