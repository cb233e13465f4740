package org.ruralatlas.data.account;

import java.time.Instant;

/** An API token as it is listed: never its secret, which is shown once and kept only as a digest. */
public record ApiToken(String id, String account, String label, Instant created, Instant expires, Instant revoked) {

    public boolean usable(Instant now) {
        return revoked == null && now.isBefore(expires);
    }
}
