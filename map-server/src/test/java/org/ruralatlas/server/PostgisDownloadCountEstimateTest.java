package org.ruralatlas.server;

import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link DownloadCountEstimateTest} on PostGIS: the estimate is the planner's. */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = DownloadCountEstimateTest.BOUND)
class PostgisDownloadCountEstimateTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String db = TestDatabase.withSample("countestimate");
        registry.add("ruralatlas.db.url", () -> db);
    }

    @Test
    void largerLayersGiveAnEstimateSaidAsOne() {
        DownloadCountEstimateTest.check("http://127.0.0.1:" + port, true);
    }
}
