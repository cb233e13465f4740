package org.ruralatlas.data.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A dataset as the catalogue describes it. The layer id is also the table name in both stores and
 * the collection id in the API; {@code idProperty} is the column that identifies a feature.
 * Layers of kind {@code records} have no geometry: their items are served and edited as those of
 * a collection (features with a null geometry), but {@code /collections} does not list them, since
 * the clients that list a server's collections (map viewers, QGIS, the OGC test suite) take each
 * one for a map layer.
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
     * would be specks, so its tiles stay empty and small. With {@code aggregate}, the tiles below
     * {@code aggregate.below} carry counts per cell instead of single features (see {@link Aggregate}).
     */
    public record Tiles(int minzoom, int maxzoom, Aggregate aggregate) {

        public static final Tiles ALL = new Tiles(0, 20, null);

        public Tiles {
            if (minzoom < 0 || maxzoom > 20 || minzoom > maxzoom) {
                throw new IllegalArgumentException("tile zooms must satisfy 0 <= minzoom <= maxzoom <= 20");
            }
            if (aggregate != null && (aggregate.below() <= minzoom || aggregate.below() > maxzoom)) {
                throw new IllegalArgumentException("tile aggregates must end between minzoom and maxzoom");
            }
        }

        /** Whether tiles at zoom {@code z} carry aggregates rather than single features. */
        public boolean aggregatesAt(int z) {
            return aggregate != null && z < aggregate.below();
        }
    }

    /**
     * Where single features are not yet legible (a country of farms at zoom 10), a tile holds one
     * feature per cell of a 64 × 64 grid: a cell with one feature shows that feature, a cell with
     * more shows a point with their {@value #COUNT} and the most common value of {@code by}. The
     * tile's cost is then bounded by its cells, not by the table (PostGIS keeps the counts in a
     * table of its own, kept by trigger).
     */
    public record Aggregate(int below, String by) {
        /** The tile attribute that holds a cell's count (absent on a cell of one feature). */
        public static final String COUNT = "count";
    }

    public Layer {
        tiles = tiles == null ? Tiles.ALL : tiles;
        if (id == null || !id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("layer id must be a lower-case identifier: " + id);
        }
        PropertyList byName = new PropertyList(id, properties);
        properties = byName;
        if (!byName.has(idProperty)) {
            throw new IllegalArgumentException("layer " + id + " has no id property " + idProperty);
        }
        if (temporal != null && (!byName.has(temporal.start()) || !byName.has(temporal.end()))) {
            throw new IllegalArgumentException("layer " + id + " names unknown temporal properties");
        }
        if (tiles.aggregate() != null && (!byName.has(tiles.aggregate().by()) || byName.has(Aggregate.COUNT))) {
            throw new IllegalArgumentException(
                    "layer " + id + " aggregates by an unknown property, or has one named " + Aggregate.COUNT);
        }
    }

    /** True for the layers published as OGC API collections (they have geometry). */
    public boolean isCollection() {
        return "features".equals(kind);
    }

    /** True for the layers whose items the API serves and edits at {@code /collections/{id}/items}: collections and records. */
    public boolean servesItems() {
        return isCollection() || isRecords();
    }

    /** True for the tables of records without geometry (the NTM programme's assessments, recognitions, targets…). */
    public boolean isRecords() {
        return "records".equals(kind);
    }

    public boolean hasGeometry() {
        return !"None".equals(geometryType);
    }

    /** The property called {@code name}, found by hash: imports and edits ask for each value they check. */
    public Optional<PropertySpec> property(String name) {
        return Optional.ofNullable(((PropertyList) properties).byName(name));
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
                tiles.aggregate() == null || names.contains(tiles.aggregate().by())
                        ? tiles
                        : new Tiles(tiles.minzoom(), tiles.maxzoom(), null),
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
