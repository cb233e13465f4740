package org.ruralatlas.server.search;

import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.server.health.Workers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Search: by the store itself where it can (PostGIS, nothing in memory); otherwise (the embedded
 * GeoPackage) an index kept in step with the store within its memory budget, its threads watched by health.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    @Bean(destroyMethod = "close")
    Search search(FeatureStore store, LayerCatalog catalog, SearchProperties props, Workers workers) {
        return store.nameSearch(catalog)
                .<Search>map(names -> new DatabaseSearch(names, catalog))
                .orElseGet(() -> {
                    SearchIndexer indexer = new SearchIndexer(store, catalog, props.budget());
                    workers.register("search indexer", indexer::alive);
                    workers.register("search index (data change feed)", indexer.feed()::alive);
                    return indexer;
                });
    }
}
