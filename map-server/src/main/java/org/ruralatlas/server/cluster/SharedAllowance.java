package org.ruralatlas.server.cluster;

import org.ruralatlas.data.cluster.SharedBuckets;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.server.flow.Allowance;
import org.ruralatlas.server.flow.TokenBuckets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rate limit every server of the PostGIS database counts against together ({@link
 * SharedBuckets} on the primary). While the primary cannot be asked (it is away, reads go on from
 * a standby) this server counts alone in memory rather than refuse or fail what the limit guards:
 * fair use is kept per server for that while, never lost altogether.
 */
final class SharedAllowance implements Allowance {

    private static final Logger LOG = LoggerFactory.getLogger(SharedAllowance.class);

    private final SharedBuckets shared;
    private final TokenBuckets local;
    private final String name;
    private volatile boolean alone;

    SharedAllowance(String name, SharedBuckets shared, TokenBuckets local) {
        this.name = name;
        this.shared = shared;
        this.local = local;
    }

    @Override
    public long take(String key) {
        try {
            long wait = shared.take(key);
            if (alone) {
                alone = false;
                LOG.info("rate limit {} is shared with the other servers again", name);
            }
            return wait;
        } catch (FeatureStoreException e) {
            if (!alone) {
                alone = true;
                LOG.warn(
                        "rate limit {} counted by this server alone while the primary cannot be asked: {}",
                        name,
                        e.getMessage());
            }
            return local.take(key);
        }
    }

    @Override
    public void giveBack(String key) {
        try {
            shared.giveBack(key);
        } catch (FeatureStoreException e) {
            local.giveBack(key);
        }
    }
}
