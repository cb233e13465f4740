package org.ruralatlas.data.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset as the catalogue describes it. The layer id is also the table name in both stores and
 * the collection id in the API; {@code idProperty} is the column that identifies a feature.
 * Layers of kind {@code records} have no geometry and are not published as collections.
 */
public record Layer(
        String id,
        String kind,
        String idProperty,
        String geometryType,
        LocalizedText title,
        LocalizedText description,
        String licence,
        String attribution,
        Temporal temporal,
        Tiles tiles,
        List<PropertySpec> properties) {

    /** The property pair that gives a feature's validity interval, for the {@code datetime} filter. */
    public record Temporal(String start, String end) {}

    /**
     * The zooms at which the layer appears in vector tiles: below {@code minzoom} its features
     * would be specks (a farm is under a pixel below zoom 12), so its tiles stay empty and small.
     */
    public record Tiles(int minzoom, int maxzoom) {

        public static final Tiles ALL = new Tiles(0, 20);

        public Tiles {
            if (minzoom < 0 || maxzoom > 20 || minzoom > maxzoom) {
                throw new IllegalArgumentException("tile zooms must satisfy 0 <= minzoom <= maxzoom <= 20");
            }
        }
    }

    public Layer {
        tiles = tiles == null ? Tiles.ALL : tiles;
        if (id == null || !id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("layer id must be a lower-case identifier: " + id);
        }
        properties = List.copyOf(properties);
        Map<String, PropertySpec> byName = new LinkedHashMap<>();
        for (PropertySpec p : properties) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("layer " + id + " declares " + p.name() + " twice");
            }
        }
        if (!byName.containsKey(idProperty)) {
            throw new IllegalArgumentException("layer " + id + " has no id property " + idProperty);
        }
        if (temporal != null && (!byName.containsKey(temporal.start()) || !byName.containsKey(temporal.end()))) {
            throw new IllegalArgumentException("layer " + id + " names unknown temporal properties");
        }
    }

    /** True for the layers published as OGC API collections (they have geometry). */
    public boolean isCollection() {
        return "features".equals(kind);
    }

    public boolean hasGeometry() {
        return !"None".equals(geometryType);
    }

    public Optional<PropertySpec> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<PropertySpec> queryables() {
        return properties.stream().filter(PropertySpec::queryable).toList();
    }

    /** Every licence that applies to the layer (more than one where its {@code licence} is an SPDX {@code AND}). */
    public List<Licence> licences() {
        return Licence.of(licence);
    }

    /**
     * This layer as a narrower view sees it, for reading and writing only part of each feature:
     * the named properties (in catalogue order; they include the id property), and the geometry
     * or not (a layer without geometry is written as a table of records).
     */
    public Layer narrowedTo(java.util.Collection<String> names, boolean withGeometry) {
        List<PropertySpec> kept =
                properties.stream().filter(p -> names.contains(p.name())).toList();
        boolean keepsTemporal = temporal != null && names.contains(temporal.start()) && names.contains(temporal.end());
        return new Layer(
                id,
                kind,
                idProperty,
                withGeometry ? geometryType : "None",
                title,
                description,
                licence,
                attribution,
                keepsTemporal ? temporal : null,
                tiles,
                kept);
    }

    Layer withExtraProperties(List<PropertySpec> extra) {
        List<PropertySpec> all = new java.util.ArrayList<>(properties);
        for (PropertySpec p : extra) {
            if (property(p.name()).isEmpty()) {
                all.add(p);
            }
        }
        return new Layer(
                id, kind, idProperty, geometryType, title, description, licence, attribution, temporal, tiles, all);
    }
}
