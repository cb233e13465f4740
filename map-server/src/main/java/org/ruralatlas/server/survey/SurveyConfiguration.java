package org.ruralatlas.server.survey;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.survey.SurveyStore;
import org.ruralatlas.server.config.DatabaseProperties;
import org.ruralatlas.server.config.FeatureStoreConfiguration;
import org.ruralatlas.server.config.GeoPackageProperties;
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

    @Bean(destroyMethod = "close")
    SurveyStore surveyStore(DatabaseProperties db, GeoPackageProperties gpkg, SurveyProperties surveys,
            org.springframework.beans.factory.ObjectProvider<FeatureStore> ready) {
        FeatureStore features = ready.getObject(); // the store's start checks (and migration) come first
        SurveyStore store = open(db, gpkg, surveys, features);
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

    private static SurveyStore open(DatabaseProperties db, GeoPackageProperties gpkg, SurveyProperties surveys, FeatureStore features) {
        if (db.configured()) {
            // responses are rare next to reads: connections open on demand and close when idle
            com.zaxxer.hikari.HikariConfig pool = FeatureStoreConfiguration.pool(db, "surveys", 4);
            pool.setMinimumIdle(0);
            return SurveyStore.postgis(new HikariDataSource(pool));
        }
        Path geopackage = ((GeoPackageFeatureStore) features).file();
        Path file = surveys.path();
        if (file == null && gpkg.path() != null) {
            file = gpkg.path().resolveSibling(gpkg.path().getFileName() + ".surveys.sqlite");
        }
        if (file == null) {
            try {
                Path dir = Files.createTempDirectory("ruralatlas-surveys-");
                file = dir.resolve("surveys.sqlite");
                dir.toFile().deleteOnExit();
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return SurveyStore.sqlite(file, geopackage);
    }
}
