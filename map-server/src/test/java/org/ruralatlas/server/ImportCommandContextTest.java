package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.edit.FeatureEdits;
import org.ruralatlas.data.edit.Provinces;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.server.imports.ImportProperties;
import org.ruralatlas.server.search.SearchIndexer;
import org.ruralatlas.tiles.TileCache;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line's import starts what an import needs, bound from the server's settings, and
 * none of the server's costly parts (issue 14: they cost it about 20 s of CPU): no search index,
 * tile cache, change feed or web server.
 */
class ImportCommandContextTest {

    @TempDir
    Path dir;

    @Test
    void startsTheStoreAndTheEditsOnly() {
        Path gpkg = SampleData.copyTo(dir.resolve("lean.gpkg"));
        try (ConfigurableApplicationContext ctx =
                ImportCommand.start("--ruralatlas.geopackage.path=" + gpkg, "--ruralatlas.imports.max-zip-entries=7")) {
            assertThat(ctx.getBean(LayerCatalog.class).layer("farms")).isPresent();
            assertThat(ctx.getBean(FeatureEdits.class)).isNotNull();
            assertThat(ctx.getBean(Provinces.class)).isNotNull();
            assertThat(ctx.getBean(ImportProperties.class).maxZipEntries()).isEqualTo(7);
            assertThat(ctx.getBeanNamesForType(SearchIndexer.class)).isEmpty();
            assertThat(ctx.getBeanNamesForType(org.ruralatlas.server.search.Search.class))
                    .isEmpty();
            assertThat(ctx.getBeanNamesForType(TileCache.class)).isEmpty();
            assertThat(ctx.getBeanNamesForType(ChangeFeed.class)).isEmpty();
            assertThat(ctx.getClass().getName()).doesNotContainIgnoringCase("web");
            assertThat(ctx.getBeanDefinitionCount()).isLessThan(40);
        }
    }
}
