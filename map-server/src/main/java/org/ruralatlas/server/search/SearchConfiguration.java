package org.ruralatlas.server.search;

import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.store.FeatureStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The search index, kept in step with the store. */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    @Bean(destroyMethod = "close")
    SearchIndexer searchIndexer(FeatureStore store, LayerCatalog catalog) {
        return new SearchIndexer(store, catalog);
    }
}
