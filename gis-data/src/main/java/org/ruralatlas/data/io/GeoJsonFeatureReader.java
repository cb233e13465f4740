package org.ruralatlas.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.geojson.FeatureCollection;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.PropertyValues;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a GeoJSON FeatureCollection (RFC 7946) as features of a catalogue layer: properties are
 * typed by the catalogue, unknown ones are reported, missing ones are null. Features are read one
 * at a time, token by token, straight into the layer's typed properties and JTS geometries, so a
 * file of any size is read in bounded memory and at the speed the loader needs.
 */
public final class GeoJsonFeatureReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A list or object value within a feature: what follows it is the rest of the feature, not an error. */
    private static final ObjectReader VALUE =
            JSON.readerFor(Object.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private GeoJsonFeatureReader() {}

    /** The raw features of a (small) file, for code that maps them itself (the sample builder). */
    public static List<org.geojson.Feature> readRaw(InputStream in) {
        try (in) {
            return JSON.readValue(in, FeatureCollection.class).getFeatures();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The features of a file as features of {@code layer}, streamed: the iterator reads the next
     * feature when asked and closes the stream when closed (it is {@link AutoCloseable}).
     * Malformed input fails with {@link IllegalArgumentException} naming where.
     */
    public static Iterator<Feature> read(Layer layer, InputStream in) {
        return new Features(layer, in);
    }

    private static final class Features implements Iterator<Feature>, AutoCloseable {

        private final Layer layer;
        private final Map<String, PropertySpec> byName = new HashMap<>();
        private final InputStream in;
        private final JsonParser parser;
        private boolean inArray;
        private boolean ended;
        private Feature next;

        Features(Layer layer, InputStream in) {
            this.layer = layer;
            layer.properties().forEach(p -> byName.put(p.name(), p));
            this.in = in;
            try {
                this.parser = JSON.createParser(in);
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException(
                            "not a GeoJSON FeatureCollection: the file does not start with an object");
                }
            } catch (JacksonException e) {
                throw malformed(e);
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null && !ended) {
                next = advance();
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

        /** The next feature of the "features" array (wherever it is among the collection's members), or null at the end. */
        private Feature advance() {
            try {
                while (true) {
                    if (inArray) {
                        JsonToken t = parser.nextToken();
                        if (t == JsonToken.END_ARRAY) {
                            inArray = false;
                            continue;
                        }
                        if (t != JsonToken.START_OBJECT) {
                            throw new IllegalArgumentException("not a GeoJSON feature at " + where());
                        }
                        return feature();
                    }
                    JsonToken t = parser.nextToken();
                    if (t == JsonToken.END_OBJECT || t == null) {
                        ended = true;
                        return null;
                    }
                    String member = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("features".equals(member)) {
                        if (value != JsonToken.START_ARRAY) {
                            throw new IllegalArgumentException("\"features\" is not an array at " + where());
                        }
                        inArray = true;
                    } else {
                        parser.skipChildren();
                    }
                }
            } catch (JacksonException e) {
                throw malformed(e);
            }
        }

        /** The feature object the parser stands on, read member by member into the layer's typed properties. */
        private Feature feature() {
            Map<String, Object> props = new LinkedHashMap<>();
            layer.properties().forEach(p -> props.put(p.name(), null));
            Object id = null;
            Geometry geometry = null;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String member = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (member) {
                    case "geometry" -> geometry = value == JsonToken.VALUE_NULL ? null : GeoJsonGeometries.read(parser);
                    case "id" -> id = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    case "properties" -> {
                        if (value == JsonToken.START_OBJECT) {
                            properties(props);
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw new IllegalArgumentException("\"properties\" is not an object at " + where());
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            Object ownId = props.get(layer.idProperty());
            if (ownId == null && id != null) {
                ownId = id;
                props.put(layer.idProperty(), id);
            }
            if (ownId == null) {
                throw new IllegalArgumentException("a feature of " + layer.id() + " has no " + layer.idProperty());
            }
            return new Feature(ownId.toString(), geometry, props);
        }

        private void properties(Map<String, Object> props) {
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String key = parser.currentName();
                PropertySpec spec = byName.get(key);
                if (spec == null) {
                    throw new IllegalArgumentException(
                            "property '" + key + "' is not in layer " + layer.id() + "; known: "
                                    + layer.properties().stream()
                                            .map(PropertySpec::name)
                                            .toList());
                }
                Object raw = switch (parser.nextToken()) {
                    case VALUE_NULL -> null;
                    case VALUE_STRING -> parser.getString();
                    case VALUE_NUMBER_INT -> parser.getNumberValue();
                    case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    default -> VALUE.readValue(parser);
                };
                props.put(key, PropertyValues.fromJson(spec, raw));
            }
        }

        private String where() {
            var l = parser.currentLocation();
            return "line " + l.getLineNr() + ", column " + l.getColumnNr();
        }

        private IllegalArgumentException malformed(JacksonException e) {
            return new IllegalArgumentException("not valid GeoJSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")"));
        }

        @Override
        public void close() {
            try {
                parser.close();
                in.close();
            } catch (IOException | JacksonException e) {
                // nothing more to read
            }
        }
    }
}
