package org.ruralatlas.server.security;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.server.config.DatabaseProperties;
import org.ruralatlas.server.config.FeatureStoreConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where accounts are kept: the PostGIS database when one serves (a small pool of its own, opened
 * on demand), else a SQLite file beside the GeoPackage, as the survey responses are.
 */
@Configuration(proxyBeanMethods = false)
public class AccountConfiguration {

    /** Made after the feature store (its start checks and migration come first), and closed before it. */
    @Bean(destroyMethod = "close")
    AccountStore accountStore(DatabaseProperties db, AccountProperties accounts, FeatureStore features) {
        if (db.configured()) {
            HikariDataSource primary = new HikariDataSource(FeatureStoreConfiguration.pool(db, "accounts", 4));
            // tokens are checked on a standby while the primary is away (AccountTokenProvider)
            return features.as(PostgisFeatureStore.class)
                    .map(p -> AccountStore.postgis(
                            FeatureStoreConfiguration.readRoute(db, primary, p.replicas(), "accounts-read", 2, null)))
                    .orElseGet(() -> AccountStore.postgis(primary));
        }
        Path geopackage =
                features.as(GeoPackageFeatureStore.class).orElseThrow().file();
        return AccountStore.sqlite(
                accounts.path() != null
                        ? accounts.path()
                        : geopackage.resolveSibling(geopackage.getFileName() + ".accounts.sqlite"));
    }
}
