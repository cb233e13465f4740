package org.ruralatlas.data.store;

import java.time.Instant;

/**
 * Which version of a layer's data a store holds: {@code tag} changes whenever any row of the layer
 * changes (it feeds ETags), {@code modified} is when that last happened (Last-Modified).
 */
public record LayerVersion(String tag, Instant modified) {}
