package org.ruralatlas.data.proposal;

/** A proposal was decided already (by another reviewer, or by an acceptance whose copy a crash stopped). */
public final class ProposalDecidedException extends RuntimeException {

    public ProposalDecidedException(String id) {
        super("the proposal " + id + " has been decided already");
    }
}
