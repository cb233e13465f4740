package org.ruralatlas.server.replicas;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.StoreCircuit;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.data.store.postgis.Replicas;
import org.ruralatlas.server.error.ProblemPages;
import org.ruralatlas.server.health.Workers;
import org.ruralatlas.server.security.SecurityConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Streaming standbys ({@code ruralatlas.db.read-urls}) as operators see them: each one's lag as
 * the gauge {@code ruralatlas.db.replica.lag} (seconds; NaN while it cannot be measured) and
 * whether it serves reads ({@code ruralatlas.db.replica.usable}, 1 or 0), tagged with the
 * standby's host:port/database; the monitor among the workers that liveness watches; and the
 * wait that makes every write readable through the standbys before it answers; and writes
 * refused at once while the primary is away.
 */
@Configuration(proxyBeanMethods = false)
public class ReplicaConfiguration {

    @Bean
    FilterRegistrationBean<ReadYourWritesFilter> readYourWrites(
            FeatureStore store, MeterRegistry meters, Workers workers) {
        Optional<PostgisFeatureStore> postgis =
                store.as(PostgisFeatureStore.class).filter(p -> p.replicas().size() > 0);
        postgis.ifPresent(p -> watch(p.replicas(), meters, workers));
        var registration = new FilterRegistrationBean<>(new ReadYourWritesFilter(postgis.orElse(null)));
        // around the security chain: a write's answer, whoever gives it, leaves only after the wait
        registration.setOrder(SecurityConfiguration.FILTER_ORDER - 1);
        registration.setEnabled(postgis.isPresent());
        return registration;
    }

    /** Before the security chain: a write refused while the primary is away costs no account lookup. */
    @Bean
    FilterRegistrationBean<WritesWhileAway> writesWhileAway(StoreCircuit circuit, ProblemPages pages) {
        var registration = new FilterRegistrationBean<>(new WritesWhileAway(circuit, pages));
        registration.setOrder(SecurityConfiguration.FILTER_ORDER - 2);
        return registration;
    }

    private static void watch(Replicas replicas, MeterRegistry meters, Workers workers) {
        for (int i = 0; i < replicas.size(); i++) {
            int standby = i;
            Gauge.builder("ruralatlas.db.replica.lag", replicas, r -> r.lagSeconds(standby))
                    .baseUnit("seconds")
                    .description("how long ago the primary was at a WAL position this standby has not replayed yet")
                    .tag("standby", replicas.name(i))
                    .register(meters);
            Gauge.builder("ruralatlas.db.replica.usable", replicas, r -> r.usable(standby) ? 1 : 0)
                    .description("1 while this standby serves reads, 0 while its reads go to the primary")
                    .tag("standby", replicas.name(i))
                    .register(meters);
        }
        workers.register("standby monitor", replicas::alive);
    }
}
