package org.ruralatlas.tiles;

import org.ruralatlas.data.store.StoreCircuit;

/**
 * A producer behind the store's {@link StoreCircuit}: while the database is known to be away a
 * missing tile is refused at once unless a standby serves reads (cached tiles are still served by
 * the cache), and a production that fails has the circuit probe at once.
 */
public final class GuardedTileProducer implements TileProducer {

    private final TileProducer producer;
    private final StoreCircuit circuit;

    public GuardedTileProducer(TileProducer producer, StoreCircuit circuit) {
        this.producer = producer;
        this.circuit = circuit;
    }

    @Override
    public byte[] produce(TileSet set, TileCoord tile, Generalisation generalisation) {
        return circuit.read(() -> producer.produce(set, tile, generalisation));
    }

    @Override
    public void close() {
        producer.close();
    }
}
