package org.ruralatlas.data.store.geopackage;

import static org.ruralatlas.data.store.FeatureRows.quote;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKBReader;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.MatchCount;
import org.ruralatlas.data.feature.PropertySelection;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.store.FeatureRows;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.JdbcFeatureCursor;
import org.ruralatlas.data.store.LayerVersion;

/**
 * The embedded store: an OGC GeoPackage read through SQLite. A bbox query takes candidates from
 * the table's R-tree (whose float boxes are a superset) and keeps those whose geometry really
 * intersects, tested with JTS; offset and limit apply after that exact test, so results match
 * PostGIS's {@code ST_Intersects} feature for feature.
 */
public final class GeoPackageFeatureStore implements FeatureStore {

    private static final GeometryFactory FACTORY =
            new GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 4326);

    private static final String VERSIONS = "ruralatlas_layer_versions";

    private final Path file;
    private final boolean counted;
    private final HikariDataSource pool;

    /** Reads a GeoPackage as it is (a file to load from, for instance): nothing in it is changed. */
    public GeoPackageFeatureStore(Path file) {
        this(file, false);
    }

    /**
     * The GeoPackage the server serves. When the file is writable it is put in WAL mode and given
     * a write counter per table (a table and triggers, as the PostGIS schema has), so a write by
     * any program changes only that layer's version: its ETags, tiles and downloads, not every
     * layer's. A read-only file is served as it is, versioned by the file's state.
     */
    public static GeoPackageFeatureStore served(Path file) {
        return new GeoPackageFeatureStore(
                file,
                Files.isWritable(file) && Files.isWritable(file.toAbsolutePath().getParent()));
    }

    private GeoPackageFeatureStore(Path file, boolean serveWritable) {
        if (!Files.isReadable(file)) {
            throw new FeatureStoreException("GeoPackage file " + file + " does not exist or is not readable");
        }
        this.file = file;
        if (serveWritable) {
            useWriteAheadLog(file);
            countWrites(file);
        }
        this.counted = serveWritable;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        config.setPoolName("geopackage");
        config.setMaximumPoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        config.setMinimumIdle(1);
        this.pool = new HikariDataSource(config);
        checkHealth();
    }

    /**
     * Puts a writable file in SQLite's WAL mode (it stays so): readers never wait for a writer
     * and a writer never waits for readers, so a survey response or an edit from QGIS does not
     * stall the map while a slow client is still reading a page or a download.
     */
    private static void useWriteAheadLog(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
            rs.next();
        } catch (SQLException e) {
            throw new FeatureStoreException(
                    "cannot open " + file + " for concurrent reading and writing: " + e.getMessage(), e);
        }
    }

    /** A counter per table of gpkg_contents, raised by triggers on every row written, whoever writes. */
    private static void countWrites(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE IF NOT EXISTS " + VERSIONS
                    + " (table_name TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM gpkg_contents")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                String literal = "'" + table.replace("'", "''") + "'";
                for (String event : List.of("INSERT", "UPDATE", "DELETE")) {
                    String trigger =
                            quote("ruralatlas_count_" + table + "_" + event.toLowerCase(java.util.Locale.ROOT));
                    s.execute("CREATE TRIGGER IF NOT EXISTS " + trigger + " AFTER " + event + " ON " + quote(table)
                            + " BEGIN INSERT INTO " + VERSIONS + " (table_name, version) VALUES (" + literal + ", 1)"
                            + " ON CONFLICT (table_name) DO UPDATE SET version = version + 1; END");
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot add write counters to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FeatureCursor query(FeatureQuery query) {
        Layer out = query.outputLayer();
        List<Object> params = new ArrayList<>();
        String where = where(query, null, params);
        Layer read = readLayer(query);
        if (query.bbox() == null && query.filter() == null) {
            // no exact test needed: the database pages
            String sql = select(read) + where + FeatureRows.orderBy(query, false) + " LIMIT ? OFFSET ?";
            params.add(query.limit() == FeatureQuery.UNLIMITED ? -1 : query.limit());
            params.add(query.offset());
            return open(read, sql, params, JdbcFeatureCursor.JavaPage.sqlDid(out, query));
        }
        Predicate<Feature> exact = query.bbox() == null ? f -> true : intersects(query.bbox());
        Filter filter = query.filter();
        Predicate<Map<String, Object>> byProperties = p -> true;
        if (filter != null && filter.usesGeometry()) {
            exact = exact.and(f -> filter.test(f.properties(), f.geometry()));
        } else if (filter != null) {
            byProperties = p -> filter.test(p, null);
        }
        String sql = select(read) + where + FeatureRows.orderBy(query, false);
        return open(
                read,
                sql,
                params,
                new JdbcFeatureCursor.JavaPage(
                        byProperties,
                        exact,
                        query.offset(),
                        query.limit() == FeatureQuery.UNLIMITED ? Long.MAX_VALUE : query.limit(),
                        out,
                        query));
    }

    /** What the exact tests and the positions need beyond what the query returns: the filter's properties, the geometry. */
    private static Layer readLayer(FeatureQuery query) {
        Layer read = query.readLayer();
        if (read == query.layer()) {
            return read;
        }
        Set<String> names = new LinkedHashSet<>();
        read.properties().forEach(p -> names.add(p.name()));
        boolean geometry =
                read.hasGeometry() || query.bbox() != null && query.layer().hasGeometry();
        if (query.filter() != null) {
            names.addAll(query.filter().properties());
            geometry |= query.filter().usesGeometry();
        }
        return query.layer().narrowedTo(names, geometry);
    }

    /**
     * Every feature of a layer's table in the order the file stores them, unsorted: for loading a
     * whole file, where ordering by an id without an index (a GeoPackage from ogr2ogr) would make
     * SQLite sort the whole table before the first row.
     */
    public FeatureCursor scan(Layer layer) {
        return open(layer, select(layer), List.of(), JdbcFeatureCursor.JavaPage.sqlDid(layer, null));
    }

    @Override
    public long count(FeatureQuery query) {
        return countUpTo(query, Long.MAX_VALUE - 1, java.time.Duration.ZERO).value();
    }

    /**
     * Counts in SQL when SQLite can answer alone; otherwise reads the candidates and tests them,
     * stopping after {@code exactUpTo} + 1 matches, and then estimates with the number of
     * candidates the R-tree and the plain conditions give (a bound from above). The embedded
     * store holds small layers: it is bounded in rows, not in time ({@code budget} is not used),
     * so that a slow machine does not turn its counts into estimates. The candidates are counted
     * after the cursor is closed: a request never holds two of the pool's connections.
     */
    @Override
    public MatchCount countUpTo(FeatureQuery query, long exactUpTo, java.time.Duration budget) {
        FeatureQuery whole = query.startingAfter(null).page(0, FeatureQuery.UNLIMITED);
        if (whole.bbox() == null && whole.filter() == null) {
            return MatchCount.exactly(countCandidates(whole));
        }
        long n = 0;
        try (FeatureCursor c = query(whole.selecting(new PropertySelection(List.of(), false)))) {
            while (n <= exactUpTo && c.hasNext()) {
                c.next();
                n++;
            }
        }
        return n > exactUpTo ? MatchCount.estimated(countCandidates(whole)) : MatchCount.exactly(n);
    }

    /** The rows SQLite selects before the exact tests in Java. */
    private long countCandidates(FeatureQuery whole) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM " + quote(whole.layer().id()) + where(whole, null, params);
        try (Connection c = pool.getConnection();
                PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new FeatureStoreException("counting " + whole.layer().id() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Feature> get(Layer layer, String id) {
        List<Object> params = new ArrayList<>();
        String sql = select(layer) + where(FeatureQuery.all(layer), id, params);
        try (FeatureCursor c = open(layer, sql, params, JdbcFeatureCursor.JavaPage.sqlDid(layer, null))) {
            return c.hasNext() ? Optional.of(c.next()) : Optional.empty();
        }
    }

    @Override
    public Optional<Bbox> extent(Layer layer) {
        if (!layer.hasGeometry()) {
            return Optional.empty();
        }
        Envelope env = new Envelope();
        try (FeatureCursor c = query(FeatureQuery.all(layer))) {
            c.forEachRemaining(f -> env.expandToInclude(f.geometry().getEnvelopeInternal()));
        }
        return env.isNull() ? Optional.empty() : Optional.of(Bbox.of(env));
    }

    @Override
    public Optional<TimeInterval> temporalExtent(Layer layer) {
        if (layer.temporal() == null) {
            return Optional.empty();
        }
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(FeatureRows.temporalExtentSql(layer, quote(layer.id())));
                ResultSet rs = ps.executeQuery()) {
            return FeatureRows.temporalExtent(layer, rs);
        } catch (SQLException e) {
            throw new FeatureStoreException("temporal extent of " + layer.id() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The table's {@code last_change} in {@code gpkg_contents}, which GeoPackage writers keep for
     * exactly this, with the table's write counter when served (not every writer keeps
     * last_change), else with the file's state.
     */
    @Override
    public LayerVersion version(Layer layer) {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        counted
                                ? "SELECT last_change, (SELECT version FROM " + VERSIONS
                                        + " v WHERE v.table_name = g.table_name)"
                                        + " FROM gpkg_contents g WHERE table_name = ?"
                                : "SELECT last_change FROM gpkg_contents WHERE table_name = ?")) {
            ps.setString(1, layer.id());
            try (ResultSet rs = ps.executeQuery()) {
                boolean found = rs.next();
                Instant modified = found ? Instant.parse(rs.getString(1)) : Instant.EPOCH;
                if (counted) {
                    return new LayerVersion((found ? rs.getLong(2) : 0) + "." + modified.toEpochMilli(), modified);
                }
                // in WAL mode a write lands in the -wal file first, and reaches the main file at a checkpoint
                Path wal = file.resolveSibling(file.getFileName() + "-wal");
                String walState = Files.exists(wal)
                        ? "." + Files.size(wal) + "."
                                + Files.getLastModifiedTime(wal).toMillis()
                        : "";
                return new LayerVersion(
                        Files.size(file) + "." + Files.getLastModifiedTime(file).toMillis() + walState + "."
                                + modified.toEpochMilli(),
                        modified);
            }
        } catch (SQLException | java.io.IOException | java.time.format.DateTimeParseException e) {
            throw new FeatureStoreException("version of " + layer.id() + " unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the file afresh (the pool's connections keep reading a file that was deleted, moved
     * or made unreadable under them) and reads its table list, waiting a second at most for a
     * lock; a file that is gone is reported, never created empty.
     */
    @Override
    public void checkHealth() {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.resetOpenMode(org.sqlite.SQLiteOpenMode.CREATE);
        config.setBusyTimeout(1000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM gpkg_contents");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
        } catch (SQLException e) {
            throw new FeatureStoreException("GeoPackage " + file + " is not readable: " + e.getMessage(), e);
        }
    }

    /** The feature and attribute tables the file declares in {@code gpkg_contents}. */
    public List<String> tables() {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes') ORDER BY table_name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new FeatureStoreException("GeoPackage " + file + " is not readable: " + e.getMessage(), e);
        }
    }

    /** The GeoPackage file served. */
    public Path file() {
        return file;
    }

    @Override
    public String description() {
        return "GeoPackage " + file.toAbsolutePath();
    }

    @Override
    public org.ruralatlas.data.change.ChangeFeed watch(
            List<Layer> layers, java.util.function.Consumer<org.ruralatlas.data.change.DataChange> listener) {
        try {
            return GeoPackageChangeFeed.start(pool, this, layers, listener);
        } catch (SQLException e) {
            throw new FeatureStoreException("watching " + description() + " for changes failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static String select(Layer layer) {
        String columns = FeatureRows.propertyColumns(layer) + (layer.hasGeometry() ? ", " + quote("geom") : "");
        return "SELECT " + columns + " FROM " + quote(layer.id());
    }

    /**
     * The conditions SQLite can answer: the common ones, and for the bbox and the filter's
     * spatial part the boxes features must meet, from the table's R-tree (a superset: its float
     * boxes are rounded outward). The exact tests follow in Java.
     */
    private static String where(FeatureQuery q, String id, List<Object> params) {
        List<String> clauses = FeatureRows.commonClauses(q, id, params, GeoPackageWriter::sqliteValue);
        if (q.bbox() != null) {
            // a table of records has no R-tree: no geometry meets any box
            clauses.add(q.layer().hasGeometry() ? rtree(q.layer(), q.bbox().envelopes(), params) : "0");
        }
        if (q.filter() != null) {
            q.filter()
                    .candidateBoxes()
                    .ifPresent(boxes -> clauses.add(boxes.isEmpty() ? "0" : rtree(q.layer(), boxes, params)));
        }
        String after = FeatureRows.keysetClause(q, params, GeoPackageWriter::sqliteValue, false);
        if (after != null) {
            clauses.add(after);
        }
        return FeatureRows.where(clauses);
    }

    private static String rtree(Layer layer, List<Envelope> envelopes, List<Object> params) {
        List<String> boxes = new ArrayList<>();
        for (Envelope e : envelopes) {
            boxes.add("minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?");
            params.add(e.getMaxX());
            params.add(e.getMinX());
            params.add(e.getMaxY());
            params.add(e.getMinY());
        }
        return "fid IN (SELECT id FROM " + quote("rtree_" + layer.id() + "_geom") + " WHERE ("
                + String.join(") OR (", boxes) + "))";
    }

    private static Predicate<Feature> intersects(Bbox bbox) {
        List<Envelope> envs = bbox.envelopes();
        List<Geometry> boxes = envs.stream().map(FACTORY::toGeometry).toList();
        return f -> {
            if (f.geometry() == null) {
                return false;
            }
            Envelope fe = f.geometry().getEnvelopeInternal();
            for (int i = 0; i < envs.size(); i++) {
                if (envs.get(i).covers(fe)
                        || envs.get(i).intersects(fe) && boxes.get(i).intersects(f.geometry())) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Runs {@code sql}, whose rows {@code layer} lays out, through {@code page} when Java tests and pages them. */
    private FeatureCursor open(Layer layer, String sql, List<Object> params, JdbcFeatureCursor.JavaPage page) {
        Connection c = null;
        try {
            c = pool.getConnection();
            PreparedStatement ps = prepare(c, sql, params);
            ResultSet rs = ps.executeQuery();
            WKBReader wkb = new WKBReader(FACTORY);
            FeatureRows.GeometryDecoder geometry = bytes -> GeoPackageGeometry.read(bytes, wkb);
            return new JdbcFeatureCursor(c, ps, rs, layer, geometry, page, false);
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new FeatureStoreException("querying " + layer.id() + " failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }
}
