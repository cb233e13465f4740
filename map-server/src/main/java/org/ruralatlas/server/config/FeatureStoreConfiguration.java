package org.ruralatlas.server.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.data.store.postgis.PostgisSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the store at start: PostGIS when a database URL is configured, the embedded GeoPackage otherwise. */
@Configuration(proxyBeanMethods = false)
public class FeatureStoreConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureStoreConfiguration.class);

    @Bean
    LayerCatalog layerCatalog() {
        return LayerCatalog.load();
    }

    @Bean(destroyMethod = "close")
    FeatureStore featureStore(DatabaseProperties db, GeoPackageProperties gpkg) {
        FeatureStore store = db.configured() ? postgis(db) : geopackage(gpkg);
        LOG.info("serving {}", store.description());
        return store;
    }

    private static FeatureStore postgis(DatabaseProperties db) {
        if (!db.url().startsWith("jdbc:postgresql:")) {
            throw new FeatureStoreException("ruralatlas.db.url must be a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host:port/database), not '" + db.url().replaceAll("password=[^&]*", "password=***") + "'");
        }
        HikariDataSource ds = new HikariDataSource(pool(db, "postgis", db.poolSize()));
        try {
            PostgisSchema schema = new PostgisSchema(ds);
            if (db.migrate()) {
                schema.migrate();
            }
            String version = schema.check();
            return new PostgisFeatureStore(ds, (int) db.statementTimeout().toSeconds(),
                    "PostGIS " + version + " at " + db.url().replaceAll("password=[^&]*", "password=***"));
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** A connection pool on the configured PostGIS database; one per kind of work. */
    public static HikariConfig pool(DatabaseProperties db, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        config.setConnectionTimeout(10_000);
        // start even when the database is down, so that check() can say why in one sentence
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "ruralatlas");
        return config;
    }

    private static FeatureStore geopackage(GeoPackageProperties gpkg) {
        Path path = gpkg.path();
        if (path == null) {
            return GeoPackageFeatureStore.served(SampleData.temporaryCopy());
        }
        if (!Files.exists(path)) {
            LOG.info("{} does not exist: copying the bundled sample there", path);
            SampleData.copyTo(path);
        }
        return GeoPackageFeatureStore.served(path);
    }
}
