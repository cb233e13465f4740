package org.ruralatlas.server.survey;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ruralatlas.data.survey.SurveyStore;
import org.ruralatlas.server.config.DatabaseProperties;
import org.ruralatlas.server.config.FeatureStoreConfiguration;
import org.ruralatlas.server.config.GeoPackageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where survey responses are kept: the PostGIS database when one serves, else a SQLite file beside the GeoPackage. */
@Configuration(proxyBeanMethods = false)
public class SurveyConfiguration {

    @Bean(destroyMethod = "close")
    SurveyStore surveyStore(DatabaseProperties db, GeoPackageProperties gpkg, SurveyProperties surveys,
            org.springframework.beans.factory.ObjectProvider<org.ruralatlas.data.store.FeatureStore> ready) {
        ready.getObject(); // the store's start checks (and migration) come first
        if (db.configured()) {
            // responses are rare next to reads: connections open on demand and close when idle
            com.zaxxer.hikari.HikariConfig pool = FeatureStoreConfiguration.pool(db, "surveys", 4);
            pool.setMinimumIdle(0);
            return SurveyStore.postgis(new HikariDataSource(pool));
        }
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
        return SurveyStore.sqlite(file);
    }
}
