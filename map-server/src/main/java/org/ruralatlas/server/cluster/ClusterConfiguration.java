package org.ruralatlas.server.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import org.ruralatlas.data.cluster.ClusterState;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.server.config.DatabaseProperties;
import org.ruralatlas.server.config.FeatureStoreConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link Cluster}: on PostGIS a small pool of its own on the primary (made after the store, whose start migrates the schema). */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    @Bean(destroyMethod = "close")
    Cluster cluster(FeatureStore store, DatabaseProperties db) {
        if (store.as(PostgisFeatureStore.class).isEmpty()) {
            return Cluster.alone();
        }
        // a take is one short statement; a seeding job's lock keeps a connection while the job runs
        HikariConfig pool = FeatureStoreConfiguration.pool(db, "cluster", 6);
        return new Cluster(Optional.of(new ClusterState(new HikariDataSource(pool))));
    }
}
