package org.ruralatlas.server.proposals;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.ruralatlas.data.proposal.ProposalStore;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.survey.SurveyStore;
import org.ruralatlas.server.cluster.Cluster;
import org.ruralatlas.server.config.DatabaseProperties;
import org.ruralatlas.server.config.FeatureStoreConfiguration;
import org.ruralatlas.server.survey.PublicWriteGate;
import org.ruralatlas.server.survey.SurveyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the queue of proposals is kept: the PostGIS database when one serves (a small pool of its
 * own, opened on demand), else a SQLite file beside the GeoPackage, as the survey responses and
 * the accounts are; and the survey's friction, for proposals.
 */
@Configuration(proxyBeanMethods = false)
public class ProposalConfiguration {

    /** Made after the feature store (its start checks and migration come first), and closed before it. */
    @Bean(destroyMethod = "close")
    ProposalStore proposalStore(DatabaseProperties db, ProposalProperties proposals, FeatureStore features) {
        if (db.configured()) {
            return ProposalStore.postgis(new HikariDataSource(FeatureStoreConfiguration.pool(db, "proposals", 2)));
        }
        Path geopackage =
                features.as(GeoPackageFeatureStore.class).orElseThrow().file();
        return ProposalStore.sqlite(
                proposals.path() != null
                        ? proposals.path()
                        : geopackage.resolveSibling(geopackage.getFileName() + ".proposals.sqlite"),
                geopackage);
    }

    @Bean
    PublicWriteGate proposalGate(
            SurveyStore surveys, SurveyProperties survey, ProposalProperties proposals, Cluster cluster) {
        return new PublicWriteGate(
                surveys, survey, cluster, "proposal", proposals.perIpPerHour(), proposals.perCollectionPerHour());
    }
}
