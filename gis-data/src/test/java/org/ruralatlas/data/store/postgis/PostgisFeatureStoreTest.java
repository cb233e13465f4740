package org.ruralatlas.data.store.postgis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreContract;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

@IntegrationTest
class PostgisFeatureStoreTest extends FeatureStoreContract {

    private static PostgisFeatureStore store;

    @BeforeAll
    static void load() {
        String url = TestDatabase.withSample("store");
        store = new PostgisFeatureStore(TestDatabase.dataSource(url), 30, "test");
        new PostgisSchema(TestDatabase.dataSource(url)).check();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    protected FeatureStore store() {
        return store;
    }
}
