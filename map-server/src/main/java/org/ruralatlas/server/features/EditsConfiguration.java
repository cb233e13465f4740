package org.ruralatlas.server.features;

import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.edit.FeatureEdits;
import org.ruralatlas.data.edit.FeatureValidator;
import org.ruralatlas.data.edit.GeoPackageEdits;
import org.ruralatlas.data.edit.NtmRecordRules;
import org.ruralatlas.data.edit.PostgisEdits;
import org.ruralatlas.data.edit.Provinces;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.server.config.DatabaseProperties;
import org.ruralatlas.server.config.FeatureStoreConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Edits go to the store that serves: PostGIS through its pool, the GeoPackage through its file. */
@Configuration(proxyBeanMethods = false)
public class EditsConfiguration {

    /**
     * On PostGIS a small pool of its own (see {@link PostgisEdits}); a writer waits up to ten seconds
     * for a connection, as edits of one feature queue on its row lock.
     */
    @Bean(destroyMethod = "close")
    FeatureEdits featureEdits(FeatureStore store, DatabaseProperties db, LayerCatalog catalog) {
        return store.as(PostgisFeatureStore.class)
                .<FeatureEdits>map(p -> {
                    com.zaxxer.hikari.HikariConfig pool = FeatureStoreConfiguration.pool(db, "edits", 4);
                    pool.setConnectionTimeout(Math.max(pool.getConnectionTimeout(), 10_000));
                    return new PostgisEdits(
                            new com.zaxxer.hikari.HikariDataSource(pool),
                            p.timeoutSeconds(),
                            catalog.require("communes"));
                })
                .orElseGet(() -> geopackageEdits(store, catalog));
    }

    /** The file's edits, its lineage ids upgraded first as PostGIS's migration V21 does. */
    private static FeatureEdits geopackageEdits(FeatureStore store, LayerCatalog catalog) {
        GeoPackageEdits edits = new GeoPackageEdits(
                store.as(GeoPackageFeatureStore.class).orElseThrow().file(), catalog.require("communes"));
        catalog.layer("unit_lineage").ifPresent(edits::giveIdsOneSegment);
        return edits;
    }

    @Bean
    Provinces provinces(FeatureStore store, LayerCatalog catalog) {
        return new Provinces(store, catalog.require("provinces"));
    }

    @Bean
    NtmRecordRules ntmRecordRules(FeatureStore store, LayerCatalog catalog) {
        return new NtmRecordRules(store, catalog.require("communes"));
    }

    @Bean
    FeatureValidator featureValidator(Provinces provinces) {
        return new FeatureValidator(provinces);
    }
}
