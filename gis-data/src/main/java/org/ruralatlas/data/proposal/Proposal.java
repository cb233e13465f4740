package org.ruralatlas.data.proposal;

import java.time.Instant;
import java.util.List;

/**
 * A correction or a new feature proposed by the public, as the queue keeps it: nothing personal
 * (no address, no account, no device).
 *
 * @param seq the queue's order (assigned by the store; 0 before it is stored)
 * @param id the public id (random)
 * @param layer the collection
 * @param featureId the feature corrected, or the id the new feature will have
 * @param correction true for a correction of an existing feature, false for a new one
 * @param feature the proposal as JSON: for a correction, the GeoJSON Feature of what changes
 *     (a JSON Merge Patch of the feature: the properties named, and the geometry when given);
 *     for a new feature, the whole GeoJSON Feature
 * @param comment the proposer's words, or null
 * @param baseDigest for a correction, the digest of the feature as it was when proposed (its ETag's
 *     opaque part): the correction is accepted only onto that state; null for a new feature
 * @param provinces the 2025 province codes of the feature, before and after the proposal
 * @param status {@value #PENDING}, {@value #ACCEPTED} or {@value #REJECTED}
 * @param decidedBy the reviewer who decided, or null while pending
 * @param reason why it was rejected, or null
 * @param revision the audit revision its acceptance wrote, or null
 */
public record Proposal(
        long seq,
        String id,
        String layer,
        String featureId,
        boolean correction,
        String feature,
        String comment,
        String baseDigest,
        List<String> provinces,
        String status,
        Instant created,
        String decidedBy,
        Instant decidedAt,
        String reason,
        Long revision) {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    public Proposal {
        provinces = List.copyOf(provinces);
    }

    /** This proposal as decided: {@code status} by {@code by} at {@code at}, with the reason or the revision. */
    public Proposal decided(String status, String by, Instant at, String why, Long rev) {
        return new Proposal(
                seq,
                id,
                layer,
                featureId,
                correction,
                feature,
                comment,
                baseDigest,
                provinces,
                status,
                created,
                by,
                at,
                why,
                rev);
    }

    /** A new proposal, pending. */
    public static Proposal pending(
            String id,
            String layer,
            String featureId,
            boolean correction,
            String feature,
            String comment,
            String baseDigest,
            List<String> provinces,
            Instant created) {
        return new Proposal(
                0,
                id,
                layer,
                featureId,
                correction,
                feature,
                comment,
                baseDigest,
                provinces,
                PENDING,
                created,
                null,
                null,
                null,
                null);
    }
}
