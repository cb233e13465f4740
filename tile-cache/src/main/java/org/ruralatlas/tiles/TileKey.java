package org.ruralatlas.tiles;

/** A tile of a tile set, as the caches know it. */
public record TileKey(String set, TileCoord tile) {}
