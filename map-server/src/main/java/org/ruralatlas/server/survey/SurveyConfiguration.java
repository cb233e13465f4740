package org.ruralatlas.server.survey;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.data.survey.SurveyStore;
import org.ruralatlas.server.config.DatabaseProperties;
import org.ruralatlas.server.config.FeatureStoreConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where survey responses are kept: the PostGIS database when one serves, else a SQLite file beside
 * the GeoPackage (attached to it, so a response and its commune's satisfaction commit together).
 * At start, communes whose satisfaction disagrees with their responses (stored before the
 * communes carried it, or by another program) are brought in line once.
 */
@Configuration(proxyBeanMethods = false)
public class SurveyConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyConfiguration.class);

    /** Made after the feature store (its start checks and migration come first), and closed before it. */
    @Bean(destroyMethod = "close")
    SurveyStore surveyStore(DatabaseProperties db, SurveyProperties surveys, FeatureStore features) {
        SurveyStore store = open(db, surveys, features);
        try {
            int changed = store.reconcile();
            if (changed > 0) {
                LOG.info("satisfaction_pct of {} communes brought in line with their survey responses", changed);
            }
        } catch (FeatureStoreException e) {
            // a read-only database user: the server still serves, and says why the values may lag
            LOG.warn("communes' satisfaction_pct not reconciled with the survey responses: {}", e.getMessage());
        }
        return store;
    }

    private static SurveyStore open(DatabaseProperties db, SurveyProperties surveys, FeatureStore features) {
        if (db.configured()) {
            // responses are rare next to reads: a small pool, whose connections open on demand. Responses
            // to one commune queue on its row lock, so they may wait for a connection longer than a
            // read would; while the database is away SurveyService refuses them at once anyway
            com.zaxxer.hikari.HikariConfig pool = FeatureStoreConfiguration.pool(db, "surveys", 4);
            pool.setConnectionTimeout(Math.max(pool.getConnectionTimeout(), 10_000));
            // the aggregates (statistics) read on the standbys, like the features
            org.ruralatlas.data.store.postgis.Replicas replicas =
                    features.as(PostgisFeatureStore.class).orElseThrow().replicas();
            return SurveyStore.postgis(FeatureStoreConfiguration.readRoute(
                    db, new HikariDataSource(pool), replicas, "surveys-read", 4, null));
        }
        Path geopackage =
                features.as(GeoPackageFeatureStore.class).orElseThrow().file();
        // beside the GeoPackage: the configured file, or the sample's copy in this run's scratch folder
        Path file = surveys.path() != null
                ? surveys.path()
                : geopackage.resolveSibling(geopackage.getFileName() + ".surveys.sqlite");
        return SurveyStore.sqlite(file, geopackage);
    }
}
