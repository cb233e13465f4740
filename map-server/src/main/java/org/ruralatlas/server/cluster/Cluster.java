package org.ruralatlas.server.cluster;

import java.time.Duration;
import java.util.Optional;
import org.ruralatlas.data.cluster.ClusterState;
import org.ruralatlas.server.flow.Allowance;
import org.ruralatlas.server.flow.TokenBuckets;

/**
 * What must hold across every server of the same data: on PostGIS, rate limits and locks kept on
 * the primary ({@link ClusterState}), so a limit holds and a job runs once whichever replica a
 * request reaches; on a GeoPackage (one server per file) the same in this process.
 */
public final class Cluster implements AutoCloseable {

    private final Optional<ClusterState> shared;

    /** @param shared the state the servers of a PostGIS database share; empty: this process alone */
    public Cluster(Optional<ClusterState> shared) {
        this.shared = shared;
    }

    /** This process alone (tests, GeoPackage). */
    public static Cluster alone() {
        return new Cluster(Optional.empty());
    }

    /** A rate limit named {@code name}: {@code capacity} at once, refilled at {@code refills} per {@code period}; capacity 0 turns it off. */
    public Allowance allowance(String name, int capacity, int refills, Duration period) {
        TokenBuckets local = new TokenBuckets(capacity, refills, period);
        if (shared.isEmpty() || capacity == 0) {
            return local;
        }
        return new SharedAllowance(name, shared.get().buckets(name, capacity, refills, period), local);
    }

    /**
     * The cluster-wide lock {@code name} while the lease is open, or empty when another server holds
     * it; alone, always granted (this process's own rules apply).
     */
    public Optional<ClusterState.Lease> tryLock(String name) {
        return shared.isEmpty() ? Optional.of(() -> {}) : shared.get().tryLock(name);
    }

    @Override
    public void close() {
        shared.ifPresent(ClusterState::close);
    }
}
