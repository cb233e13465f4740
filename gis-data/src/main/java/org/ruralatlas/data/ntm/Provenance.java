package org.ruralatlas.data.ntm;

import java.time.LocalDate;

/**
 * Where a record comes from, as every NTM record layer states it: the source and its date, the
 * licence, and whether it is illustrative sample data rather than an observation.
 *
 * @param sample null when the record does not say
 */
public record Provenance(String source, LocalDate sourceDate, String licence, Boolean sample) {}
