package org.ruralatlas.server.flow;

/** A rate limit by key (a client, a commune): in this process ({@link TokenBuckets}) or shared by every server of a PostGIS database. */
public interface Allowance {

    /** Takes a token for the key: 0 when taken, else the whole seconds (at least 1) until one is there. */
    long take(String key);

    /** Gives back a token taken by {@link #take} for something that did not happen after all. */
    void giveBack(String key);
}
