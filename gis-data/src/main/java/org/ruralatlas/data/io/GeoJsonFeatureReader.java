package org.ruralatlas.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geojson.FeatureCollection;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.PropertyValues;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a GeoJSON FeatureCollection (RFC 7946) as features of a catalogue layer: properties are
 * typed by the catalogue, unknown ones are reported, missing ones are null.
 */
public final class GeoJsonFeatureReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GeoJsonFeatureReader() {}

    /** The raw features of a file, for code that maps them itself (the sample builder). */
    public static List<org.geojson.Feature> readRaw(InputStream in) {
        try (in) {
            return JSON.readValue(in, FeatureCollection.class).getFeatures();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The features of a file as features of {@code layer}. */
    public static Iterator<Feature> read(Layer layer, InputStream in) {
        List<org.geojson.Feature> raw = readRaw(in);
        for (org.geojson.Feature f : raw) {
            for (String key : f.getProperties().keySet()) {
                if (layer.property(key).isEmpty()) {
                    throw new IllegalArgumentException("property '" + key + "' is not in layer " + layer.id()
                            + "; known: " + layer.properties().stream().map(PropertySpec::name).toList());
                }
            }
        }
        return raw.stream().map(f -> toFeature(layer, f)).iterator();
    }

    private static Feature toFeature(Layer layer, org.geojson.Feature f) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (PropertySpec p : layer.properties()) {
            props.put(p.name(), PropertyValues.fromJson(p, f.getProperties().get(p.name())));
        }
        Object id = props.get(layer.idProperty());
        if (id == null && f.getId() != null) {
            id = f.getId();
            props.put(layer.idProperty(), id.toString());
        }
        if (id == null) {
            throw new IllegalArgumentException("a feature of " + layer.id() + " has no " + layer.idProperty());
        }
        return new Feature(id.toString(), GeoJsonGeometries.toJts(f.getGeometry()), props);
    }
}
