package org.ruralatlas.data.edit;

import java.time.Instant;

/**
 * One committed change that an actor made, as its list of recent changes shows it: the revision's number, the
 * feature and the operation, without the documents (a province's polygon before and after, a hundred times over,
 * is no list). The feature's own revisions have them.
 */
public record AccountChange(long number, String layer, String featureId, Instant at, String operation) {}
