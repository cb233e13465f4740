package org.ruralatlas.server.search;

/** A found feature, its score and the weakest way one of the query's words matched it. */
record SearchHit(SearchEntry entry, double score, WordMatch match) {}
