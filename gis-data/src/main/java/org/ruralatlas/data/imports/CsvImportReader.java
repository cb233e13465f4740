package org.ruralatlas.data.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.io.GeoJsonGeometries;

/**
 * A CSV file (RFC 4180, UTF-8, a header line) read record by record with Commons CSV. The geometry
 * is a WKT column ({@code wkt}, {@code geometry}, {@code geom}) or a pair of coordinate columns
 * ({@code lon}/{@code lat}, {@code longitude}/{@code latitude}, {@code x}/{@code y},
 * {@code kinh_do}/{@code vi_do}), in the CRS given with the import (CSV declares none). Empty
 * cells are null; every other value is text, typed later by the layer's schema.
 */
final class CsvImportReader implements ImportReader {

    private static final List<String> WKT = List.of("wkt", "geometry", "geom", "the_geom");
    private static final List<String> X = List.of("lon", "lng", "longitude", "x", "kinh_do", "easting");
    private static final List<String> Y = List.of("lat", "latitude", "y", "vi_do", "northing");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final String wkt;
    private final String x;
    private final String y;
    private final WKTReader wktReader = new WKTReader(GeoJsonGeometries.FACTORY);
    private long number;

    CsvImportReader(Path file) {
        try {
            Reader reader = new java.io.InputStreamReader(
                    Files.newInputStream(file),
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            this.parser =
                    CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (CharacterCodingException e) {
            throw new MalformedImportException("the CSV file is not UTF-8 text");
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            throw new MalformedImportException("the CSV file's header cannot be read: " + e.getMessage(), e);
        }
        this.header = parser.getHeaderNames();
        this.records = parser.iterator();
        this.wkt = column(WKT);
        this.x = column(X);
        this.y = column(Y);
        if (wkt == null && (x == null || y == null)) {
            close();
            throw new MalformedImportException(
                    "the CSV file has no geometry: give a WKT column (" + String.join(", ", WKT)
                            + ") or coordinate columns (" + String.join("/", X) + " and " + String.join("/", Y) + ")");
        }
    }

    private String column(List<String> names) {
        for (String h : header) {
            if (names.contains(h.toLowerCase(Locale.ROOT))) {
                return h;
            }
        }
        return null;
    }

    @Override
    public Optional<Crs> declaredCrs() {
        return Optional.empty();
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw new MalformedImportException("the CSV file is broken after line " + (number + 1) + ": "
                    + (e.getCause() instanceof CharacterCodingException
                            ? "it is not UTF-8 text"
                            : String.valueOf(e.getCause().getMessage())));
        }
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord r = records.next();
        long row = ++number;
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> geometryColumns = new java.util.HashSet<>(java.util.Arrays.asList(wkt, x, y));
        for (int i = 0; i < header.size() && i < r.size(); i++) {
            String name = header.get(i);
            if (!geometryColumns.contains(name)) {
                String v = r.get(i);
                values.put(name, v.isEmpty() ? null : v);
            }
        }
        if (r.size() != header.size()) {
            return new ImportRow(
                    row,
                    null,
                    values,
                    null,
                    "line " + (r.getRecordNumber() + 1) + " has " + r.size() + " values for " + header.size()
                            + " columns");
        }
        try {
            return new ImportRow(row, null, values, geometry(r), null);
        } catch (IllegalArgumentException | ParseException e) {
            return new ImportRow(row, null, values, null, e.getMessage());
        }
    }

    private Geometry geometry(CSVRecord r) throws ParseException {
        if (wkt != null) {
            String text = r.get(wkt);
            return text.isEmpty() ? null : wktReader.read(text);
        }
        String a = r.get(x);
        String b = r.get(y);
        if (a.isEmpty() && b.isEmpty()) {
            return null;
        }
        try {
            return GeoJsonGeometries.FACTORY.createPoint(new Coordinate(Double.parseDouble(a), Double.parseDouble(b)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(x + " and " + y + " must be numbers: '" + a + "', '" + b + "' are not");
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // closing a file we only read
        }
    }
}
