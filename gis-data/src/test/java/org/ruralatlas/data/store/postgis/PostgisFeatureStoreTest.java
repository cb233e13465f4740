package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ruralatlas.data.load.LoadCommand;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreContract;
import org.ruralatlas.data.testing.TestDatabase;

class PostgisFeatureStoreTest extends FeatureStoreContract {

    private static PostgisFeatureStore store;

    @BeforeAll
    static void load() {
        String url = TestDatabase.freshDatabase("store", true);
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url})).isZero();
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
