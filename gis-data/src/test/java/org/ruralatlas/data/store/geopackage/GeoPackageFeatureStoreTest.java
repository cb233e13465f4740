package org.ruralatlas.data.store.geopackage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreContract;
import org.ruralatlas.data.store.FeatureStoreException;

class GeoPackageFeatureStoreTest extends FeatureStoreContract {

    private static GeoPackageFeatureStore store;

    @BeforeAll
    static void open() {
        store = new GeoPackageFeatureStore(SampleData.temporaryCopy());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    protected FeatureStore store() {
        return store;
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> new GeoPackageFeatureStore(Path.of("/nonexistent/x.gpkg")))
                .isInstanceOf(FeatureStoreException.class).hasMessageContaining("does not exist");
    }
}
