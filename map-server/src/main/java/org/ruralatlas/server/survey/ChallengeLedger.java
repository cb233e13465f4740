package org.ruralatlas.server.survey;

import java.time.Instant;

/**
 * Where used proof-of-work challenges are remembered: the survey store, so that a challenge is
 * used once on every server of the same database (or file) and across restarts.
 */
@FunctionalInterface
interface ChallengeLedger {

    /** Records the challenge {@code id}, valid until {@code expires}, as used; false when it already was. */
    boolean firstUse(String id, Instant expires);
}
