package org.ruralatlas.data.edit;

import java.time.Instant;
import org.ruralatlas.data.feature.Feature;

/**
 * One committed change of one feature, as the audit keeps it for ever: its number (increasing
 * with every change of any feature), who made it (an account, the admin token, or
 * {@value #OUTSIDE} for a write made straight into the database), when, and the feature before
 * and after (null before an insert, null after a delete).
 */
public record Revision(
        long number,
        String layer,
        String featureId,
        String actor,
        Instant at,
        String operation,
        Feature before,
        Feature after) {

    /** The actor of a write that did not come through RuralAtlas (psql, QGIS, an ETL script). */
    public static final String OUTSIDE = "outside RuralAtlas";
}
