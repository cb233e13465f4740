package org.ruralatlas.tiles;

import java.util.List;
import org.ruralatlas.data.catalog.Layer;

/**
 * What a tile holds: one collection's layer ({@code /collections/farms/tiles}) or every
 * collection at once ({@code /tiles}, id {@value #ALL}). Each layer becomes an MVT layer of the
 * same name.
 */
public record TileSet(String id, List<Layer> layers) {

    public static final String ALL = "all";

    public TileSet {
        layers = List.copyOf(layers);
    }

    public static TileSet of(Layer layer) {
        return new TileSet(layer.id(), List.of(layer));
    }

    public boolean contains(String layerId) {
        return layers.stream().anyMatch(l -> l.id().equals(layerId));
    }

    /** The layers that appear at zoom {@code z}. */
    public List<Layer> layersAt(int z) {
        return layers.stream()
                .filter(l -> z >= l.tiles().minzoom() && z <= l.tiles().maxzoom())
                .toList();
    }

    public int minzoom() {
        return layers.stream().mapToInt(l -> l.tiles().minzoom()).min().orElse(0);
    }

    public int maxzoom() {
        return layers.stream().mapToInt(l -> l.tiles().maxzoom()).max().orElse(TileCoord.MAX_ZOOM);
    }
}
