package org.ruralatlas.data.edit;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;

/**
 * Writes of single features, each all or nothing with its audit record. The caller decides what
 * to write from the feature as it is at that moment, held so that no other edit of it can come in
 * between (a row lock in PostGIS, the file's write lock in SQLite): a precondition checked there
 * (an {@code If-Match}, an editor's provinces) holds for the write that follows, whatever the
 * concurrency. Writes go into the layer tables, so the stores' own change announcements (tiles,
 * downloads, search, ETags) follow them as they follow any other write.
 */
public interface FeatureEdits extends AutoCloseable {

    /**
     * In one transaction: reads the feature {@code id} (empty when there is none) and holds it,
     * asks {@code decide} for its new state (empty: delete it), writes that and its revision by
     * {@code actor}, and commits. Whatever {@code decide} throws rolls everything back and is
     * rethrown. Returns the feature as the store holds it after the write (read back in the same
     * transaction, so it is what a later read gives until the next write), or empty when it was
     * deleted or there was none to delete.
     *
     * @throws EditConflictException when a feature with a new feature's id appeared meanwhile
     */
    default Optional<Feature> edit(
            Layer layer, String id, String actor, Function<Optional<Feature>, Optional<Feature>> decide) {
        return edit(layer, id, actor, decide, null);
    }

    /**
     * The same, and {@code alongside} (when not null) written in the same transaction once the feature and its
     * revision are: both commit or neither does, so a decision that an edit carries out (a proposal accepted) is
     * never kept without the edit, nor the edit without it, whatever fails or stops in between. What {@code
     * alongside} throws rolls everything back and is rethrown. It is not called when nothing is written.
     */
    Optional<Feature> edit(
            Layer layer,
            String id,
            String actor,
            Function<Optional<Feature>, Optional<Feature>> decide,
            Alongside alongside);

    /** A write made in an edit's own transaction, on its connection (see {@link #edit(Layer, String, String, Function, Alongside)}). */
    @FunctionalInterface
    interface Alongside {

        /**
         * Writes on {@code c}, the edit's connection, in its transaction: {@code store} is {@link Store#POSTGIS}
         * (the RuralAtlas schema) or {@link Store#GEOPACKAGE} (the GeoPackage file), {@code revision} the number of
         * the revision the edit wrote.
         */
        void write(java.sql.Connection c, Store store, long revision) throws java.sql.SQLException;
    }

    /** Where an edit's transaction runs. */
    enum Store {
        POSTGIS,
        GEOPACKAGE
    }

    /**
     * Inserts new features, all in one transaction audited as {@code actor}'s: streams them into
     * the store as {@code features} gives them, then commits only when no id exists already or
     * comes twice and {@code commit} (asked once the features are all read) says so; otherwise
     * nothing is written. Stores announce the insert as they announce any write.
     */
    Inserted insertAll(
            Layer layer, String actor, java.util.Iterator<Feature> features, java.util.function.BooleanSupplier commit);

    /**
     * What {@link #insertAll} did: the features it read, the rows whose id exists already or comes
     * twice (and the first {@value #MAX_CONFLICTS} such ids), and whether it committed.
     */
    record Inserted(long rows, long conflicts, List<String> conflictIds, boolean committed) {
        public static final int MAX_CONFLICTS = 100;
    }

    /** The revisions of one feature, oldest first; deleted features keep theirs. */
    List<Revision> revisions(Layer layer, String id);

    /**
     * The changes {@code actor} made, newest first: at most {@code limit} with a revision number below {@code
     * before}, so that a page costs its own rows however long the actor's history (an index on the actor and the
     * number).
     */
    List<AccountChange> changesBy(String actor, long before, int limit);

    @Override
    void close();
}
