package org.ruralatlas.server.search;

import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.server.health.Workers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The search index, kept in step with the store within its memory budget; its threads watched by health. */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    @Bean(destroyMethod = "close")
    SearchIndexer searchIndexer(FeatureStore store, LayerCatalog catalog, SearchProperties props, Workers workers) {
        SearchIndexer indexer = new SearchIndexer(store, catalog, props.budget());
        workers.register("search indexer", indexer::alive);
        workers.register("search index (data change feed)", indexer.feed()::alive);
        return indexer;
    }
}
