package org.ruralatlas.data.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The layers RuralAtlas serves, read from {@code layers.json}: adding a layer or a property is a
 * data change, not a code change. Every layer also gets the common provenance properties.
 */
public final class LayerCatalog {

    private static final String RESOURCE = "/org/ruralatlas/data/catalog/layers.json";

    private record CatalogFile(List<PropertySpec> provenance, List<Layer> layers) {}

    private final List<Layer> layers;

    public LayerCatalog(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The catalogue bundled with RuralAtlas. */
    public static LayerCatalog load() {
        try (InputStream in = LayerCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            CatalogFile file = JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build()
                    .readValue(in, CatalogFile.class);
            return new LayerCatalog(file.layers().stream()
                    .map(l -> l.withExtraProperties(file.provenance()))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every layer, records included, in catalogue order. */
    public List<Layer> all() {
        return layers;
    }

    /** The layers published as collections, in catalogue order. */
    public List<Layer> collections() {
        return layers.stream().filter(Layer::isCollection).toList();
    }

    /** The layers whose items the API serves and edits: the collections, then the tables of records. */
    public List<Layer> itemLayers() {
        return layers.stream().filter(Layer::servesItems).toList();
    }

    public Optional<Layer> layer(String id) {
        return layers.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** The layer with this id; for ids that come from code, not from requests. */
    public Layer require(String id) {
        return layer(id).orElseThrow(() -> new IllegalArgumentException("no layer " + id));
    }
}
