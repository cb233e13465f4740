package org.ruralatlas.data.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.ImportCrs;
import org.ruralatlas.data.io.GeoJsonGeometries;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GeoJSON FeatureCollection read token by token (Jackson's streaming parser): one feature in
 * memory at a time. The legacy {@code crs} member (GeoJSON 2008, still written by GDAL for
 * projected data: {@code {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::9210"}}})
 * declares the CRS when it comes before the features, as GDAL writes it; after them it is too
 * late for a stream and the file is refused (give the {@code crs} parameter instead).
 */
final class GeoJsonImportReader implements ImportReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectReader VALUE =
            JSON.readerFor(Object.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final InputStream in;
    private final JsonParser parser;
    private Crs declared;
    private boolean inArray;
    private boolean ended;
    private boolean featuresSeen;
    private long number;
    private ImportRow next;

    GeoJsonImportReader(Path file) {
        try {
            this.in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            this.parser = JSON.createParser(in);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedImportException("not a GeoJSON FeatureCollection: the file does not start with {");
            }
            // read the members before "features", so that a crs member there is known before the first row
            while (!inArray && !ended) {
                member();
            }
        } catch (JacksonException e) {
            close();
            throw malformed(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public Optional<Crs> declaredCrs() {
        return Optional.ofNullable(declared);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            try {
                next = advance();
            } catch (JacksonException e) {
                throw malformed(e);
            }
        }
        return next != null;
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportRow r = next;
        next = null;
        return r;
    }

    private ImportRow advance() {
        while (true) {
            if (inArray) {
                JsonToken t = parser.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    inArray = false;
                    continue;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new MalformedImportException("a member of \"features\" is not an object at " + where());
                }
                return feature();
            }
            if (ended) {
                return null;
            }
            member();
        }
    }

    /** Reads the collection's next member; stops inside "features", at the start of its array. */
    private void member() {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_OBJECT) {
            ended = true;
            if (!featuresSeen) {
                throw new MalformedImportException("not a GeoJSON FeatureCollection: it has no \"features\" member");
            }
            return;
        }
        if (t == null) {
            throw new MalformedImportException("the file ends inside the FeatureCollection");
        }
        String member = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (member) {
            case "features" -> {
                if (value != JsonToken.START_ARRAY || featuresSeen) {
                    throw new MalformedImportException("\"features\" is not one array at " + where());
                }
                featuresSeen = true;
                inArray = true;
            }
            case "crs" -> crs(VALUE.readValue(parser));
            case "type" -> {
                if (!"FeatureCollection".equals(parser.getValueAsString())) {
                    throw new MalformedImportException(
                            "not a GeoJSON FeatureCollection: its type is " + parser.getValueAsString());
                }
            }
            default -> parser.skipChildren();
        }
    }

    private void crs(Object value) {
        if (featuresSeen) {
            throw new MalformedImportException(
                    "the crs member comes after the features; move it before them or give the crs parameter");
        }
        String name = value instanceof Map<?, ?> m && m.get("properties") instanceof Map<?, ?> p
                ? String.valueOf(p.get("name"))
                : null;
        if (name == null) {
            throw new MalformedImportException(
                    "the crs member is not {\"type\": \"name\", \"properties\": {\"name\": …}}");
        }
        String code = name.replaceFirst("(?i)^urn:ogc:def:crs:EPSG:[0-9.]*:", "EPSG:")
                .replaceFirst("(?i)^urn:ogc:def:crs:OGC:[0-9.]*:", "");
        declared = ImportCrs.byCode(code)
                .orElseThrow(
                        () -> new MalformedImportException(
                                "the file's crs " + name
                                        + " is not one RuralAtlas reprojects from (CRS84, EPSG:4326, 3857, 3405, 3406, VN-2000 TM-3 zones)"));
    }

    private ImportRow feature() {
        long row = ++number;
        Map<String, Object> values = new LinkedHashMap<>();
        Geometry geometry = null;
        String problem = null;
        String id = null;
        boolean isFeature = false;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "type" -> isFeature = "Feature".equals(parser.getValueAsString());
                case "id" -> id = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                case "properties" -> {
                    if (value == JsonToken.START_OBJECT) {
                        Object v = VALUE.readValue(parser);
                        if (v instanceof Map<?, ?> m) {
                            m.forEach((k, x) -> values.put(String.valueOf(k), x));
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw new MalformedImportException("the properties of feature " + row + " are not an object");
                    }
                }
                case "geometry" -> {
                    if (value == JsonToken.START_OBJECT) {
                        try {
                            geometry = GeoJsonGeometries.read(parser);
                        } catch (IllegalArgumentException e) {
                            problem = e.getMessage();
                            skipRestOfObject();
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        problem = "geometry is not a GeoJSON geometry object";
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (!isFeature && problem == null) {
            problem = "feature " + row + " is not of \"type\": \"Feature\"";
        }
        return new ImportRow(row, id, values, geometry, problem);
    }

    /** After a geometry that could not be read: on to the end of its object, whatever its depth. */
    private void skipRestOfObject() {
        int depth = 1;
        while (depth > 0) {
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw new MalformedImportException("the file ends inside a geometry");
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            }
        }
    }

    private String where() {
        var l = parser.currentLocation();
        return "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    private MalformedImportException malformed(JacksonException e) {
        return new MalformedImportException("not valid JSON: " + e.getOriginalMessage() + " (" + where() + ")", e);
    }

    @Override
    public void close() {
        try {
            if (parser != null) {
                parser.close();
            }
            in.close();
        } catch (IOException | JacksonException e) {
            // closing a file we only read
        }
    }
}
